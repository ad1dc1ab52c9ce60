package io.partnerhub.customer;

import java.util.List;

import org.springframework.http.HttpStatus;

import io.partnerhub.shared.ProblemException;

/** A confirmation link that existed but can no longer be used: it expired or was withdrawn (410). */
class ConfirmationGone extends ProblemException {
    ConfirmationGone(String detail) {
        super(HttpStatus.GONE, detail, List.of());
    }
}
