package io.partnerhub;

import static io.partnerhub.ApiFixture.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every route × every role, from tables kept next to this test: {@code route-sweep-api.txt} for the
 * API (every path and method of {@code /v3/api-docs}) and {@code route-sweep-portal.txt} for the
 * portal's pages (every mapping of {@link RequestMappingHandlerMapping} outside {@code /api} that
 * the platform's own controllers declare).
 *
 * <p>Roles on the API: the operator (on its own fixture partner O), partner A on partner B's ids
 * (same program), partner C on B's ids (another program), no bearer (also with the portal session
 * cookie of B's SALES user: the API takes bearer tokens only), and on every route, without a
 * column, a revoked partner's token, an expired token and a forged one (401). On the portal: an
 * operator user, A's ADMIN on B's pages, B's SALES user on B's pages, no session.
 *
 * <p>Beyond each line's expected status: never a 5xx; a partner on another partner's ids is never
 * 2xx unless the line says so, and then the answer names nothing of B's (name, tax id, customer,
 * deal); a 401 or 403 of the API is a problem document; every answer of the API is one its
 * operation in the OpenAPI document declares.
 *
 * <p><b>Adding a route</b> makes this test fail with the route's name until its line is added: one
 * line per route, {@code METHOD PATH CALL expectations... [BODY]}, the columns described at the
 * top of each table (a route answering another representation by a parameter, {@code ?format=pdf},
 * has a second line with that call). {@code CALL} fills the path from the fixtures ({@code {partner}}, {@code {deal}},
 * ...); a body is JSON (API) or a form {@code a=1&b=2} (portal) with the same placeholders. A line
 * whose route is gone fails too, so the tables stay true.
 */
@PlatformTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteSweepTest {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final String PERIOD = "2016-01";
    /** A closed month in which partners B and O have a payable, its act and its invoice. */
    private static final String BILLED = "2016-05";
    private static final Pattern EXPECTATION = Pattern.compile("(?<codes>[0-9x|\\-not]+)(@(?<known>\\S+))?");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private Api api;
    private SweepWorld.World b;
    private SweepWorld.World o;
    private SweepWorld.World a;
    private SweepWorld.World c;
    private SweepWorld.Roles roles;
    private final List<String> known = new ArrayList<>();
    /** Per API route, the statuses its operation in the OpenAPI document declares. */
    private final Map<String, Set<String>> documented = new LinkedHashMap<>();

    @BeforeAll
    void fixtures() {
        api = new Api(port);
        SweepWorld worlds = new SweepWorld(api, jdbc, port);
        b = worlds.world("yandex-cloud", "RESELLER");
        o = worlds.world("yandex-cloud", "RESELLER");
        a = worlds.world("yandex-cloud", "RESELLER");
        c = worlds.world("vk-cloud", "PARTNER");
        worlds.statementsIn(PERIOD, b, o);
        worlds.billedIn(BILLED, b, o);
        worlds.dealApproved(b);
        roles = worlds.roles(b, a);
        api.get("/v3/api-docs", null).body().get("paths").properties().forEach(path -> path.getValue().properties()
                .forEach(operation -> documented.put(operation.getKey().toUpperCase() + " " + path.getKey(),
                        new TreeSet<>(operation.getValue().get("responses").propertyNames()))));
    }

    @BeforeEach
    void nothingKnownYet() {
        known.clear();
    }

    @Test
    void everyApiRouteAnswersEveryRoleAsTheTableSays() {
        List<Line> lines = table("route-sweep-api.txt");
        assertSameRoutes(lines, apiRoutes(), "route-sweep-api.txt");
        List<String> failures = new ArrayList<>();
        for (Line line : lines) {
            check(failures, line, "partner A", line.expected(1), apiCall(line, b, a, a.token()), true);
            check(failures, line, "partner C", line.expected(2), apiCall(line, b, c, c.token()), true);
            check(failures, line, "no bearer", line.expected(3), apiCall(line, b, a, null), false);
            check(failures, line, "SALES cookie", line.expected(3), roles.withCookie(roles.salesB(), line.method(),
                    fill(line.call(), b, a), body(line, b, a), "application/json"), false);
            for (var ended : Map.of("revoked partner", roles.revokedToken(), "expired token", roles.expiredToken(),
                    "forged token", roles.forgedToken()).entrySet()) {
                check(failures, line, ended.getKey(), "401", apiCall(line, b, a, ended.getValue()), false);
            }
        }
        for (Line line : lines) {
            check(failures, line, "operator", line.expected(0), apiCall(line, o, a, OPERATOR), false);
        }
        report(failures);
    }

    @Test
    void everyPortalPageAnswersEveryRoleAsTheTableSays() {
        List<Line> lines = table("route-sweep-portal.txt");
        assertSameRoutes(lines, portalRoutes(), "route-sweep-portal.txt");
        List<String> failures = new ArrayList<>();
        for (Line line : lines) {
            check(failures, line, "A's ADMIN", line.expected(1), page(roles.adminA(), line, b, a), true);
            check(failures, line, "B's SALES", line.expected(2), page(roles.salesB(), line, b, b), SweepWorld.DISCOUNT_SHOWN);
            check(failures, line, "no session", line.expected(3), page(roles.anonymous(), line, b, a), false);
        }
        for (Line line : lines) {
            check(failures, line, "operator user", line.expected(0), page(roles.operatorUser(), line, o, a), false);
        }
        report(failures);
    }

    // ---- the tables

    /** One line of a table: the route, the call made, the expected answers by role column, the body. */
    record Line(int number, String method, String path, String call, List<String> expectations, String body) {
        String expected(int column) {
            return expectations.get(column);
        }

        String route() {
            return method + " " + path;
        }
    }

    private static List<Line> table(String resource) {
        List<Line> lines = new ArrayList<>();
        try (InputStream in = RouteSweepTest.class.getResourceAsStream("/" + resource)) {
            String[] text = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < text.length; i++) {
                String row = text[i].strip();
                if (row.isEmpty() || row.startsWith("#")) {
                    continue;
                }
                String[] cells = row.split("\\s+", 8);
                assertThat(cells.length).as(resource + ":" + (i + 1) + " needs METHOD PATH CALL and four expectations")
                        .isGreaterThanOrEqualTo(7);
                lines.add(new Line(i + 1, cells[0], cells[1], cells[2], List.of(cells[3], cells[4], cells[5], cells[6]),
                        cells.length > 7 ? cells[7] : null));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return lines;
    }

    /** Every route served has its line, and every line a route: the failure names each one. */
    private static void assertSameRoutes(List<Line> lines, Set<String> served, String table) {
        Set<String> listed = routesOf(lines);
        List<String> problems = new ArrayList<>();
        served.stream().filter(r -> !listed.contains(r)).forEach(r -> problems.add(r + " has no line in " + table));
        listed.stream().filter(r -> !served.contains(r)).forEach(r -> problems.add(r + " is in " + table + " but not served"));
        assertThat(problems).as("routes and " + table).isEmpty();
    }

    private static Set<String> routesOf(List<Line> lines) {
        Set<String> routes = new TreeSet<>();
        Set<String> calls = new TreeSet<>();
        lines.forEach(line -> {
            routes.add(line.route());
            assertThat(calls.add(line.route() + " " + line.call())).as("a second line for " + line.route()
                    + " with the same call").isTrue();
        });
        return routes;
    }

    private Set<String> apiRoutes() {
        Set<String> routes = new TreeSet<>();
        api.get("/v3/api-docs", null).body().get("paths").properties().forEach(path -> path.getValue().propertyNames()
                .forEach(method -> routes.add(method.toUpperCase() + " " + path.getKey())));
        return routes;
    }

    private Set<String> portalRoutes() {
        Set<String> routes = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (!handler.getBeanType().getPackageName().startsWith("io.partnerhub")) {
                return;
            }
            for (String path : info.getPatternValues()) {
                if (path.startsWith("/api/")) {
                    continue;
                }
                Set<org.springframework.web.bind.annotation.RequestMethod> methods = info.getMethodsCondition().getMethods();
                methods.forEach(m -> routes.add(m.name() + " " + path));
            }
        });
        return routes;
    }

    // ---- calls

    private Api.Response apiCall(Line line, SweepWorld.World target, SweepWorld.World self, String token) {
        return api.send(line.method(), fill(line.call(), target, self), token, body(line, target, self));
    }

    private Api.Response page(SweepWorld.Session session, Line line, SweepWorld.World target, SweepWorld.World self) {
        return roles.withCookie(session, line.method(), fill(line.call(), target, self),
                line.body() == null ? (line.method().equals("GET") ? null : "") : fill(line.body(), target, self),
                "application/x-www-form-urlencoded");
    }

    private static String body(Line line, SweepWorld.World target, SweepWorld.World self) {
        if (line.body() != null) {
            return fill(line.body(), target, self);
        }
        return line.method().equals("GET") || line.method().equals("DELETE") ? null : "{}";
    }

    private static String fill(String template, SweepWorld.World target, SweepWorld.World self) {
        LocalDate today = LocalDate.now(MOSCOW);
        Map<String, Object> values = new LinkedHashMap<>(target.placeholders());
        values.put("self", self.partner());
        values.put("period", PERIOD);
        values.put("thisMonth", YearMonth.now(MOSCOW));
        values.put("today", today);
        values.put("tomorrow", today.plusDays(1));
        Matcher m = Pattern.compile("\\{(\\w+)}").matcher(template);
        StringBuilder filled = new StringBuilder();
        while (m.find()) {
            Object value = m.group(1).equals("unique") ? Api.unique() : values.get(m.group(1));
            assertThat(value).as("placeholder {" + m.group(1) + "} in " + template).isNotNull();
            m.appendReplacement(filled, Matcher.quoteReplacement(String.valueOf(value)));
        }
        return m.appendTail(filled).toString();
    }

    // ---- checks

    private void check(List<String> failures, Line line, String role, String expected, Api.Response answer,
                       boolean onAnotherPartner) {
        check(failures, line, role, expected, answer, onAnotherPartner ? b.markers() : List.of());
    }

    /** {@code forbidden}: texts a 2xx answer to this role must not contain (another partner's data, discounts). */
    private void check(List<String> failures, Line line, String role, String expected, Api.Response answer,
                       List<String> forbidden) {
        Matcher m = EXPECTATION.matcher(expected);
        assertThat(m.matches()).as("line " + line.number() + ": expectation '" + expected + "'").isTrue();
        int status = answer.status();
        String where = line.route() + " as " + role + " (line " + line.number() + ")";
        String problem = null;
        if (status >= 500) {
            problem = "a " + status;
        } else if (!matches(m.group("codes"), status)) {
            problem = status + ", expected " + m.group("codes");
        } else if (status < 300 && forbidden.stream().anyMatch(text -> answer.raw() != null && answer.raw().contains(text))) {
            problem = status + " showing what this role may not see " + forbidden.stream()
                    .filter(answer.raw()::contains).toList();
        } else if (line.path().startsWith("/api/") && (status == 401 || status == 403)
                && !answer.contentType().startsWith("application/problem+json")) {
            problem = status + " without a problem document";
        } else if (line.path().startsWith("/api/")
                && !documented.getOrDefault(line.route(), Set.of()).contains(Integer.toString(status))) {
            problem = status + ", an answer its operation in /v3/api-docs does not document";
        }
        if (problem == null) {
            if (m.group("known") != null) {
                known.add(where + ": answers as expected now; remove @" + m.group("known") + " from its line");
            }
            return;
        }
        if (m.group("known") != null) {
            known.add(where + ": " + problem + " (known: " + m.group("known") + ")");
        } else {
            failures.add(where + ": " + problem + " " + abbreviated(answer.raw()));
        }
    }

    static boolean matches(String codes, int status) {
        for (String code : codes.split("\\|")) {
            boolean match = switch (code) {
                case "2xx" -> status / 100 == 2;
                case "3xx" -> status / 100 == 3;
                case "4xx" -> status / 100 == 4;
                case "4xx-not-404" -> status / 100 == 4 && status != 404;
                default -> Integer.parseInt(code) == status;
            };
            if (match) {
                return true;
            }
        }
        return false;
    }

    private void report(List<String> failures) {
        if (!known.isEmpty()) {
            System.out.println("Route sweep, lines marked as known defects:\n  " + String.join("\n  ", known));
        }
        assertThat(failures).as("routes answering a role otherwise than route-sweep tables say").isEmpty();
    }

    private static String abbreviated(String raw) {
        String text = raw == null ? "" : raw.replaceAll("\\s+", " ");
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
