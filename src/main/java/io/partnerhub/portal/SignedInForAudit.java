package io.partnerhub.portal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Leaves the person a request's session belongs to in the request, where the audit log (which
 * runs outside security, so it also records refusals) reads every portal action's actor. A context
 * read from the session is not put there by Spring Security; one made by signing in is.
 */
final class SignedInForAudit extends OncePerRequestFilter {

    private final RequestAttributeSecurityContextRepository audit = new RequestAttributeSecurityContextRepository();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null) {
            audit.saveContext(new SecurityContextImpl(authentication), request, response);
        }
        chain.doFilter(request, response);
    }
}
