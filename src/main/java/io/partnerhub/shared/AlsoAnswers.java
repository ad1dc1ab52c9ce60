package io.partnerhub.shared;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a JSON operation: it also answers another representation of the same resource when asked by
 * {@code ?format=} (the PDF of an invoice) or by {@code Accept} (a statement as CSV). The OpenAPI document shows both on this
 * operation (the {@code format} parameter, the second media type); the handler that answers the
 * other representation is hidden from the document, as it is the same operation to a client.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface AlsoAnswers {

    /** The value of {@code format} asking for it: {@code pdf}, {@code csv}; none: asked for by {@code Accept}. */
    String format() default "";

    /** Its media type: {@code application/pdf}, {@code text/csv}. */
    String mediaType();

    /** Whether {@code lang=ru|en} chooses its language (Russian by default). */
    boolean inLanguage() default false;
}
