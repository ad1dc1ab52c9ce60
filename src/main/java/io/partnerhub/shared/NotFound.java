package io.partnerhub.shared;

import java.util.List;

import org.springframework.http.HttpStatus;

/** The thing does not exist, or the caller may not see it (a partner never learns which). */
public class NotFound extends ProblemException {
    public NotFound(String what, Object id) {
        super(HttpStatus.NOT_FOUND, "No " + what + " " + id + ".", List.of());
    }
}
