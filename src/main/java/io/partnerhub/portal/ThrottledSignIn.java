package io.partnerhub.portal;

import io.partnerhub.shared.Today;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Checks a sign-in's password unless the account or the client address is locked
 * ({@link SignInThrottle}); while locked, even the right password is refused and the attempt is
 * not counted. The failure that reaches a limit is answered as throttled at once, so the form says
 * when to try again. A typed password over BCrypt's 72 bytes is wrong without hashing it: BCrypt
 * would compare its first 72 bytes only, and no stored password is longer.
 */
final class ThrottledSignIn implements AuthenticationProvider {

    private final AuthenticationProvider passwords;
    private final SignInThrottle throttle;
    private final Today today;

    ThrottledSignIn(AuthenticationProvider passwords, SignInThrottle throttle, Today today) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.today = today;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String email = attempt.getName();
        String address = attempt.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
        Instant now = today.now();
        throttle.lockedUntil(email, address, now).ifPresent(until -> {
            throw new SignInThrottled(until);
        });
        try {
            // BCrypt compares only the first 72 bytes; no stored password is longer, so a longer one is wrong
            if (attempt.getCredentials() instanceof String typed
                    && typed.getBytes(StandardCharsets.UTF_8).length > PortalUsers.MAX_PASSWORD_BYTES) {
                throw new BadCredentialsException("longer than any password");
            }
            Authentication signedIn = passwords.authenticate(attempt);
            throttle.succeeded(email);
            return signedIn;
        } catch (BadCredentialsException e) {
            throttle.failed(email, address, now);
            throw throttle.lockedUntil(email, address, now).<RuntimeException>map(SignInThrottled::new).orElse(e);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return passwords.supports(authentication);
    }
}
