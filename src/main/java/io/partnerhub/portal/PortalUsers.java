package io.partnerhub.portal;

import io.partnerhub.partner.PartnerAccess;
import io.partnerhub.partner.Partners;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.Conflict;
import io.partnerhub.shared.ProblemException.FieldProblem;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.RuleViolation;
import io.partnerhub.shared.Today;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * People who sign in to the portal. Operators create and remove anyone; a partner's ADMIN its own
 * partner's users. Passwords are stored as BCrypt hashes only, so a password is at most BCrypt's
 * 72 bytes. A removed (disabled) user's record stays for the audit log, and the e-mail stays taken;
 * removing a user or changing a password ends the person's sessions on the server.
 */
@Service
public class PortalUsers implements UserDetailsService {

    public static final int MIN_PASSWORD = 10;
    /** BCrypt hashes only the first 72 bytes of a password (UTF-8): a longer one is refused, never cut. */
    public static final int MAX_PASSWORD_BYTES = 72;
    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public enum Role {
        OPERATOR, ADMIN, FINANCE, SALES;

        /** Whether people in this role see discounts and money (SALES never does). */
        public boolean seesMoney() {
            return this != SALES;
        }
    }

    /** A portal user; {@code disabledAt} is when the user was removed, null while they may sign in. */
    public record PortalUser(long id, String email, String displayName, Long partnerId, Role role,
                             Instant createdAt, Instant disabledAt) {
    }

    /** What is wrong with a new password, for the API's refusal and the pages' message in the reader's language. */
    public enum PasswordProblem { TOO_SHORT, TOO_LONG }

    public record NewUser(String email, String displayName, Long partnerId, Role role, String password) {
    }

    private final JdbcClient jdbc;
    private final Partners partners;
    private final PasswordEncoder passwords;
    private final UserSessions sessions;
    private final Today today;

    private final PartnerAccess access;

    PortalUsers(JdbcClient jdbc, Partners partners, PasswordEncoder passwords, UserSessions sessions, Today today,
                PartnerAccess access) {
        this.access = access;
        this.jdbc = jdbc;
        this.partners = partners;
        this.passwords = passwords;
        this.sessions = sessions;
        this.today = today;
    }

