package io.partnerhub.portal;

import io.partnerhub.partner.Partners;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.OperatorOnly;
import io.partnerhub.shared.RuleViolation;
import io.partnerhub.shared.Today;
import io.partnerhub.shared.Tokens;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Invitations to a partner's portal: its ADMIN (or an operator) invites a person by e-mail with a
 * role and passes on a one-time link; the invitee sets a password there and becomes the partner's
 * user. Only the token's hash is stored. A link works for {@link #VALID_FOR}, once; inviting the
 * same e-mail to the same partner again while one is pending gives a fresh link and voids the old
 * one, so there is never more than one live link per person and partner.
 */
@Service
class Invitations {

    static final Duration VALID_FOR = Duration.ofDays(7);

    // The partner's name is read with the invitation so the open page can say whom the invitee joins.
    private static final String SELECT = """
            select i.*, p.name as partner_name
              from portal_invitation i join partner_name_view p on p.partner_id = i.partner_id""";

    record Invitation(long id, long partnerId, String partnerName, String email, String displayName,
                      PortalUsers.Role role, Instant createdAt, Instant expiresAt, Instant usedAt, Instant voidedAt) {

        /** Why the link cannot be used at {@code now}, or null when it can. */
        InvitationGone.Why unusableAt(Instant now) {
            if (usedAt != null) {
                return InvitationGone.Why.USED;
            }
            if (voidedAt != null) {
                return InvitationGone.Why.REPLACED;
            }
            return now.isBefore(expiresAt) ? null : InvitationGone.Why.EXPIRED;
        }
    }

    /** A new invitation and the token of its link, which exists only here. */
    record Issued(Invitation invitation, String token) {
        String path() {
            return "/invitations/" + token;
        }
    }

    private final JdbcClient jdbc;
    private final Partners partners;
    private final PortalUsers users;
    private final Today today;

    Invitations(JdbcClient jdbc, Partners partners, PortalUsers users, Today today) {
        this.jdbc = jdbc;
        this.partners = partners;
        this.users = users;
        this.today = today;
    }

    /** Invites a person to the partner's portal; 422 naming the field for bad input. */
    @Transactional
    Issued invite(Caller caller, long partnerId, String email, String displayName, String role) {
        partners.find(caller, partnerId);
        if (!users.managesUsersOf(caller, partnerId)) {
            throw new OperatorOnly("invite users (or the partner's ADMIN)");
        }
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (!PortalUsers.EMAIL.matcher(address).matches()) {
            throw RuleViolation.of("email", "is not an e-mail address: '" + (email == null ? "" : email) + "'");
        }
        if (users.byEmail(address).isPresent()) {
            throw RuleViolation.of("email", "a portal user with e-mail " + address + " exists already");
        }
        if (displayName == null || displayName.isBlank()) {
            throw RuleViolation.of("displayName", "is required");
        }
        PortalUsers.Role invited = partnerRole(role);
        Instant now = today.now();
        jdbc.sql("""
                        update portal_invitation set voided_at = :now
                         where partner_id = :partner and lower(email) = :email and used_at is null and voided_at is null""")
                .param("now", Timestamp.from(now)).param("partner", partnerId).param("email", address).update();
        String token = Tokens.generate("inv_");
        long id = jdbc.sql("""
                        insert into portal_invitation (partner_id, email, display_name, role, token_hash, created_at,
                                                       created_by, expires_at)
                        values (:partner, :email, :name, :role, :hash, :now, :by, :expires) returning id""")
                .param("partner", partnerId).param("email", address).param("name", displayName.strip())
                .param("role", invited.name()).param("hash", Tokens.hash(token)).param("now", Timestamp.from(now))
                .param("by", caller.name()).param("expires", Timestamp.from(now.plus(VALID_FOR)))
                .query(Long.class).single();
        return new Issued(find(id), token);
    }

    /** The partner's invitations not yet used, newest first, for whoever manages its users. */
    List<Invitation> pending(Caller caller, long partnerId) {
        partners.find(caller, partnerId);
        return jdbc.sql(SELECT + " where i.partner_id = :partner and i.used_at is null and i.voided_at is null"
                        + " order by i.id desc")
                .param("partner", partnerId).query(Invitations::invitation).list();
    }

    /** The invitation behind a link, if it can still be used: 404 for no such link, 410 for a spent one. */
    Invitation open(String token) {
        return usable(byToken(token, false), today.now());
    }

    /** Makes the invited user with the chosen password and spends the link. */
    @Transactional
    PortalUsers.PortalUser accept(String token, String password) {
        return accept(token, password, today.now());
    }

    @Transactional
    PortalUsers.PortalUser accept(String token, String password, Instant now) {
        Invitation invitation = usable(byToken(token, true), now);
        // the invitation is the authority: whoever issued it could make this user directly
        Caller issuer = new Caller.Operator("invitation:" + invitation.id());
        PortalUsers.PortalUser user = users.create(issuer, new PortalUsers.NewUser(invitation.email(),
                invitation.displayName(), invitation.partnerId(), invitation.role(), password));
        jdbc.sql("update portal_invitation set used_at = :now, user_id = :user where id = :id")
                .param("now", Timestamp.from(now)).param("user", user.id()).param("id", invitation.id()).update();
        return user;
    }

    private static Invitation usable(Invitation invitation, Instant now) {
        InvitationGone.Why why = invitation.unusableAt(now);
        if (why != null) {
            throw new InvitationGone(why);
        }
        return invitation;
    }

    private Invitation byToken(String token, boolean forUpdate) {
        return jdbc.sql(SELECT + " where i.token_hash = :hash" + (forUpdate ? " for update of i" : ""))
                .param("hash", Tokens.hash(token == null ? "" : token))
                .query(Invitations::invitation).optional()
                .orElseThrow(() -> new NotFound("invitation", "link"));
    }

    private Invitation find(long id) {
        return jdbc.sql(SELECT + " where i.id = :id").param("id", id).query(Invitations::invitation).single();
    }

    private static PortalUsers.Role partnerRole(String role) {
        try {
            PortalUsers.Role r = PortalUsers.Role.valueOf(role == null ? "" : role.strip());
            if (r != PortalUsers.Role.OPERATOR) {
                return r;
            }
        } catch (IllegalArgumentException e) {
            // refused below like OPERATOR
        }
        throw RuleViolation.of("role", "must be ADMIN, FINANCE or SALES, not '" + role + "'");
    }

    private static Invitation invitation(ResultSet rs, int row) throws SQLException {
        return new Invitation(rs.getLong("id"), rs.getLong("partner_id"), rs.getString("partner_name"),
                rs.getString("email"), rs.getString("display_name"), PortalUsers.Role.valueOf(rs.getString("role")),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
                instant(rs.getTimestamp("used_at")), instant(rs.getTimestamp("voided_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
