package io.partnerhub;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's promise on the built artifact, not on the test classpath: {@code java -jar
 * target/partnerhub.jar} starts the platform on an empty data directory (embedded PostgreSQL, demo
 * data), serves the API, its document and the portal, and stops on SIGTERM. A dependency the tests
 * have but the jar lacks fails here (Jackson 2 once went missing from the jar this way, and the
 * platform did not start while every test passed). Run by failsafe after {@code package}.
 */
class PackagedJarIT {

    private static final Duration START = Duration.ofMinutes(3);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process platform;

    @AfterEach
    void stop() throws Exception {
        if (platform != null && platform.isAlive()) {
            platform.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theJarStartsOnAnEmptyDirectoryWithTheDemoAndServesTheApiTheDocumentAndThePortal(@TempDir Path work)
            throws Exception {
        Path jar = Path.of("target", "partnerhub.jar").toAbsolutePath();
        assertThat(jar).as("the packaged jar").exists();
        int port = freePort();
        Path data = work.resolve("data");
        Path log = work.resolve("platform.log");
        platform = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar.toString(), "--server.port=" + port, "--partnerhub.data-dir=" + data))
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        String base = "http://localhost:" + port;

        awaitReady(base, log);

        assertThat(Files.readString(log)).contains("Partnerhub is ready at");
        String token = Files.readString(data.resolve("operator-token")).strip();
        HttpResponse<String> partners = get(base + "/api/v1/partners", token);
        assertThat(partners.statusCode()).isEqualTo(200);
        assertThat(partners.body()).contains("\"vk-cloud\"", "\"oblakoteka\"", "\"yandex-cloud\"");
        HttpResponse<String> document = get(base + "/v3/api-docs", null);
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body()).contains("\"openapi\"", "/api/v1/partners/{id}/invoices");
        HttpResponse<String> signIn = get(base + "/login", null);
        assertThat(signIn.statusCode()).isEqualTo(200);
        assertThat(signIn.body()).contains("lang=\"ru\"");

        platform.destroy();
        assertThat(platform.waitFor(60, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
    }

    private void awaitReady(String base, Path log) throws Exception {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            if (!platform.isAlive()) {
                throw new AssertionError("the platform stopped with " + platform.exitValue() + ":\n" + tail(log));
            }
            try {
                if (get(base + "/actuator/health", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("not ready within " + START + ":\n" + tail(log));
    }

    private HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
