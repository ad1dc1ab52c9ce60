package io.partnerhub.partner;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.partnerhub.shared.Caller;
import io.partnerhub.shared.Conflict;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.ProblemException;
import io.partnerhub.shared.RuleViolation;
import io.partnerhub.shared.Today;
import io.partnerhub.shared.Tokens;

/**
 * A partner's API tokens: issued by an operator, listed without their secrets, revoked, and
 * rotated into a successor. Only a token's SHA-256 is stored; the secret is shown once, in the
 * answer that makes it. Whether a presented token works is {@link StoredPartnerTokens}' call.
 */
@Service
public class PartnerApiTokens {

    private final JdbcClient jdbc;
    private final Partners partners;
    private final Today today;
    private final TokenTerms terms;

    PartnerApiTokens(JdbcClient jdbc, Partners partners, Today today, TokenTerms terms) {
        this.jdbc = jdbc;
        this.partners = partners;
        this.today = today;
        this.terms = terms;
    }

    /** The secret, shown once; {@code expiresAt} null: it does not expire. */
    record IssuedToken(long id, long partnerId, String token, String label, Instant expiresAt, Long rotatedFrom) {
    }

    /** When a new token should stop: a day (the first it no longer works, Moscow), an instant, or the default. */
    record Expiry(LocalDate expiresOn, Instant expiresAt) {
        static final Expiry DEFAULT = new Expiry(null, null);
    }

    /** How a rotated token ends: after the overlap of {@link TokenTerms#rotationOverlap()}, or at once. */
    enum OldTokenEnds { AFTER_OVERLAP, AT_ONCE }

    record TokenInfo(long id, String label, Instant createdAt, String createdBy, Instant expiresAt, Instant lastUsedAt,
                     Instant revokedAt, Long rotatedFrom, Long replacedBy, Status status) {
    }

    @Schema(name = "TokenStatus")
    enum Status { ACTIVE, EXPIRED, REVOKED }

    /** A new partner-scoped token (operator). */
    @Transactional
    IssuedToken issue(Caller caller, long partnerId, String label, Expiry expiry) {
        caller.requireOperator("issue partner tokens");
        refuseGonePartner(partners.find(caller, partnerId));
        return insert(caller, partnerId, label, expiresAt(expiry), null);
    }

    /** A new token with the default expiry, for an operator's tool (the demo data): its secret, shown once. */
    @Transactional
    public String issueSecret(Caller caller, long partnerId, String label) {
        return issue(caller, partnerId, label, Expiry.DEFAULT).token();
    }

    /** The partner's tokens, without their secrets: the operator's, or a partner's own. */
    List<TokenInfo> list(Caller caller, long partnerId) {
        partners.find(caller, partnerId);
        return jdbc.sql(SELECT + " where t.partner_id = :partner order by t.id")
                .param("partner", partnerId).query(this::info).list();
    }

    /** Revokes a token at once: it authenticates nothing from now on. Revoking twice changes nothing. */
    @Transactional
    TokenInfo revoke(Caller caller, long partnerId, long tokenId) {
        caller.requireOperator("revoke partner tokens");
        partners.find(caller, partnerId);
        int updated = jdbc.sql("""
                        update partner_token set revoked_at = coalesce(revoked_at, :now)
                         where id = :id and partner_id = :partner""")
                .param("now", Timestamp.from(today.now())).param("id", tokenId).param("partner", partnerId)
                .update();
        if (updated == 0) {
            throw new NotFound("token", tokenId);
        }
        return one(partnerId, tokenId);
    }

    /**
     * A successor for a working token: the operator rotates any, a partner only the token it
     * presents. The old token ends after the configured overlap (never later than it would have
     * anyway) or at once; the new one keeps the old one's label unless given one.
     */
    @Transactional
    IssuedToken rotate(Caller caller, long partnerId, long tokenId, String label, Expiry expiry, OldTokenEnds ends) {
        refuseGonePartner(partners.find(caller, partnerId));
        if (caller instanceof Caller.Partner self && self.tokenId() != tokenId) {
            throw new TokenRotatesOnlyItself(tokenId);
        }
        TokenInfo old = jdbc.sql(SELECT + " where t.id = :id and t.partner_id = :partner for update of t")
                .param("id", tokenId).param("partner", partnerId).query(this::info).optional()
                .orElseThrow(() -> new NotFound("token", tokenId));
        if (old.status() != Status.ACTIVE || old.replacedBy() != null) {
            throw new Conflict("Token " + tokenId + " is " + (old.replacedBy() != null
                    ? "already replaced by token " + old.replacedBy() : old.status()) + "; only a working token is rotated.");
        }
        Instant now = today.now();
        Instant oldEnds = ends == OldTokenEnds.AT_ONCE ? now : now.plus(terms.rotationOverlap());
        if (old.expiresAt() != null && old.expiresAt().isBefore(oldEnds)) {
            oldEnds = old.expiresAt();
        }
        IssuedToken successor = insert(caller, partnerId, label != null ? label : old.label(), expiresAt(expiry), tokenId);
        jdbc.sql("update partner_token set expires_at = :ends where id = :id")
                .param("ends", Timestamp.from(oldEnds)).param("id", tokenId).update();
        return successor;
    }

