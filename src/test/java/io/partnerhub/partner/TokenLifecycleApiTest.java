package io.partnerhub.partner;

import static io.partnerhub.ApiFixture.OPERATOR;
import static io.partnerhub.ApiFixture.assertProblem;
import static io.partnerhub.ApiFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.partnerhub.Api;
import io.partnerhub.ApiFixture;
import io.partnerhub.PlatformTest;

/**
 * A partner token ends when its partner's status is revoked (at once), reads only after the
 * partner's exit date (90 days by default) and then ends, expires when asked to, is revoked by
 * DELETE, and is rotated into a successor (the old one working for an hour, or stopping at once).
 * Every ended token answers 401 with the reason.
 */
@PlatformTest
class TokenLifecycleApiTest {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private Api api;
    private ApiFixture fixture;
    private long partner;
    private LocalDate today;

    @BeforeEach
    void aPartner() {
        api = new Api(port);
        fixture = new ApiFixture(api);
        partner = fixture.partner("yandex-cloud", "RESELLER", "2026-01-15");
        today = LocalDate.now(MOSCOW);
    }

    @Test
    void aRevokedPartnersTokensStopAtOnce() {
        String token = fixture.token(partner);
        assertThat(api.get(self(), token).status()).isEqualTo(200);

        Api.Response revoked = api.post(self() + "/revocation", OPERATOR, Map.of("reason", "Breach"));
        Api.Response read = api.get(self(), token);
        Api.Response write = api.post(self() + "/exit-notices", token, Map.of("exitDate", today.plusDays(60).toString()));

        assertThat(revoked.status()).as(revoked.raw()).isEqualTo(201);
        assertProblem(read, 401);
        assertThat(read.text("detail")).isEqualTo("Partner " + partner + "'s status is revoked from " + today
                + ": its tokens no longer work.");
        assertProblem(write, 401);
        assertProblem(api.post(self() + "/tokens", OPERATOR, "{}"), 409);
    }

    @Test
    void aPartnerThatLeftReadsItsOwnDataForNinetyDaysAndWritesNothing() {
        String token = fixture.token(partner);
        exitedOn(today.minusDays(10));

        Api.Response read = api.get(self(), token);
        Api.Response balance = api.get(self() + "/balance", token);
        Api.Response write = api.post(self() + "/withdrawals", token, Map.of("amount", "1.00", "destination", "BANK_ACCOUNT"));

        assertThat(read.status()).as(read.raw()).isEqualTo(200);
        assertThat(read.text("status")).isEqualTo("EXITED");
        assertThat(balance.status()).as(balance.raw()).isEqualTo(200);
        assertProblem(write, 403);
        assertThat(write.text("detail")).isEqualTo("Partner " + partner + " left the program on " + today.minusDays(10)
                + ": its tokens only read its own data, up to and including " + today.plusDays(79) + ".");
    }

    @Test
    void ninetyDaysAfterTheExitItsTokensEnd() {
        String token = fixture.token(partner);
        exitedOn(today.minusDays(90));

        Api.Response read = api.get(self(), token);

        assertProblem(read, 401);
        assertThat(read.text("detail")).isEqualTo("Partner " + partner + " left the program on " + today.minusDays(90)
                + "; its tokens stopped working on " + today + ".");
    }

    @Test
    void aTokenExpiresAtTheInstantAsked() throws InterruptedException {
        Instant soon = Instant.now().plusMillis(1500).truncatedTo(ChronoUnit.MILLIS);
        Api.Response issued = api.post(self() + "/tokens", OPERATOR, Map.of("label", "short", "expiresAt", soon.toString()));
        String token = issued.text("token");

        assertThat(issued.status()).as(issued.raw()).isEqualTo(201);
        assertThat(Instant.parse(issued.text("expiresAt"))).isEqualTo(soon);
        assertThat(api.get(self(), token).status()).isEqualTo(200);
        Thread.sleep(Math.max(0, soon.toEpochMilli() - System.currentTimeMillis() + 50));

        Api.Response late = api.get(self(), token);
        assertProblem(late, 401);
        assertThat(late.text("detail")).isEqualTo("This token expired at " + soon + ".");
        Api.Response listed = api.get(self() + "/tokens", OPERATOR);
        assertThat(listed.body().get(0).get("status").asString()).isEqualTo("EXPIRED");
        assertThat(listed.body().get(0).get("lastUsedAt").isNull()).isFalse();
    }

