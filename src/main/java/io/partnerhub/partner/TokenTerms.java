package io.partnerhub.partner;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long partner tokens live ({@code partnerhub.tokens.*}, environment
 * {@code PARTNERHUB_TOKENS_*}; ISO-8601 durations such as {@code P365D} or {@code PT1H}).
 *
 * @param defaultLifetime a token issued or rotated without {@code expiresOn}/{@code expiresAt} expires
 *                        this long after it is made; unset (the default): it does not expire, so
 *                        integrations that never asked for an expiry keep working
 * @param rotationOverlap how long a rotated token keeps working next to its successor, so a client
 *                        can switch without a failed request (default one hour; zero stops it at once)
 * @param readsAfterExit  how long after its exit date a partner that left the program may still
 *                        read its own data (its final statement, payout and events) with its tokens
 */
@ConfigurationProperties(prefix = "partnerhub.tokens")
record TokenTerms(Duration defaultLifetime,
                  @DefaultValue("PT1H") Duration rotationOverlap,
                  @DefaultValue("P90D") Duration readsAfterExit) {

    TokenTerms {
        if (defaultLifetime != null && (defaultLifetime.isZero() || defaultLifetime.isNegative())) {
            throw new IllegalArgumentException("partnerhub.tokens.default-lifetime must be positive: " + defaultLifetime);
        }
        if (rotationOverlap.isNegative() || readsAfterExit.isNegative()) {
            throw new IllegalArgumentException("partnerhub.tokens durations cannot be negative");
        }
    }

    /** Days, for the exit's read window: the platform counts days, not hours, after an exit. */
    long readDaysAfterExit() {
        return readsAfterExit.toDays();
    }
}
