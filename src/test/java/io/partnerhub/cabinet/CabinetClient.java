package io.partnerhub.cabinet;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser reduced to what the cabinet's and the portal's sessions need, over plain HTTP: it keeps the session
 * cookie by hand (so a test can copy it and send an old one again) and any other cookie it is
 * given (the language), follows no redirect, and posts forms with the CSRF token of the page it
 * read last.
 */
final class CabinetClient {

    static final String COOKIE = "partnerhub-session";
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private String session;
    private final Map<String, String> otherCookies = new LinkedHashMap<>();
    private String csrf;

    CabinetClient(int port) {
        this.base = "http://localhost:" + port;
    }

    /** The session cookie's value now (null before the first page). */
    String session() {
        return session;
    }

    /** Sends this cookie from now on, as a browser that kept an old one would. */
    CabinetClient withSession(String cookie) {
        this.session = cookie;
        return this;
    }

    /** Opens the portal's form and signs in; the response is the form's answer (a redirect). */
    HttpResponse<String> signIn(String email, String password) {
        get("/login");
        return post("/login", Map.of("email", email, "password", password));
    }

    /** Opens the partner's cabinet form and signs in; the response is the form's answer (a redirect). */
    HttpResponse<String> signInToCabinet(long partner, String email, String password) {
        get("/cabinet/" + partner + "/login");
        return post("/cabinet/" + partner + "/login", Map.of("email", email, "password", password));
    }

    HttpResponse<String> get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        Matcher token = CSRF.matcher(response.body());
        if (token.find()) {
            csrf = token.group(1);
        }
        return response;
    }

    /** Posts the form fields with the CSRF token of the last page read. */
    HttpResponse<String> post(String path, Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>(fields);
        if (csrf != null) {
            form.put("_csrf", csrf);
        }
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Where a redirect leads, without the host; null when the answer is not a redirect. */
    static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").map(l -> l.replaceFirst("^https?://[^/]+", "")).orElse(null);
    }

    private void keep(String setCookie) {
        String[] nameValue = setCookie.split(";", 2)[0].split("=", 2);
        String value = nameValue.length < 2 || setCookie.contains("Max-Age=0") ? "" : nameValue[1];
        if (nameValue[0].equals(COOKIE)) {
            session = value.isEmpty() ? null : value;
        } else if (value.isEmpty()) {
            otherCookies.remove(nameValue[0]);
        } else {
            otherCookies.put(nameValue[0], value);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        Map<String, String> cookies = new LinkedHashMap<>(otherCookies);
        if (session != null) {
            cookies.put(COOKIE, session);
        }
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            response.headers().allValues("Set-Cookie").forEach(this::keep);
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
