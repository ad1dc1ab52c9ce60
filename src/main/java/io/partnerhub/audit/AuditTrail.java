package io.partnerhub.audit;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.partnerhub.shared.Caller;

/**
 * Wraps every API request and every portal and customer-cabinet form post; after a state-changing one, writes who, what,
 * when and the outcome. Runs outside security so refused and unauthenticated attempts are recorded
 * too. A portal action's actor is the signed-in person's e-mail, as Spring Security left it in the
 * request once it authenticated them; a failed sign-in is "anonymous" (the e-mail typed into the
 * form is not recorded: it is unproven, and people type passwords into the wrong field). One-time
 * tokens in paths are never stored: the path keeps {@code {token}} in their place.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class AuditTrail extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Pattern PARTNER_PATH = Pattern.compile("^/(?:(?:api/v1|portal)/partners|cabinet)/(\\d+)");
    /** Paths whose segment after the prefix is a one-time secret (a customer's consent, an invitation). */
    private static final Pattern TOKEN_PATH = Pattern.compile("^(/api/v1/consents/|/invitations/|/cabinet/\\d+/invitations/)[^/]+");
    private static final List<String> PORTAL_PREFIXES = List.of("/console/", "/portal/", "/invitations/", "/cabinet/");
    private static final Set<String> SIGN_IN_AND_OUT = Set.of("/login", "/logout");

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditTrail(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !STATE_CHANGING.contains(request.getMethod()) || !audited(request.getRequestURI());
    }

    /** The API, and the portal's pages that change something (their forms post). */
    private static boolean audited(String uri) {
        return uri.startsWith("/api/") || SIGN_IN_AND_OUT.contains(uri)
                || PORTAL_PREFIXES.stream().anyMatch(uri::startsWith);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Timestamp at = Timestamp.from(clock.instant());
        try {
            chain.doFilter(request, response);
        } finally {
            record(request, response.getStatus(), at);
        }
    }

    private void record(HttpServletRequest request, int status, Timestamp at) {
        Caller caller = (Caller) request.getAttribute(Caller.REQUEST_ATTRIBUTE);
        String path = withoutSecrets(request);
        try {
            jdbc.sql("""
                            insert into audit_entry (at, actor, partner_id, method, path, status, outcome)
                            values (:at, :actor, :partner, :method, :path, :status, :outcome)""")
                    .param("at", at)
                    .param("actor", actor(caller, request))
                    .param("partner", partnerOf(caller, request.getRequestURI()))
                    .param("method", request.getMethod())
                    .param("path", path)
                    .param("status", status)
                    .param("outcome", status >= 500 ? "FAILED" : status >= 400 ? "REFUSED" : "DONE")
                    .update();
        } catch (RuntimeException e) {
            log.error("Could not write the audit entry for {} {} ({})", request.getMethod(), path, status, e);
        }
    }

    /** The path as recorded: a one-time token becomes {@code {token}}, and its query is dropped with it. */
    static String withoutSecrets(HttpServletRequest request) {
        Matcher token = TOKEN_PATH.matcher(request.getRequestURI());
        if (token.find()) {
            return token.group(1) + "{token}" + request.getRequestURI().substring(token.end());
        }
        return request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    }

    /** An API caller by its name; a portal user by the e-mail they signed in with; anyone else anonymous. */
    private static String actor(Caller caller, HttpServletRequest request) {
        if (caller != null) {
            return caller.name();
        }
        if (request.getAttribute(RequestAttributeSecurityContextRepository.DEFAULT_REQUEST_ATTR_NAME)
                instanceof SecurityContext context
                && context.getAuthentication() != null
                && context.getAuthentication().isAuthenticated()
                && !(context.getAuthentication() instanceof AnonymousAuthenticationToken)) {
            return context.getAuthentication().getName();
        }
        return "anonymous";
    }

    private static Long partnerOf(Caller caller, String uri) {
        if (caller != null && caller.partnerId() != null) {
            return caller.partnerId();
        }
        Matcher m = PARTNER_PATH.matcher(uri);
        return m.find() ? Long.valueOf(m.group(1)) : null;
    }
}
