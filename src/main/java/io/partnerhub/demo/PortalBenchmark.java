package io.partnerhub.demo;

import io.partnerhub.Partnerhub;
import io.partnerhub.portal.PortalUsers;
import io.partnerhub.program.ModelTerms;
import io.partnerhub.program.PartnerModel;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.settlement.PeriodClose;
import io.partnerhub.shared.Caller;
import io.partnerhub.usage.GenerateCommand;
import io.partnerhub.usage.ImportResult;
import io.partnerhub.usage.UsageFileGenerator;
import io.partnerhub.usage.UsageFormat;
import io.partnerhub.usage.UsageImports;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import javax.sql.DataSource;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times the portal's pages for one partner with many customers and a year of closed statements:
 * a fresh embedded database in a temporary directory, the platform with its web server on a free
 * port, a signed-in partner admin, and each page fetched over HTTP many times after a warm-up.
 * Prints the median, 95th percentile and largest time per page, and the page size.
 */
@Command(name = "bench-portal", mixinStandardHelpOptions = true,
        description = "Benchmark the portal's pages for a partner with many customers.")
public final class PortalBenchmark implements Callable<Integer> {

    private static final String PASSWORD = "benchmark password";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Option(names = "--customers", defaultValue = "5000", description = "customers of the partner (${DEFAULT-VALUE})")
    int customers;
    @Option(names = "--rows", defaultValue = "600000",
            description = "usage rows over the 12 closed months and the open one (${DEFAULT-VALUE})")
    long rows;
    @Option(names = "--unattributed", defaultValue = "0.0",
            description = "share of the rows on accounts of no customer: the rest of a provider's month (${DEFAULT-VALUE})")
    double unattributed;
    @Option(names = "--requests", defaultValue = "100", description = "timed requests per page (${DEFAULT-VALUE})")
    int requests;
    @Option(names = "--last", defaultValue = "2026-10", description = "the last closed month (${DEFAULT-VALUE})")
    YearMonth last;

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("partnerhub-bench-portal");
        YearMonth first = last.minusMonths(11);
        try (ConfigurableApplicationContext platform = new SpringApplicationBuilder(Partnerhub.class)
                .web(WebApplicationType.SERVLET)
                .run("--server.port=0", "--partnerhub.data-dir=" + work, "--partnerhub.demo=false",
                        "--db-scheduler.enabled=false", "--logging.level.root=WARN",
                        "--logging.level.io.partnerhub=INFO")) {
            long started = System.nanoTime();
            prepare(platform, work, first);
            System.out.printf("prepared 1 partner, %d customers, %d usage rows, 12 closed months and an open one in %.1f s%n",
                    customers, rows, (System.nanoTime() - started) / 1e9);
            int port = ((WebServerApplicationContext) platform).getWebServer().getPort();
            HttpClient http = signIn(port);
            long partner = 1;
            String base = "http://localhost:" + port;
            List<String> pages = List.of("/portal/partners/" + partner,
                    "/portal/partners/" + partner + "/month-so-far",
                    "/portal/partners/" + partner + "/customers",
                    "/portal/partners/" + partner + "/customers?q=Seed+customer+42",
                    "/portal/partners/" + partner + "/customers?status=active",
                    "/portal/partners/" + partner + "/balance",
                    "/portal/partners/" + partner + "/customers/42",
                    "/portal/partners/" + partner + "/statements/" + last);
            System.out.printf("%-50s %8s %8s %8s %10s%n", "page", "median", "p95", "max", "bytes");
            for (String page : pages) {
                time(http, base + page, page);
            }
        } finally {
            try (var paths = Files.walk(work)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
        return 0;
    }

    private void prepare(ConfigurableApplicationContext platform, Path work, YearMonth first) throws Exception {
        Program program = ProgramCatalog.outsideThePlatform("").find("vk-cloud").orElseThrow();
        ModelTerms terms = program.versionFor(first).flatMap(v -> v.model(PartnerModel.PARTNER)).orElseThrow();
        SeedCommand seed = new SeedCommand();
        seed.programId = program.id();
        seed.model = PartnerModel.PARTNER;
        seed.partners = 1;
        seed.customers = customers;
        seed.contract = first.atDay(1);
        try (Connection connection = platform.getBean(DataSource.class).getConnection()) {
            connection.setAutoCommit(false);
            seed.seed(connection, program, terms);
            connection.commit();
        }
        Path csv = work.resolve("usage.csv");
        // the rows spread over the 12 closed months and the open one after them, which the dashboard settles so far
        GenerateCommand.write(new UsageFileGenerator.Spec(1, customers, rows, first, last.plusMonths(1),
                0.05, 0.02, 0.01, 0.01, 0.0, unattributed, 11), "vk-cloud", csv);
        try (InputStream in = Files.newInputStream(csv)) {
            ImportResult result = platform.getBean(UsageImports.class).importFile("bench", UsageFormat.FOCUS, in, "usage.csv");
            if (!(result instanceof ImportResult.Accepted)) {
                throw new IllegalStateException("the import did not store the file: " + result);
            }
        }
        // what follows an import on its own threads (statistics, summaries) is done within seconds in
        // service: the pages are timed in that steady state
        CloseBenchmark.awaitImportSummaries(platform.getBean(DataSource.class));
        platform.getBean(PeriodClose.class).close("bench", last);
        platform.getBean(PortalUsers.class).create(new Caller.Operator("bench"),
                new PortalUsers.NewUser("admin@bench.test", "Bench admin", 1L, PortalUsers.Role.ADMIN, PASSWORD));
    }

    private static HttpClient signIn(int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String form = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = CSRF.matcher(form);
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on the sign-in form");
        }
        String body = "email=admin%40bench.test&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (signedIn.statusCode() != 302 || signedIn.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("sign-in failed: " + signedIn.statusCode() + " " + signedIn.headers().map());
        }
        return http;
    }

    private void time(HttpClient http, String url, String label) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
        int bytes = 0;
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(label + " answered " + response.statusCode());
            }
            bytes = response.body().getBytes(StandardCharsets.UTF_8).length;
        }
        long[] nanos = new long[requests];
        for (int i = 0; i < requests; i++) {
            long started = System.nanoTime();
            http.send(request, HttpResponse.BodyHandlers.ofString());
            nanos[i] = System.nanoTime() - started;
        }
        Arrays.sort(nanos);
        System.out.printf("%-50s %6.1f ms %6.1f ms %6.1f ms %10d%n", label, nanos[requests / 2] / 1e6,
                nanos[(int) Math.ceil(requests * 0.95) - 1] / 1e6, nanos[requests - 1] / 1e6, bytes);
    }
}
