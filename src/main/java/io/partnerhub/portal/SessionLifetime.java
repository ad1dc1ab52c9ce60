package io.partnerhub.portal;

import io.partnerhub.shared.Today;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * Ends a session its lifetime after its person signed in, however active it has been: the idle
 * timeout alone would let a session that is used every few minutes live for ever. The request then
 * goes on unauthenticated (a page sends it to the sign-in form).
 */
final class SessionLifetime extends OncePerRequestFilter {

    private final Duration lifetime;
    private final Today today;

    SessionLifetime(Duration lifetime, Today today) {
        this.lifetime = lifetime;
        this.today = today;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(PortalSecurity.SIGNED_IN_AT) instanceof Instant signedInAt
                && !today.now().isBefore(signedInAt.plus(lifetime))) {
            session.invalidate();
            SecurityContextHolder.clearContext();
        }
        chain.doFilter(request, response);
    }
}
