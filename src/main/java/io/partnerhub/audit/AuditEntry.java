package io.partnerhub.audit;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One state-changing request.
 *
 * @param outcome DONE (2xx), REFUSED (4xx), FAILED (5xx)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEntry(long id, Instant at, String actor, Long partnerId, String method, String path, int status,
                         String outcome) {
}
