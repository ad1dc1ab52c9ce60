package io.partnerhub.cabinet;

import io.partnerhub.customer.Customers;
import io.partnerhub.customer.Outbox;
import io.partnerhub.partner.PartnerAccess;
import io.partnerhub.partner.Partners;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.Conflict;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.RuleViolation;
import io.partnerhub.shared.Today;
import io.partnerhub.shared.Tokens;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.context.MessageSource;
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
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The people of a partner's customer who may open its cabinet. The partner (its token, or an
 * operator) invites one by e-mail for a customer it holds or held; the one-time link goes out
 * through the customers' outbox, so the partner never holds it, and is valid for
 * {@link #VALID_FOR}. Inviting a person not yet in again voids the earlier link. An e-mail is one
 * person per partner; a disabled person stays, with the e-mail taken, and signs in no more.
 */
@Service
public class CabinetUsers {

    static final Duration VALID_FOR = Duration.ofDays(7);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Locale CUSTOMERS = Locale.forLanguageTag("ru");

    @Schema(name = "CabinetUserStatus")
    public enum Status { INVITED, ACTIVE, DISABLED }

    /** A cabinet user; {@code invitationExpiresAt} is when the live invitation link ends, if one is. */
    public record CabinetUser(long id, long partnerId, long customerId, String email, Status status,
                              Instant createdAt, Instant activatedAt, Instant disabledAt, Instant invitationExpiresAt) {
    }

    private static final String SELECT = """
            select u.*, i.expires_at as invitation_expires_at
              from cabinet_user u
              left join cabinet_invitation i on i.user_id = u.id and i.used_at is null and i.voided_at is null""";

    private final JdbcClient jdbc;
    private final Partners partners;
    private final Customers customers;
    private final Outbox outbox;
    private final CabinetBrand brands;
    private final MessageSource messages;
    private final Today today;
    private final PartnerAccess access;

    CabinetUsers(JdbcClient jdbc, Partners partners, Customers customers, Outbox outbox, CabinetBrand brands,
                 MessageSource messages, Today today, PartnerAccess access) {
        this.access = access;
        this.jdbc = jdbc;
        this.partners = partners;
        this.customers = customers;
        this.outbox = outbox;
        this.brands = brands;
        this.messages = messages;
        this.today = today;
    }

    /**
     * Invites a person of the partner's customer: 404 for a customer the partner never held, 422
     * for a bad e-mail, 409 when the e-mail is someone's already (of another customer, or in).
     */
    @Transactional
    public CabinetUser invite(Caller caller, long partnerId, long customerId, String email) {
        refuseNotItsCustomer(caller, partnerId, customerId);
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(address).matches() || address.length() > 200) {
            throw RuleViolation.of("email", "is not an e-mail address: '" + (email == null ? "" : email) + "'");
        }
        Optional<CabinetUser> existing = byEmail(partnerId, address);
        if (existing.isPresent() && (existing.get().customerId() != customerId || existing.get().status() != Status.INVITED)) {
            throw new Conflict("A cabinet user with e-mail " + address + " exists already for this partner.");
        }
        long userId = existing.map(CabinetUser::id).orElseGet(() -> jdbc.sql("""
                        insert into cabinet_user (partner_id, customer_id, email, created_by)
                        values (:partner, :customer, :email, :by) returning id""")
                .param("partner", partnerId).param("customer", customerId).param("email", address)
                .param("by", caller.name()).query(Long.class).single());
        Instant now = today.now();
        voidLiveInvitations(userId, now);
        String token = Tokens.generate("cab_");
        Instant expires = now.plus(VALID_FOR);
        jdbc.sql("""
                        insert into cabinet_invitation (user_id, token_hash, created_at, expires_at)
                        values (:user, :hash, :now, :expires)""")
                .param("user", userId).param("hash", Tokens.hash(token)).param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(expires)).update();
        String brand = brands.of(partnerId).orElseThrow().displayName();
        String path = "/cabinet/" + partnerId + "/invitations/" + token;
        outbox.inviteToCabinet(address, messages.getMessage("cabinet.invitation.mail.subject", new Object[] {brand}, CUSTOMERS),
                messages.getMessage("cabinet.invitation.mail.body", new Object[] {brand, path, expires.toString()}, CUSTOMERS),
                path);
        return find(userId).orElseThrow();
    }

    /** The customer's cabinet users, oldest first. */
    public List<CabinetUser> ofCustomer(Caller caller, long partnerId, long customerId) {
        refuseNotItsCustomer(caller, partnerId, customerId);
        return jdbc.sql(SELECT + " where u.partner_id = :partner and u.customer_id = :customer order by u.id")
                .param("partner", partnerId).param("customer", customerId).query(CabinetUsers::user).list();
    }

    /** Disables a cabinet user: no more sign-ins, no live link, and an open session ends at its next request. */
    @Transactional
    public CabinetUser disable(Caller caller, long partnerId, long customerId, long userId) {
        refuseNotItsCustomer(caller, partnerId, customerId);
        CabinetUser user = find(userId).filter(u -> u.partnerId() == partnerId && u.customerId() == customerId)
                .orElseThrow(() -> new NotFound("cabinet user", userId));
        Instant now = today.now();
        jdbc.sql("update cabinet_user set disabled_at = :now, disabled_by = :by where id = :id and disabled_at is null")
                .param("now", Timestamp.from(now)).param("by", caller.name()).param("id", user.id()).update();
        voidLiveInvitations(user.id(), now);
        return find(userId).orElseThrow();
    }

    /** The user behind a session, while it may still sign in: active, and its partner still serving it. */
    Optional<CabinetUser> active(long userId) {
        return find(userId).filter(u -> u.status() == Status.ACTIVE && serves(u.partnerId()));
    }

    /**
     * Whether the partner's cabinet is open today: not once its status is revoked or its read window
     * after an exit has ended ({@code PartnerAccess}); a leaving partner's customers still read theirs.
     */
    boolean serves(long partnerId) {
        return !(access.of(partnerId) instanceof PartnerAccess.Ended);
    }

    Optional<CabinetUser> byEmail(long partnerId, String email) {
        return jdbc.sql(SELECT + " where u.partner_id = :partner and lower(u.email) = lower(:email)")
                .param("partner", partnerId).param("email", email.strip()).query(CabinetUsers::user).optional();
    }

    /** The stored password hash of an active user, for signing in. */
    Optional<String> passwordHash(long userId) {
        return jdbc.sql("select password_hash from cabinet_user where id = :id and disabled_at is null and activated_at is not null")
                .param("id", userId).query(String.class).optional();
    }

    Optional<CabinetUser> find(long id) {
        return jdbc.sql(SELECT + " where u.id = :id").param("id", id).query(CabinetUsers::user).optional();
    }

    /** Sets the invited person's password and spends the link: the first step they take in. */
    void activate(long userId, String passwordHash, long invitationId, Instant now) {
        jdbc.sql("update cabinet_user set password_hash = :hash, activated_at = :now where id = :id")
                .param("hash", passwordHash).param("now", Timestamp.from(now)).param("id", userId).update();
        jdbc.sql("update cabinet_invitation set used_at = :now where id = :id")
                .param("now", Timestamp.from(now)).param("id", invitationId).update();
    }

    private void voidLiveInvitations(long userId, Instant now) {
        jdbc.sql("update cabinet_invitation set voided_at = :now where user_id = :user and used_at is null and voided_at is null")
                .param("now", Timestamp.from(now)).param("user", userId).update();
    }

    /** A customer the partner holds or once held, else 404 (as for another partner's customer). */
    private void refuseNotItsCustomer(Caller caller, long partnerId, long customerId) {
        partners.find(caller, partnerId);
        if (customers.linksOfPartner(caller, partnerId).stream().noneMatch(l -> l.customerId() == customerId)) {
            throw new NotFound("customer of partner " + partnerId, customerId);
        }
    }

    private static CabinetUser user(ResultSet rs, int row) throws SQLException {
        Instant disabled = instant(rs.getTimestamp("disabled_at"));
        Instant activated = instant(rs.getTimestamp("activated_at"));
        Status status = disabled != null ? Status.DISABLED : activated != null ? Status.ACTIVE : Status.INVITED;
        return new CabinetUser(rs.getLong("id"), rs.getLong("partner_id"), rs.getLong("customer_id"), rs.getString("email"),
                status, rs.getTimestamp("created_at").toInstant(), activated, disabled,
                instant(rs.getTimestamp("invitation_expires_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
