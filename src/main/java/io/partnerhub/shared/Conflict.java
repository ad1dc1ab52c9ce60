package io.partnerhub.shared;

import java.util.List;

import org.springframework.http.HttpStatus;

/** The request contradicts what is already stored (a second claim, a duplicate). */
public class Conflict extends ProblemException {
    public Conflict(String detail) {
        super(HttpStatus.CONFLICT, detail, List.of());
    }
}
