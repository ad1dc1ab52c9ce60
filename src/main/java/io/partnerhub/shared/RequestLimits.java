package io.partnerhub.shared;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What every request is held to before anything reads it: a body of at most
 * {@code partnerhub.limits.request-body} (uploads have their own limits), parameters without NUL
 * or other control characters, and {@code /error} only as the servlet container's error page,
 * never asked for directly. Each refusal is a problem document, never a 500.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestLimits extends OncePerRequestFilter {

    /**
     * Uploads: a usage import's and a bank statement's content is limited as it is read, the portal's by
     * the multipart settings.
     */
    private static final Set<String> UPLOADS = Set.of("/api/v1/usage/imports", "/console/usage", "/api/v1/payments/imports",
            "/console/receivables/statements");

    private final InputLimits limits;
    private final ProblemResponses problems;

    RequestLimits(InputLimits limits, ProblemResponses problems) {
        this.limits = limits;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("/error".equals(request.getRequestURI())) {
            problems.write(request, response, 404, "Not Found", "No page /error.");
            return;
        }
        boolean upload = UPLOADS.contains(request.getRequestURI());
        long max = limits.requestBody().toBytes();
        if (!upload && request.getContentLengthLong() > max) {
            problems.write(request, response, 413, "Content Too Large", tooLarge());
            return;
        }
        Refusal refusal = badParameter(request);
        if (refusal != null) {
            problems.write(request, response, refusal.status(), refusal.status() == 413 ? "Content Too Large"
                    : "Bad Request", refusal.detail());
            return;
        }
        chain.doFilter(upload ? request : new LimitedBody(request, max, tooLarge()), response);
    }

    private String tooLarge() {
        return "The request body is larger than " + limits.requestBody()
                + " (partnerhub.limits.request-body).";
    }

    private record Refusal(int status, String detail) {
    }

    /** Why the parameters cannot be taken (unreadable, or a control character in one), or null. */
    private static Refusal badParameter(HttpServletRequest request) {
        Map<String, String[]> parameters;
        try {
            parameters = request.getParameterMap();
        } catch (InvalidParameterException e) {
            return new Refusal(e.getErrorCode() == 413 ? 413 : 400, "The request's parameters cannot be read: "
                    + Shown.cut(String.valueOf(e.getMessage())));
        }
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            if (JsonInput.hasControlCharacter(parameter.getKey())) {
                return new Refusal(400, "A parameter's name contains a NUL or other control character.");
            }
            for (String value : parameter.getValue()) {
                if (JsonInput.hasControlCharacter(value)) {
                    return new Refusal(400, Shown.cut(parameter.getKey())
                            + " must not contain a NUL or other control character.");
                }
            }
        }
        return null;
    }

    /** The body as sent, refused once it grows past the limit (a chunked body has no length to check first). */
    private static final class LimitedBody extends HttpServletRequestWrapper {
        private final long max;
        private final String refusal;
        private ServletInputStream stream;

        LimitedBody(HttpServletRequest request, long max, String refusal) {
            super(request);
            this.max = max;
            this.refusal = refusal;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counted(super.getInputStream(), max, refusal);
            }
            return stream;
        }
    }

    private static final class Counted extends ServletInputStream {
        private final ServletInputStream in;
        private final long max;
        private final String refusal;
        private long read;

        Counted(ServletInputStream in, long max, String refusal) {
            this.in = in;
            this.max = max;
            this.refusal = refusal;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > max) {
                throw new ContentTooLarge(refusal);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
