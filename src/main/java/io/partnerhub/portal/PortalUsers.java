package io.partnerhub.portal;

import io.partnerhub.partner.Partners;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.Conflict;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.RuleViolation;
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
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * People who sign in to the portal. Operators create anyone; a partner's ADMIN creates its own
 * partner's users. Passwords are stored as BCrypt hashes only.
 */
@Service
public class PortalUsers implements UserDetailsService {

    static final int MIN_PASSWORD = 10;
    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public enum Role {
        OPERATOR, ADMIN, FINANCE, SALES;

        /** Whether people in this role see discounts and money (SALES never does). */
        public boolean seesMoney() {
            return this != SALES;
        }
    }

    public record PortalUser(long id, String email, String displayName, Long partnerId, Role role,
                             Instant createdAt) {
    }

    public record NewUser(String email, String displayName, Long partnerId, Role role, String password) {
    }

    private final JdbcClient jdbc;
    private final Partners partners;
    private final PasswordEncoder passwords;

    PortalUsers(JdbcClient jdbc, Partners partners, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.partners = partners;
        this.passwords = passwords;
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
        if (u.password() == null || u.password().length() < MIN_PASSWORD) {
            throw RuleViolation.of("password", "needs at least " + MIN_PASSWORD + " characters");
        }
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

    public List<PortalUser> ofPartner(Caller caller, long partnerId) {
        partners.find(caller, partnerId);
        return jdbc.sql("select * from portal_user where partner_id = :partner order by id")
                .param("partner", partnerId).query(PortalUsers::user).list();
    }

    public Optional<PortalUser> byEmail(String email) {
        return jdbc.sql("select * from portal_user where lower(email) = lower(:email) and disabled_at is null")
                .param("email", email.strip()).query(PortalUsers::user).optional();
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
                        .roles(rs.getString("role")).build())
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
                rs.getTimestamp("created_at").toInstant());
    }
}
