package io.partnerhub;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A platform's clock that a scenario test sets: whatever instant {@code now} holds. */
public final class SetClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    public SetClock(AtomicReference<Instant> now) {
        this(now, ZoneOffset.UTC);
    }

    private SetClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new SetClock(now, zone);
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
