package io.partnerhub.shared;

import java.util.List;

import org.springframework.http.HttpStatus;

/** An action reserved for the provider's operators, attempted with a partner token. */
public class OperatorOnly extends ProblemException {
    public OperatorOnly(String action) {
        super(HttpStatus.FORBIDDEN, "Only an operator may " + action + ".", List.of());
    }
}
