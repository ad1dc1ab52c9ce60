package io.partnerhub.portal;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * When sign-in is throttled ({@code partnerhub.sign-in.*}, docs/portal.md).
 *
 * @param accountFailures failures for one e-mail that lock it
 * @param addressFailures failures from one client address that lock it (for every account)
 * @param window          failures are counted until this long passes without one (nor a lock)
 * @param lockout         the first lock; each further failure doubles it
 * @param maxLockout      the longest lock
 */
@ConfigurationProperties(prefix = "partnerhub.sign-in")
record SignInLimits(int accountFailures, int addressFailures, Duration window, Duration lockout,
                    Duration maxLockout) {

    SignInLimits {
        accountFailures = accountFailures <= 0 ? 5 : accountFailures;
        addressFailures = addressFailures <= 0 ? 50 : addressFailures;
        window = window == null ? Duration.ofMinutes(15) : window;
        lockout = lockout == null ? Duration.ofMinutes(1) : lockout;
        maxLockout = maxLockout == null ? Duration.ofHours(1) : maxLockout;
    }

    /** The lock after {@code failures} failures in a row against a limit of {@code limit}. */
    Duration lockAfter(int failures, int limit) {
        int doublings = Math.min(failures - limit, 20);
        Duration lock = lockout.multipliedBy(1L << doublings);
        return lock.compareTo(maxLockout) > 0 ? maxLockout : lock;
    }
}
