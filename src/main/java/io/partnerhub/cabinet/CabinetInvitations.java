package io.partnerhub.cabinet;

import io.partnerhub.portal.PortalUsers;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.ProblemException;
import io.partnerhub.shared.RuleViolation;
import io.partnerhub.shared.Today;
import io.partnerhub.shared.Tokens;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The link an invited cabinet user follows: it opens under its own partner only (another
 * partner's address for it is 404), sets a password by the portal's rules, and works once.
 */
@Component
class CabinetInvitations {

    /** An invitation that can be used: whom it lets in. */
    record Open(long id, long userId, long partnerId, String email) {
    }

    /** A link expired, used or replaced by a newer one: 410. */
    static final class Gone extends ProblemException {
        enum Why { EXPIRED, USED, REPLACED }

        final Why why;

        Gone(Why why) {
            super(HttpStatus.GONE, "This invitation link is " + why.name().toLowerCase(Locale.ROOT)
                    + " and can no longer be used.", List.of());
            this.why = why;
        }
    }

    private final JdbcClient jdbc;
    private final CabinetUsers users;
    private final PasswordEncoder passwords;
    private final Today today;

    CabinetInvitations(JdbcClient jdbc, CabinetUsers users, PasswordEncoder passwords, Today today) {
        this.jdbc = jdbc;
        this.users = users;
        this.passwords = passwords;
        this.today = today;
    }

    Open open(long partnerId, String token) {
        return usable(partnerId, token, false);
    }

    /** Sets the password and spends the link; 422 naming {@code password} for one the rules refuse. */
    @Transactional
    Open accept(long partnerId, String token, String password) {
        Open invitation = usable(partnerId, token, true);
        switch (PortalUsers.problemWith(password).orElse(null)) {
            case TOO_SHORT -> throw RuleViolation.of("password", "needs at least " + PortalUsers.MIN_PASSWORD + " characters");
            case TOO_LONG -> throw RuleViolation.of("password", "may be at most " + PortalUsers.MAX_PASSWORD_BYTES
                    + " bytes in UTF-8");
            case null -> {
            }
        }
        users.activate(invitation.userId(), passwords.encode(password), invitation.id(), today.now());
        return invitation;
    }

    private Open usable(long partnerId, String token, boolean forUpdate) {
        record Row(Open open, Instant expiresAt, Instant usedAt, Instant voidedAt) {
        }
        Row row = jdbc.sql("""
                        select i.*, u.partner_id, u.email from cabinet_invitation i join cabinet_user u on u.id = i.user_id
                         where i.token_hash = :hash and u.partner_id = :partner""" + (forUpdate ? " for update of i" : ""))
                .param("hash", Tokens.hash(token == null ? "" : token)).param("partner", partnerId)
                .query((rs, i) -> new Row(new Open(rs.getLong("id"), rs.getLong("user_id"), rs.getLong("partner_id"),
                        rs.getString("email")), rs.getTimestamp("expires_at").toInstant(),
                        rs.getTimestamp("used_at") == null ? null : rs.getTimestamp("used_at").toInstant(),
                        rs.getTimestamp("voided_at") == null ? null : rs.getTimestamp("voided_at").toInstant()))
                .optional().orElseThrow(() -> new NotFound("invitation", "link"));
        if (row.usedAt() != null) {
            throw new Gone(Gone.Why.USED);
        }
        if (row.voidedAt() != null) {
            throw new Gone(Gone.Why.REPLACED);
        }
        if (!today.now().isBefore(row.expiresAt())) {
            throw new Gone(Gone.Why.EXPIRED);
        }
        return row.open();
    }
}
