package io.partnerhub.shared;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.springframework.stereotype.Component;

/**
 * The platform's current day and instant. Days are counted in Moscow time, the zone of every
 * shipped program (PROGRAMS.md, "Period").
 */
@Component
public class Today {

    public static final ZoneId ZONE = ZoneId.of("Europe/Moscow");

    private final Clock clock;

    public Today(Clock clock) {
        this.clock = clock;
    }

    public LocalDate date() {
        return LocalDate.now(clock.withZone(ZONE));
    }

    public Instant now() {
        return clock.instant();
    }
}
