package io.partnerhub.partner;

import java.util.List;

import org.springframework.http.HttpStatus;

import io.partnerhub.shared.ProblemException;

/** A partner token asked to rotate another token of its partner: only an operator may. */
class TokenRotatesOnlyItself extends ProblemException {
    TokenRotatesOnlyItself(long tokenId) {
        super(HttpStatus.FORBIDDEN, "A partner token rotates only itself; token " + tokenId
                + " is another one. Ask an operator to rotate or revoke it.", List.of());
    }
}
