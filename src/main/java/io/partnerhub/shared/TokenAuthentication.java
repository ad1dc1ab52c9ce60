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
 * its hash. A presented token that matches neither, or one that has ended (expired, revoked,
 * replaced, its partner revoked or gone), is answered 401 at once with the reason; a token that
 * may only read (its partner has left the program) is answered 403 on anything but a read.
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
        Optional<String> token = bearer(header);
        if (token.isPresent() && operatorToken.matches(token.get())) {
            authenticate(request, new Caller.Operator("operator"));
            chain.doFilter(request, response);
            return;
        }
        Optional<PartnerTokens.Standing> standing = token.flatMap(partnerTokens::resolve);
        switch (standing.orElse(null)) {
            case null -> problems.write(request, response, 401, "Unauthorized", "The bearer token is not valid.");
            case PartnerTokens.Ended ended -> problems.write(request, response, 401, "Unauthorized", ended.why());
            case PartnerTokens.ReadOnly readOnly when !isRead(request) ->
                    problems.write(request, response, 403, "Forbidden", readOnly.why());
            case PartnerTokens.ReadOnly readOnly -> {
                authenticate(request, readOnly.caller());
                chain.doFilter(request, response);
            }
            case PartnerTokens.Valid valid -> {
                authenticate(request, valid.caller());
                chain.doFilter(request, response);
            }
        }
    }

    private static boolean isRead(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    }

    private static void authenticate(HttpServletRequest request, Caller caller) {
        request.setAttribute(Caller.REQUEST_ATTRIBUTE, caller);
        String role = caller.isOperator() ? "ROLE_OPERATOR" : "ROLE_PARTNER";
        var authentication = UsernamePasswordAuthenticationToken.authenticated(
                caller, null, List.of(new SimpleGrantedAuthority(role)));
        SecurityContextHolder.getContext().setAuthentication(authentication);
    }

    private static Optional<String> bearer(String header) {
        if (header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() > 7) {
            return Optional.of(header.substring(7).strip());
        }
        return Optional.empty();
    }
}