    private IssuedToken insert(Caller caller, long partnerId, String label, Instant expiresAt, Long rotatedFrom) {
        String token = Tokens.generate("ph_");
        long id = jdbc.sql("""
                        insert into partner_token (partner_id, token_hash, label, created_at, created_by, expires_at,
                                                   rotated_from)
                        values (:partner, :hash, :label, :now, :by, :expires, :from) returning id""")
                .param("partner", partnerId).param("hash", Tokens.hash(token)).param("label", label)
                .param("now", Timestamp.from(today.now())).param("by", caller.name())
                .param("expires", expiresAt == null ? null : Timestamp.from(expiresAt)).param("from", rotatedFrom)
                .query(Long.class).single();
        return new IssuedToken(id, partnerId, token, label, expiresAt, rotatedFrom);
    }

    /** The instant a new token stops working; refuses one that is not in the future. */
    private Instant expiresAt(Expiry expiry) {
        Instant now = today.now();
        if (expiry.expiresOn() != null && expiry.expiresAt() != null) {
            throw new RuleViolation("give expiresOn or expiresAt, not both", List.of(
                    new ProblemException.FieldProblem("expiresOn", "give expiresOn or expiresAt, not both"),
                    new ProblemException.FieldProblem("expiresAt", "give expiresOn or expiresAt, not both")));
        }
        if (expiry.expiresOn() != null) {
            if (!expiry.expiresOn().isAfter(today.date())) {
                throw RuleViolation.of("expiresOn", "expiresOn is the first day the token no longer works and must"
                        + " be after today (" + today.date() + "); it was " + expiry.expiresOn());
            }
            return expiry.expiresOn().atStartOfDay(Today.ZONE).toInstant();
        }
        if (expiry.expiresAt() != null) {
            if (!expiry.expiresAt().isAfter(now)) {
                throw RuleViolation.of("expiresAt", "expiresAt must be in the future (now is " + now + "); it was "
                        + expiry.expiresAt());
            }
            return expiry.expiresAt();
        }
        return terms.defaultLifetime() == null ? null : now.plus(terms.defaultLifetime());
    }

    private static void refuseGonePartner(Partner partner) {
        if (partner.status() == PartnerStatus.REVOKED || partner.status() == PartnerStatus.EXITED) {
            throw new Conflict("Partner " + partner.id() + " is " + partner.status() + "; a token of it would not work.");
        }
    }

    private TokenInfo one(long partnerId, long tokenId) {
        return jdbc.sql(SELECT + " where t.id = :id and t.partner_id = :partner")
                .param("id", tokenId).param("partner", partnerId).query(this::info).single();
    }

    private static final String SELECT = """
            select t.*, s.id as replaced_by from partner_token t
              left join partner_token s on s.rotated_from = t.id""";

    private TokenInfo info(ResultSet rs, int row) throws SQLException {
        Instant expiresAt = StoredPartnerTokens.instant(rs, "expires_at");
        Instant revokedAt = StoredPartnerTokens.instant(rs, "revoked_at");
        Status status = revokedAt != null ? Status.REVOKED
                : expiresAt != null && !today.now().isBefore(expiresAt) ? Status.EXPIRED : Status.ACTIVE;
        return new TokenInfo(rs.getLong("id"), rs.getString("label"), rs.getTimestamp("created_at").toInstant(),
                rs.getString("created_by"), expiresAt, StoredPartnerTokens.instant(rs, "last_used_at"), revokedAt,
                rs.getObject("rotated_from", Long.class), rs.getObject("replaced_by", Long.class), status);
    }
}
