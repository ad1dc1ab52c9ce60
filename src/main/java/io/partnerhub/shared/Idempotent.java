package io.partnerhub.shared;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On an operation that creates (201): a client may send it again, and a repeat of what is stored
 * already answers 200 with the stored thing and changes nothing. Documented in the OpenAPI document
 * as a 200 response of the 201's body, described by {@link #value()}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Idempotent {

    /** When the 200 comes: what counts as a repeat. */
    String value();
}
