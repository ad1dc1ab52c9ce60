package io.partnerhub.portal;

import org.springframework.security.core.AuthenticationException;

import java.time.Duration;
import java.time.Instant;

/** Too many failed sign-ins for the account or from the address: refused until {@code until}, password unchecked. */
final class SignInThrottled extends AuthenticationException {

    private final Instant until;

    SignInThrottled(Instant until) {
        super("Too many failed sign-ins; try again after " + until);
        this.until = until;
    }

    /** Whole minutes to wait from {@code now}, at least one. */
    long minutesLeftAt(Instant now) {
        long seconds = Math.max(Duration.between(now, until).toSeconds(), 1);
        return (seconds + 59) / 60;
    }
}
