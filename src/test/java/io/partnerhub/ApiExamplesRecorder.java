package io.partnerhub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * With {@code -Dopenapi.examples=record}, keeps the first successful JSON answer of each API
 * operation the tests on the shared platform (and a few scenario platforms) make, with its JSON request, one JSON line each in
 * {@code target/api-examples.jsonl}; {@code ApiDocsTest} with {@code -Dopenapi.examples=write} turns
 * them into the examples of the OpenAPI document ({@code src/main/resources/openapi/examples.json}).
 * Without the property it passes every request through untouched.
 */
public class ApiExamplesRecorder extends OncePerRequestFilter {

    public static final Path RECORDED = Path.of("target", "api-examples.jsonl");
    private static final boolean RECORDING = "record".equals(System.getProperty("openapi.examples"));
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !RECORDING || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingRequestWrapper cachedRequest = new ContentCachingRequestWrapper(request, 1 << 20);
        ContentCachingResponseWrapper cachedResponse = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(cachedRequest, cachedResponse);
            keep(cachedRequest, cachedResponse);
        } finally {
            cachedResponse.copyBodyToResponse();
        }
    }

    private static void keep(ContentCachingRequestWrapper request, ContentCachingResponseWrapper response)
            throws IOException {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String type = response.getContentType();
        String requestType = request.getContentType();
        if (pattern == null || response.getStatus() / 100 != 2 || type == null || !type.startsWith("application/json")
                || !SEEN.add(request.getMethod() + " " + pattern + " " + response.getStatus())) {
            return;
        }
        boolean jsonRequest = requestType == null || requestType.startsWith("application/json");
        Map<String, Object> exchange = new LinkedHashMap<>();
        exchange.put("method", request.getMethod());
        exchange.put("pattern", pattern);
        exchange.put("uri", request.getRequestURI());
        exchange.put("query", request.getQueryString());
        exchange.put("status", response.getStatus());
        exchange.put("request", jsonRequest ? new String(request.getContentAsByteArray(), StandardCharsets.UTF_8) : "");
        exchange.put("response", new String(response.getContentAsByteArray(), StandardCharsets.UTF_8));
        synchronized (ApiExamplesRecorder.class) {
            Files.writeString(RECORDED, JSON.writeValueAsString(exchange) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }
}
