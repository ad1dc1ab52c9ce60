package io.partnerhub.shared;

import java.util.List;

import org.springframework.http.HttpStatus;

/** Well-formed input that a rule of the platform or of a program refuses (422). */
public class RuleViolation extends ProblemException {
    public RuleViolation(String detail) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, detail, List.of());
    }

    public RuleViolation(String detail, List<FieldProblem> errors) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, detail, errors);
    }

    public static RuleViolation of(String field, String message) {
        return new RuleViolation(message, List.of(new FieldProblem(field, message)));
    }
}
