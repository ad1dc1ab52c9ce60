package io.partnerhub.partner;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.partnerhub.shared.Caller;
import io.partnerhub.shared.PartnerTokens;
import io.partnerhub.shared.Today;
import io.partnerhub.shared.Tokens;

/**
 * Partner tokens looked up by their SHA-256; the tokens themselves are never stored. A token works
 * while it is neither revoked nor expired (a rotated token expires at the end of its overlap) and
 * its partner is in the program: a revocation ends every token on its day (Moscow), an exit leaves
 * them reading only, for {@link TokenTerms#readsAfterExit()} after the exit date.
 */
@Component
class StoredPartnerTokens implements PartnerTokens {

    /** Last use is kept to the minute: one write a minute per token, not one per request. */
    private static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final Today today;
    private final PartnerAccess access;

    StoredPartnerTokens(JdbcClient jdbc, Today today, PartnerAccess access) {
        this.jdbc = jdbc;
        this.today = today;
        this.access = access;
    }

    /** A stored token with what decides whether it works today. */
    private record Stored(long id, long partnerId, Instant revokedAt, Instant expiresAt, Long successor,
                          Instant lastUsedAt, LocalDate partnerRevokedOn, LocalDate exitDate) {
    }

    @Override
    public Optional<Standing> resolve(String token) {
        Optional<Stored> stored = jdbc.sql("""
                        select t.id, t.partner_id, t.revoked_at, t.expires_at, t.last_used_at, s.id as successor,
                               r.revoked_on, e.exit_date
                          from partner_token t
                          left join partner_token s on s.rotated_from = t.id
                          left join revocation r on r.partner_id = t.partner_id
                          left join exit_notice e on e.partner_id = t.partner_id
                         where t.token_hash = :hash""")
                .param("hash", Tokens.hash(token))
                .query(StoredPartnerTokens::stored).optional();
        Optional<Standing> standing = stored.map(this::standing);
        if (stored.isPresent() && !(standing.get() instanceof Ended)) {
            noteUse(stored.get());
        }
        return standing;
    }

    private Standing standing(Stored t) {
        Instant now = today.now();
        Caller.Partner caller = new Caller.Partner(t.partnerId(), t.id());
        if (t.revokedAt() != null) {
            return new Ended("This token was revoked at " + t.revokedAt() + ".");
        }
        if (t.expiresAt() != null && !now.isBefore(t.expiresAt())) {
            return new Ended(t.successor() != null
                    ? "This token was replaced by token " + t.successor() + " and stopped working at " + t.expiresAt() + "."
                    : "This token expired at " + t.expiresAt() + ".");
        }
        return switch (access.judge(t.partnerRevokedOn(), t.exitDate())) {
            case PartnerAccess.Ended ended when ended.revokedOn() != null -> new Ended("Partner " + t.partnerId()
                    + "'s status is revoked from " + ended.revokedOn() + ": its tokens no longer work.");
            case PartnerAccess.Ended ended -> new Ended("Partner " + t.partnerId() + " left the program on "
                    + ended.exitDate() + "; its tokens stopped working on " + ended.endedOn() + ".");
            case PartnerAccess.ReadOnly left -> new ReadOnly(caller, "Partner " + t.partnerId() + " left the program on "
                    + left.exitDate() + ": its tokens only read its own data, up to and including " + left.lastDay() + ".");
            case PartnerAccess.Full full -> new Valid(caller);
        };
    }

    private void noteUse(Stored t) {
        Instant now = today.now();
        if (t.lastUsedAt() == null || t.lastUsedAt().plus(LAST_USE_PRECISION).isBefore(now)) {
            jdbc.sql("update partner_token set last_used_at = :now where id = :id")
                    .param("now", Timestamp.from(now)).param("id", t.id()).update();
        }
    }

    private static Stored stored(ResultSet rs, int row) throws SQLException {
        return new Stored(rs.getLong("id"), rs.getLong("partner_id"), instant(rs, "revoked_at"),
                instant(rs, "expires_at"), rs.getObject("successor", Long.class), instant(rs, "last_used_at"),
                rs.getObject("revoked_on", LocalDate.class), rs.getObject("exit_date", LocalDate.class));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
