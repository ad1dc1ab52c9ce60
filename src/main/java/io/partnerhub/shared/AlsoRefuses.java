package io.partnerhub.shared;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On an operation: a refusal it gives beyond those the platform's rules give every operation of its
 * kind (see {@code ApiDocs}), such as the 403 of an operator-only read. Documented in the OpenAPI
 * document as the shared problem response of that status.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface AlsoRefuses {

    /** The statuses: 403, 404, 409, 422. */
    int[] value();
}
