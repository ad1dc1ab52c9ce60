package io.partnerhub.event;

import java.time.Instant;
import java.util.Map;

/** One lifecycle event: who did what, to what, when. */
public record Event(long id, Instant at, String actor, Long partnerId, String type, String subject, String summary,
                    Map<String, String> data) {
}
