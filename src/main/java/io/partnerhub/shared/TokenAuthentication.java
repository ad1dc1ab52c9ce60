package io.partnerhub.shared;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads {@code Authorization: Bearer <token>}: the operator token, or a partner token looked up by
 * its hash. A presented token that matches neither is answered 401 at once.
 */
class TokenAuthentication extends OncePerRequestFilter {

    private final OperatorToken operatorToken;
    private final PartnerTokens partnerTokens;
    private final ProblemResponses problems;

    TokenAuthentication(OperatorToken operatorToken, PartnerTokens partnerTokens, ProblemResponses problems) {
        this.operatorToken = operatorToken;
        this.partnerTokens = partnerTokens;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || header.isBlank()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Caller> caller = bearer(header).flatMap(this::caller);
        if (caller.isEmpty()) {
            problems.write(request, response, 401, "Unauthorized", "The bearer token is not valid.");
            return;
        }
        request.setAttribute(Caller.REQUEST_ATTRIBUTE, caller.get());
        String role = caller.get().isOperator() ? "ROLE_OPERATOR" : "ROLE_PARTNER";
        var authentication = UsernamePasswordAuthenticationToken.authenticated(
                caller.get(), null, List.of(new SimpleGrantedAuthority(role)));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        chain.doFilter(request, response);
    }

    private static Optional<String> bearer(String header) {
        if (header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() > 7) {
            return Optional.of(header.substring(7).strip());
        }
        return Optional.empty();
    }

    private Optional<Caller> caller(String token) {
        if (operatorToken.matches(token)) {
            return Optional.of(new Caller.Operator("operator"));
        }
        return partnerTokens.resolve(token).map(Caller.class::cast);
    }
}
