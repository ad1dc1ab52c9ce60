package io.partnerhub.cabinet;

import io.partnerhub.portal.PortalUsers;
import io.partnerhub.portal.SignInThrottle;
import io.partnerhub.shared.Today;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Checks a cabinet sign-in under the portal's throttle ({@link SignInThrottle}): the account is the
 * e-mail within its partner's cabinet (a name no portal e-mail can be), the address is shared with
 * the portal's, since one client guessing passwords is one whichever form it uses. While locked,
 * even the right password is refused. An unknown e-mail costs a hash like a known one.
 */
@Component
class CabinetSignIn {

    /** How a sign-in ended: in, refused, or throttled for some minutes more. */
    sealed interface Outcome {
        record In(CabinetPrincipal who) implements Outcome {
        }

        record Refused() implements Outcome {
        }

        record Throttled(long minutes) implements Outcome {
        }
    }

    private final CabinetUsers users;
    private final SignInThrottle throttle;
    private final PasswordEncoder passwords;
    private final Today today;
    private final String unknownUsersHash;

    CabinetSignIn(CabinetUsers users, SignInThrottle throttle, PasswordEncoder passwords, Today today) {
        this.users = users;
        this.throttle = throttle;
        this.passwords = passwords;
        this.today = today;
        this.unknownUsersHash = passwords.encode("no such cabinet user");
    }

    Outcome signIn(long partnerId, String email, String password, String address) {
        String typed = email == null ? "" : email.strip();
        String account = "cabinet:" + partnerId + ":" + typed;
        Instant now = today.now();
        Optional<Instant> locked = throttle.lockedUntil(account, address, now);
        if (locked.isPresent()) {
            return throttled(locked.get(), now);
        }
        Optional<CabinetUsers.CabinetUser> user = users.byEmail(partnerId, typed)
                .filter(u -> u.status() == CabinetUsers.Status.ACTIVE && users.serves(partnerId));
        String hash = user.flatMap(u -> users.passwordHash(u.id())).orElse(unknownUsersHash);
        // BCrypt compares only the first 72 bytes; no stored password is longer, so a longer one is wrong
        boolean right = password != null && password.getBytes(StandardCharsets.UTF_8).length <= PortalUsers.MAX_PASSWORD_BYTES
                && passwords.matches(password, hash) && user.isPresent();
        if (right) {
            throttle.succeeded(account);
            CabinetUsers.CabinetUser u = user.get();
            return new Outcome.In(new CabinetPrincipal(u.id(), u.partnerId(), u.customerId(), u.email(), now));
        }
        throttle.failed(account, address, now);
        return throttle.lockedUntil(account, address, now).<Outcome>map(until -> throttled(until, now))
                .orElse(new Outcome.Refused());
    }

    private static Outcome throttled(Instant until, Instant now) {
        long seconds = Math.max(Duration.between(now, until).toSeconds(), 1);
        return new Outcome.Throttled((seconds + 59) / 60);
    }
}