    /** Creates a user; 422 naming the field for bad input, 409 when the e-mail is taken. */
    @Transactional
    public PortalUser create(Caller caller, NewUser u) {
        if (u.role() == null) {
            throw RuleViolation.of("role", "is required: OPERATOR, ADMIN, FINANCE or SALES");
        }
        if (u.role() == Role.OPERATOR) {
            caller.requireOperator("create operator users");
            if (u.partnerId() != null) {
                throw RuleViolation.of("partnerId", "an operator belongs to no partner");
            }
        } else {
            if (u.partnerId() == null) {
                throw RuleViolation.of("partnerId", "is required for role " + u.role());
            }
            partners.find(caller, u.partnerId());
            if (!caller.isOperator() && !isAdminOf(caller, u.partnerId())) {
                throw new io.partnerhub.shared.OperatorOnly("create users (or the partner's ADMIN)");
            }
        }
        String email = u.email() == null ? "" : u.email().strip().toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(email).matches()) {
            throw RuleViolation.of("email", "is not an e-mail address: '" + u.email() + "'");
        }
        if (u.displayName() == null || u.displayName().isBlank()) {
            throw RuleViolation.of("displayName", "is required");
        }
        requireGoodPassword(u.password());
        try {
            long id = jdbc.sql("""
                            insert into portal_user (email, display_name, password_hash, partner_id, role, created_by)
                            values (:email, :name, :hash, :partner, :role, :by) returning id""")
                    .param("email", email).param("name", u.displayName().strip())
                    .param("hash", passwords.encode(u.password())).param("partner", u.partnerId())
                    .param("role", u.role().name()).param("by", caller.name())
                    .query(Long.class).single();
            return find(id).orElseThrow();
        } catch (DuplicateKeyException e) {
            throw new Conflict("A portal user with e-mail " + email + " exists already.");
        }
    }

    /**
     * Changes the signed-in person's password after checking the current one, and ends their other
     * sessions (the one that changed it, {@code keptSessionId}, stays).
     */
    @Transactional
    public void changePassword(PortalUser user, String current, String password, String keptSessionId) {
        String hash = jdbc.sql("select password_hash from portal_user where id = :id and disabled_at is null")
                .param("id", user.id()).query(String.class).optional()
                .orElseThrow(() -> new NotFound("portal user", user.id()));
        if (current == null || !passwords.matches(current, hash)) {
            throw RuleViolation.of("current", "is not your current password");
        }
        requireGoodPassword(password);
        jdbc.sql("update portal_user set password_hash = :hash where id = :id")
                .param("hash", passwords.encode(password)).param("id", user.id()).update();
        sessions.endAllBut(user.email(), keptSessionId);
    }

    /**
     * Removes a user: they can no longer sign in and their sessions end now. An operator removes
     * anyone but themselves; a partner's ADMIN its own partner's other users. Removing a removed
     * user changes nothing. Another partner's user is not found (404).
     */
    @Transactional
    public PortalUser disable(Caller caller, long userId) {
        PortalUser user = find(userId)
                .filter(u -> u.partnerId() == null ? caller.isOperator() : caller.sees(u.partnerId()))
                .orElseThrow(() -> new NotFound("portal user", userId));
        if (!caller.isOperator() && !isAdminOf(caller, user.partnerId())) {
            throw new io.partnerhub.shared.OperatorOnly("remove portal users (or the partner's ADMIN its own)");
        }
        boolean self = caller instanceof Caller.PartnerUser me ? me.userId() == userId
                : caller.name().equals("user:" + user.email());
        if (self) {
            throw RuleViolation.of("id", "you cannot remove yourself; another ADMIN or an operator can");
        }
        jdbc.sql("update portal_user set disabled_at = :now where id = :id and disabled_at is null")
                .param("now", Timestamp.from(today.now())).param("id", userId).update();
        sessions.endAll(user.email());
        return find(userId).orElseThrow();
    }

    /** What is wrong with a new password, if anything. */
    public static Optional<PasswordProblem> problemWith(String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            return Optional.of(PasswordProblem.TOO_SHORT);
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return Optional.of(PasswordProblem.TOO_LONG);
        }
        return Optional.empty();
    }

    private static void requireGoodPassword(String password) {
        switch (problemWith(password).orElse(null)) {
            case TOO_SHORT -> throw RuleViolation.of("password", "needs at least " + MIN_PASSWORD + " characters");
            case TOO_LONG -> throw new RuleViolation("The password is longer than " + MAX_PASSWORD_BYTES + " bytes.",
                    List.of(new FieldProblem("password", "may be at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8"
                            + " (a Cyrillic letter takes 2), not " + password.getBytes(StandardCharsets.UTF_8).length)));
            case null -> {
            }
        }
    }

    public List<PortalUser> ofPartner(Caller caller, long partnerId) {
        partners.find(caller, partnerId);
        return jdbc.sql("select * from portal_user where partner_id = :partner order by id")
                .param("partner", partnerId).query(PortalUsers::user).list();
    }

    public Optional<PortalUser> byEmail(String email) {
        return jdbc.sql("select * from portal_user where lower(email) = lower(:email) and disabled_at is null")
                .param("email", email.strip()).query(PortalUsers::user).optional();
    }

    /** A signed-in person and what their partner lets its people do today (null: an operator). */
    record WithAccess(PortalUser user, PartnerAccess.Access access) {
    }

    /**
     * The person and their partner's access in one indexed query (the e-mail's unique index, the
     * partner's ending by its key), since every portal request asks both (docs/security.md).
     */
    Optional<WithAccess> withAccess(String email) {
        return jdbc.sql("""
                        select u.*, e.revoked_on, e.exit_date
                          from portal_user u
                          left join partner_ending_view e on e.partner_id = u.partner_id
                         where lower(u.email) = lower(:email) and u.disabled_at is null""")
                .param("email", email.strip())
                .query((rs, row) -> {
                    PortalUser user = user(rs, row);
                    return new WithAccess(user, user.partnerId() == null ? null : access.judge(
                            rs.getObject("revoked_on", LocalDate.class), rs.getObject("exit_date", LocalDate.class)));
                })
                .optional();
    }

    /** The platform caller a signed-in person acts as. */
    Caller callerOf(PortalUser user) {
        return user.role() == Role.OPERATOR
                ? new Caller.Operator("user:" + user.email())
                : new Caller.PartnerUser(user.partnerId(), user.id(), user.email());
    }

    PortalUser signedIn(String email) {
        return byEmail(email).orElseThrow(() -> new NotFound("portal user", email));
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        return jdbc.sql("select * from portal_user where lower(email) = lower(:email) and disabled_at is null")
                .param("email", email.strip())
                .query((rs, row) -> User.withUsername(rs.getString("email")).password(rs.getString("password_hash"))
                        .roles(rs.getString("role"))
                        // a revoked partner's people (or those of a partner whose time after its exit is over) sign in no more
                        .disabled(rs.getObject("partner_id") != null
                                && access.of(rs.getLong("partner_id")) instanceof PartnerAccess.Ended)
                        .build())
                .optional().orElseThrow(() -> new UsernameNotFoundException("no portal user " + email));
    }

    /** Whether the caller may manage the partner's users: an operator, or that partner's ADMIN. */
    boolean managesUsersOf(Caller caller, long partnerId) {
        return caller.isOperator() || isAdminOf(caller, partnerId);
    }

    private boolean isAdminOf(Caller caller, long partnerId) {
        return caller instanceof Caller.PartnerUser user && user.id() == partnerId
                && find(user.userId()).map(p -> p.role() == Role.ADMIN).orElse(false);
    }

    private Optional<PortalUser> find(long id) {
        return jdbc.sql("select * from portal_user where id = :id").param("id", id).query(PortalUsers::user).optional();
    }

    private static PortalUser user(ResultSet rs, int row) throws SQLException {
        return new PortalUser(rs.getLong("id"), rs.getString("email"), rs.getString("display_name"),
                (Long) rs.getObject("partner_id"), Role.valueOf(rs.getString("role")),
                rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("disabled_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