    @Test
    void expiresOnIsTheFirstMoscowDayTheTokenNoLongerWorksAndMustBeAfterToday() {
        Api.Response issued = api.post(self() + "/tokens", OPERATOR, Map.of("expiresOn", today.plusDays(30).toString()));
        Api.Response todayRefused = api.post(self() + "/tokens", OPERATOR, Map.of("expiresOn", today.toString()));
        Api.Response both = api.post(self() + "/tokens", OPERATOR,
                Map.of("expiresOn", today.plusDays(30).toString(), "expiresAt", "2030-01-01T00:00:00Z"));

        assertThat(issued.status()).as(issued.raw()).isEqualTo(201);
        assertThat(issued.text("expiresAt")).isEqualTo(today.plusDays(30).atStartOfDay(MOSCOW).toInstant().toString());
        assertProblem(todayRefused, 422);
        assertThat(fields(todayRefused)).containsExactly("expiresOn");
        assertProblem(both, 422);
        assertThat(fields(both)).containsExactly("expiresOn", "expiresAt");
        assertThat(api.get(self() + "/tokens", OPERATOR).body()).hasSize(1);
    }

    @Test
    void deleteRevokesATokenAtOnce() {
        Api.Response issued = api.post(self() + "/tokens", OPERATOR, "{}");
        String token = issued.text("token");

        Api.Response deleted = api.send("DELETE", self() + "/tokens/" + issued.id(), OPERATOR);
        Api.Response after = api.get(self(), token);

        assertThat(deleted.status()).as(deleted.raw()).isEqualTo(200);
        assertThat(deleted.text("status")).isEqualTo("REVOKED");
        assertProblem(after, 401);
        assertThat(after.text("detail")).isEqualTo("This token was revoked at " + deleted.text("revokedAt") + ".");
        assertProblem(api.send("DELETE", self() + "/tokens/" + issued.id(), token), 401);
    }

    @Test
    void aRotatedTokenWorksForAnHourNextToItsSuccessor() {
        Api.Response first = api.post(self() + "/tokens", OPERATOR, Map.of("label", "billing"));

        Api.Response rotated = api.post(self() + "/tokens/" + first.id() + "/rotation", OPERATOR, "{}");
        Api.Response listed = api.get(self() + "/tokens", OPERATOR);

        assertThat(rotated.status()).as(rotated.raw()).isEqualTo(201);
        assertThat(rotated.text("label")).isEqualTo("billing");
        assertThat(rotated.body().get("rotatedFrom").asLong()).isEqualTo(first.id());
        assertThat(api.get(self(), rotated.text("token")).status()).isEqualTo(200);
        assertThat(api.get(self(), first.text("token")).status()).isEqualTo(200);
        Instant oldEnds = Instant.parse(listed.body().get(0).get("expiresAt").asString());
        assertThat(oldEnds).isBetween(Instant.now().plusSeconds(3500), Instant.now().plusSeconds(3600));
        assertThat(listed.body().get(0).get("replacedBy").asLong()).isEqualTo(rotated.id());
        assertProblem(api.post(self() + "/tokens/" + first.id() + "/rotation", OPERATOR, "{}"), 409);
    }

    @Test
    void aPartnerRotatesItsOwnTokenOnlyAndMayEndTheOldOneAtOnce() {
        Api.Response mine = api.post(self() + "/tokens", OPERATOR, "{}");
        Api.Response sibling = api.post(self() + "/tokens", OPERATOR, "{}");
        long other = fixture.partner("yandex-cloud", "RESELLER", "2026-01-15");
        Api.Response othersToken = api.post("/api/v1/partners/" + other + "/tokens", OPERATOR, "{}");
        String token = mine.text("token");

        Api.Response notSibling = api.post(self() + "/tokens/" + sibling.id() + "/rotation", token, "{}");
        Api.Response notOthers = api.post("/api/v1/partners/" + other + "/tokens/" + othersToken.id() + "/rotation",
                token, "{}");
        Api.Response rotated = api.post(self() + "/tokens/" + mine.id() + "/rotation", token,
                Map.of("oldTokenEnds", "AT_ONCE"));
        Api.Response old = api.get(self(), token);

        assertProblem(notSibling, 403);
        assertProblem(notOthers, 404);
        assertThat(rotated.status()).as(rotated.raw()).isEqualTo(201);
        assertThat(api.get(self(), rotated.text("token")).status()).isEqualTo(200);
        assertProblem(old, 401);
        assertThat(old.text("detail")).startsWith("This token was replaced by token " + rotated.id() + " and stopped working at ");
        assertThat(api.get(self() + "/tokens", rotated.text("token")).body().findValuesAsString("status"))
                .containsExactly("EXPIRED", "ACTIVE", "ACTIVE");
        assertProblem(api.get("/api/v1/partners/" + other + "/tokens", rotated.text("token")), 404);
    }

    private void exitedOn(LocalDate exitDate) {
        jdbc.sql("""
                        insert into exit_notice (partner_id, given_on, exit_date, recorded_by)
                        values (:partner, :given, :exit, 'token-lifecycle-test')""")
                .param("partner", partner).param("given", exitDate.minusDays(30)).param("exit", exitDate).update();
    }

    private String self() {
        return "/api/v1/partners/" + partner;
    }
}
