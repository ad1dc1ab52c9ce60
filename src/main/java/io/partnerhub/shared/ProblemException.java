package io.partnerhub.shared;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A request the platform refuses, answered as an RFC 9457 problem. Subclasses name the broken rule;
 * {@code errors} lists the fields or lines concerned.
 */
public abstract class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final List<FieldProblem> errors;

    protected ProblemException(HttpStatus status, String detail, List<FieldProblem> errors) {
        super(detail);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public HttpStatus status() {
        return status;
    }

    public List<FieldProblem> errors() {
        return errors;
    }

    /** One entry of a problem's {@code errors}: the field (or line) and what is wrong with it. */
    public record FieldProblem(String field, String message) {
    }
}
