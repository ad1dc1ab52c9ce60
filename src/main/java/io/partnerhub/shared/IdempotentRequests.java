package io.partnerhub.shared;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Makes any POST safe to retry: sent with an {@code Idempotency-Key} header, the first request is
 * carried out and its answer kept; a retry with the same key and the same request gets that answer
 * again (header {@code Idempotent-Replayed: true}) and changes nothing. The same key with a
 * different request is refused (422); a retry while the first is still running gets 409.
 * Server failures (5xx) are not kept, so they can be retried.
 */
class IdempotentRequests extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    /** A claimed key with no answer after this long belongs to a request that died; it may run again. */
    private static final Duration ABANDONED = Duration.ofMinutes(2);

    private final JdbcClient jdbc;
    private final ProblemResponses problems;

    IdempotentRequests(JdbcClient jdbc, ProblemResponses problems) {
        this.jdbc = jdbc;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        // Only JSON requests are kept: file uploads are idempotent by their content and may be large.
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
                || (type != null && !type.toLowerCase(java.util.Locale.ROOT).contains("json"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Caller caller = (Caller) request.getAttribute(Caller.REQUEST_ATTRIBUTE);
        String key = request.getHeader(HEADER).strip();
        if (caller == null) {
            chain.doFilter(request, response);
            return;
        }
        if (key.isEmpty() || key.length() > 200) {
            problems.write(request, response, 400, "Bad Request", HEADER + " must be 1 to 200 characters.");
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        String path = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        String hash = hash(request.getMethod(), path, body);
        if (!claim(caller.name(), key, request.getMethod(), path, hash)) {
            answerFromEarlier(request, response, caller.name(), key, hash);
            return;
        }
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(new CachedBody(request, body), recorded);
        } finally {
            keep(caller.name(), key, recorded);
            recorded.copyBodyToResponse();
        }
    }

    private boolean claim(String actor, String key, String method, String path, String hash) {
        jdbc.sql("""
                        delete from idempotent_request
                         where actor = :actor and idempotency_key = :key and status is null
                           and created_at < now() - make_interval(secs => :abandoned)""")
                .param("actor", actor).param("key", key).param("abandoned", ABANDONED.toSeconds()).update();
        return jdbc.sql("""
                        insert into idempotent_request (actor, idempotency_key, method, path, request_hash)
                        values (:actor, :key, :method, :path, :hash)
                        on conflict on constraint pk_idempotent_request do nothing""")
                .param("actor", actor).param("key", key).param("method", method).param("path", path)
                .param("hash", hash).update() == 1;
    }

    private record Earlier(String hash, Integer status, String contentType, byte[] body) {
    }

    private void answerFromEarlier(HttpServletRequest request, HttpServletResponse response, String actor, String key,
                                   String hash) throws IOException {
        Optional<Earlier> earlier = jdbc.sql("""
                        select request_hash, status, content_type, body from idempotent_request
                         where actor = :actor and idempotency_key = :key""")
                .param("actor", actor).param("key", key)
                .query((rs, row) -> new Earlier(rs.getString(1), (Integer) rs.getObject(2), rs.getString(3), rs.getBytes(4)))
                .optional();
        if (earlier.isEmpty() || earlier.get().status() == null) {
            problems.write(request, response, 409, "Conflict",
                    "A request with this " + HEADER + " is still being processed; retry shortly.");
            return;
        }
        if (!earlier.get().hash().equals(hash)) {
            problems.write(request, response, 422, "Unprocessable Content",
                    "This " + HEADER + " was used for a different request; use a new key for a new request.");
            return;
        }
        response.setStatus(earlier.get().status());
        if (earlier.get().contentType() != null) {
            response.setContentType(earlier.get().contentType());
        }
        response.setHeader("Idempotent-Replayed", "true");
        response.getOutputStream().write(earlier.get().body());
    }

    private void keep(String actor, String key, ContentCachingResponseWrapper response) {
        if (response.getStatus() >= 500) {
            jdbc.sql("delete from idempotent_request where actor = :actor and idempotency_key = :key")
                    .param("actor", actor).param("key", key).update();
            return;
        }
        jdbc.sql("""
                        update idempotent_request set status = :status, content_type = :type, body = :body
                         where actor = :actor and idempotency_key = :key""")
                .param("status", response.getStatus()).param("type", response.getContentType())
                .param("body", response.getContentAsByteArray()).param("actor", actor).param("key", key).update();
    }

    private static String hash(String method, String path, byte[] body) {
        MessageDigest digest = Sha256.digest();
        digest.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
        digest.update(body);
        return Sha256.hex(digest);
    }

    /** The request with its body already read, so the controller can read it again. */
    private static final class CachedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
