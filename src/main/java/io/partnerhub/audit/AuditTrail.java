package io.partnerhub.audit;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
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
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.partnerhub.shared.Caller;

/**
 * Wraps every API request; after a state-changing one, writes who, what, when and the outcome.
 * Runs outside security so refused and unauthenticated attempts are recorded too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class AuditTrail extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Pattern PARTNER_PATH = Pattern.compile("^/api/v1/partners/(\\d+)");

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditTrail(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !STATE_CHANGING.contains(request.getMethod()) || !request.getRequestURI().startsWith("/api/");
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
        String path = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        try {
            jdbc.sql("""
                            insert into audit_entry (at, actor, partner_id, method, path, status, outcome)
                            values (:at, :actor, :partner, :method, :path, :status, :outcome)""")
                    .param("at", at)
                    .param("actor", caller == null ? "anonymous" : caller.name())
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

    private static Long partnerOf(Caller caller, String uri) {
        if (caller != null && caller.partnerId() != null) {
            return caller.partnerId();
        }
        Matcher m = PARTNER_PATH.matcher(uri);
        return m.find() ? Long.valueOf(m.group(1)) : null;
    }
}
