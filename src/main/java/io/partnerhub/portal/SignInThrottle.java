package io.partnerhub.portal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Failed sign-ins counted per account (the e-mail typed, known or not) and per client address in
 * PostgreSQL, so every instance agrees. Failures in a row (no quiet gap of a whole window since the
 * last failure or lock) lock the subject once they reach its limit, for a delay that doubles with
 * each further failure ({@link SignInLimits}). A successful sign-in clears the account's count,
 * not the address's: one good account must not reset an address that is guessing others. The
 * customer cabinet counts its own accounts here too, under names that cannot be a portal e-mail.
 */
@Component
public class SignInThrottle {

    private final JdbcClient jdbc;
    private final SignInLimits limits;

    SignInThrottle(JdbcClient jdbc, SignInLimits limits) {
        this.jdbc = jdbc;
        this.limits = limits;
    }

    /** Until when signing in as {@code email} from {@code address} is refused, if it is at {@code now}. */
    public Optional<Instant> lockedUntil(String email, String address, Instant now) {
        return jdbc.sql("""
                        select max(locked_until) from sign_in_throttle
                         where subject in (:subjects) and locked_until > :now""")
                .param("subjects", List.of(account(email), address(address))).param("now", Timestamp.from(now))
                .query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    /** Counts a wrong password for the account and the address, locking either at its limit. */
    @Transactional
    public void failed(String email, String address, Instant now) {
        count(account(email), limits.accountFailures(), now);
        count(address(address), limits.addressFailures(), now);
        // subjects quiet for a whole window count nothing any more
        jdbc.sql("""
                        delete from sign_in_throttle
                         where last_failure_at < :quietSince and coalesce(locked_until, last_failure_at) < :quietSince""")
                .param("quietSince", Timestamp.from(now.minus(limits.window()))).update();
    }

    public void succeeded(String email) {
        jdbc.sql("delete from sign_in_throttle where subject = :subject").param("subject", account(email)).update();
    }

    private void count(String subject, int limit, Instant now) {
        int failures = jdbc.sql("""
                        insert into sign_in_throttle as t (subject, failures, last_failure_at) values (:subject, 1, :now)
                        on conflict (subject) do update set
                            failures = case when greatest(t.last_failure_at, coalesce(t.locked_until, t.last_failure_at))
                                                 < :quietSince then 1 else t.failures + 1 end,
                            last_failure_at = :now
                        returning failures""")
                .param("subject", subject).param("now", Timestamp.from(now))
                .param("quietSince", Timestamp.from(now.minus(limits.window())))
                .query(Integer.class).single();
        if (failures >= limit) {
            jdbc.sql("update sign_in_throttle set locked_until = :until where subject = :subject")
                    .param("until", Timestamp.from(now.plus(limits.lockAfter(failures, limit))))
                    .param("subject", subject).update();
        }
    }

    private static String account(String email) {
        return "account:" + (email == null ? "" : email.strip().toLowerCase(Locale.ROOT));
    }

    private static String address(String address) {
        return "address:" + (address == null ? "unknown" : address);
    }
}
