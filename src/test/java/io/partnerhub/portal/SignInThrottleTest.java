package io.partnerhub.portal;

import io.partnerhub.Api;
import io.partnerhub.ApiFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.partnerhub.portal.PortalClient.location;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in throttling against the real database, every request from 127.0.0.1, with a clock the
 * test moves: five failures lock an account for a minute, each further one doubles the lock, and
 * twelve failures from one address (partnerhub.sign-in.address-failures here) lock the address for
 * every account. Each test starts a day after the one before, when every count is forgotten.
 * Also here, because it needs the clock: a session ends 8 hours after signing in however active.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "partnerhub.data-dir=target/test-data-sign-in",
        "partnerhub.db-clean=true",
        "partnerhub.admin-token=" + Api.OPERATOR_TOKEN,
        "partnerhub.demo=false",
        "partnerhub.sign-in.address-failures=12"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInThrottleTest {

    private static final String PASSWORD = "correct horse battery";

    /** A clock the test moves forward. */
    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-01T09:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now, zone);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TestConfiguration
    static class MovableTime {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    MovableClock clock;

    private Api api;
    private long partner;

    @BeforeAll
    void aPartner() {
        api = new Api(port);
        partner = new ApiFixture(api).partner("vk-cloud", "PARTNER", "2026-01-15");
    }

    @BeforeEach
    void aQuietDayLater() {
        clock.advance(Duration.ofDays(1));
    }

    @Test
    void aHundredAndThirtyWrongPasswordsLockTheAccountAndThenEvenTheRightOneIsRefused() {
        String email = user();

        List<String> answers = IntStream.range(0, 130).mapToObj(i -> signIn(email, "wrong password " + i)).toList();

        assertThat(answers.subList(0, 4)).containsOnly("/login?error");
        assertThat(answers.subList(4, 130)).containsOnly("/login?throttled=1");
        assertThat(signIn(email, PASSWORD)).isEqualTo("/login?throttled=1");
        assertThat(new PortalClient(port).get("/login?throttled=1").body())
                .contains("Слишком много неудачных попыток входа для этой почты или с этого адреса."
                        + " Повторите через 1 мин.; до тех пор вход не примет и верный пароль.");
        assertThat(new PortalClient(port).get("/login?throttled=1&lang=en").body())
                .contains("Too many failed sign-ins for this e-mail or from this address. Try again in 1 min;"
                        + " until then even the right password is refused.");

        clock.advance(Duration.ofSeconds(61));
        assertThat(signIn(email, PASSWORD)).isEqualTo("/");
        // the success cleared the account's count: four failures lock nothing
        assertThat(IntStream.range(0, 4).mapToObj(i -> signIn(email, "wrong again " + i)).toList())
                .containsOnly("/login?error");
        assertThat(signIn(email, PASSWORD)).isEqualTo("/");
    }

    @Test
    void eachFailureAfterALockDoublesItAndAQuietWindowForgetsTheFailures() {
        String email = user();
        IntStream.range(0, 4).forEach(i -> signIn(email, "wrong " + i));
        assertThat(signIn(email, "wrong 4")).isEqualTo("/login?throttled=1");

        clock.advance(Duration.ofSeconds(61));
        assertThat(signIn(email, "wrong 5")).isEqualTo("/login?throttled=2");
        clock.advance(Duration.ofSeconds(121));
        assertThat(signIn(email, "wrong 6")).isEqualTo("/login?throttled=4");
        clock.advance(Duration.ofMinutes(3));
        assertThat(signIn(email, PASSWORD)).isEqualTo("/login?throttled=1");
        clock.advance(Duration.ofSeconds(61));
        assertThat(signIn(email, PASSWORD)).isEqualTo("/");

        String other = user();
        IntStream.range(0, 4).forEach(i -> assertThat(signIn(other, "wrong " + i)).isEqualTo("/login?error"));
        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        // the window (15 minutes) passed without a failure: counting starts again
        IntStream.range(0, 4).forEach(i -> assertThat(signIn(other, "again " + i)).isEqualTo("/login?error"));
        assertThat(signIn(other, PASSWORD)).isEqualTo("/");
    }

    @Test
    void anotherAccountFromTheSameAddressSignsInUntilTheAddressIsLocked() {
        String locked = user();
        String colleague = user();
        IntStream.range(0, 5).forEach(i -> signIn(locked, "wrong " + i));
        assertThat(signIn(locked, PASSWORD)).isEqualTo("/login?throttled=1");

        assertThat(signIn(colleague, PASSWORD)).isEqualTo("/");
        // failures 6 to 11 from the address, each for another e-mail: none of them locks an account
        IntStream.range(0, 6).forEach(i -> assertThat(signIn("guess-" + i + "@portal.test", "wrong")).isEqualTo("/login?error"));
        assertThat(signIn("guess-6@portal.test", "wrong")).isEqualTo("/login?throttled=1");
        assertThat(signIn(colleague, PASSWORD)).isEqualTo("/login?throttled=1");

        clock.advance(Duration.ofSeconds(61));
        assertThat(signIn(colleague, PASSWORD)).isEqualTo("/");
    }

    @Test
    void aSessionEndsEightHoursAfterSigningInHoweverActive() {
        String email = user();
        PortalClient browser = new PortalClient(port);
        assertThat(location(browser.signIn(email, PASSWORD))).isEqualTo("/");

        clock.advance(Duration.ofHours(7).plusMinutes(59));
        assertThat(browser.get("/portal/partners/" + partner).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(1));

        assertThat(location(browser.get("/portal/partners/" + partner))).isEqualTo("/login");
    }

    private String signIn(String email, String password) {
        return location(new PortalClient(port).signIn(email, password));
    }

    private String user() {
        String email = "throttled-" + Api.unique() + "@portal.test";
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("email", email);
        user.put("displayName", "Someone");
        user.put("partnerId", partner);
        user.put("role", "ADMIN");
        user.put("password", PASSWORD);
        Api.Response created = api.post("/api/v1/portal-users", Api.OPERATOR_TOKEN, user);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return email;
    }
}
