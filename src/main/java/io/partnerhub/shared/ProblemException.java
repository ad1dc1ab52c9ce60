package io.partnerhub.shared;

import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;

/**
 * A request the platform refuses, answered as an RFC 9457 problem. Subclasses name the broken rule;
 * {@code errors} lists the fields or lines concerned.
 */
public abstract class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final List<FieldProblem> errors;
    private Phrase words;

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

    /**
     * The refusal in words a page reads in its own language (bundle key and arguments); the API's
     * problem keeps its English {@code detail} and {@code errors} as clients have always read them.
     */
    public ProblemException worded(Phrase words) {
        this.words = words;
        return this;
    }

    /** The refusal as a page words it, where the code that refused gave its words. */
    public Optional<Phrase> words() {
        return Optional.ofNullable(words);
    }

    /** One entry of a problem's {@code errors}: the field (or line) and what is wrong with it. */
    public record FieldProblem(String field, String message) {
    }
}
