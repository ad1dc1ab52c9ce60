package io.partnerhub.shared;

import java.util.List;

import org.springframework.http.HttpStatus;

/** A request body or an upload's content beyond its configured limit (413); nothing is stored. */
public class ContentTooLarge extends ProblemException {
    public ContentTooLarge(String detail) {
        super(HttpStatus.CONTENT_TOO_LARGE, detail, List.of());
    }
}
