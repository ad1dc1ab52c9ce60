package io.partnerhub.settlement;

import static io.partnerhub.ApiFixture.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.partnerhub.Api;
import io.partnerhub.ApiFixture;
import io.partnerhub.PlatformTest;

/**
 * Periods are exactly YYYY-MM from 2015-01 to December of next year wherever they come in: a path,
 * a query parameter or a JSON body. A negative year once closed as a BC month that read back as
 * 2026-11, so the real month could never be settled; 0001-01 created a partition.
 */
@PlatformTest
class PeriodRangeApiTest {

    private static final String OPERATOR = Api.OPERATOR_TOKEN;
    private static final String EXPECTED = "a period YYYY-MM from 2015-01 to "
            + (LocalDate.now(ZoneId.of("Europe/Moscow")).getYear() + 1) + "-12";

    @LocalServerPort
    int port;

    Api api;
    long partner;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        partner = new ApiFixture(api).partner("vk-cloud", "PARTNER", "2026-01-01");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-2025-11", "0001-01", "+12025-01", "2026-1", "2026-13", "2014-12", "20261-01", "9999-12"})
    void aClosedPeriodIsExactlyYearAndMonthInTheKeptRange(String period) {
        Api.Response refused = api.post("/api/v1/periods/" + period + "/close", OPERATOR, "{}");

        assertProblem(refused, 422);
        assertThat(refused.text("detail")).isEqualTo("period must be " + EXPECTED);
        assertThat(refused.body().get("errors").get(0).get("field").asString()).isEqualTo("period");
        assertThat(refused.body().get("errors").get(0).get("message").asString())
                .isEqualTo("'" + period + "' is not " + EXPECTED);
        List<String> known = api.get("/api/v1/periods", OPERATOR).body().findValuesAsString("period");
        assertThat(known).noneMatch(p -> p.startsWith("-") || p.startsWith("0001") || p.startsWith("+"));
    }

    @Test
    void aStatementOrUnattributedUsageOfAnImpossiblePeriodIsRefusedNamingTheParameter() {
        assertProblem(api.get("/api/v1/partners/" + partner + "/statements/-2025-11", OPERATOR), 422);
        assertProblem(api.get("/api/v1/partners/" + partner + "/statements/0001-01.csv", OPERATOR), 422);
        Api.Response query = api.get("/api/v1/usage/unattributed?period=-2025-11", OPERATOR);
        assertProblem(query, 422);
        assertThat(query.text("detail")).isEqualTo("period must be " + EXPECTED);
        assertProblem(api.get("/api/v1/usage/unattributed?period=0001-01", OPERATOR), 422);
        assertThat(api.get("/api/v1/usage/unattributed?period=2026-05", OPERATOR).status()).isEqualTo(200);
    }

    @Test
    void periodsInBodiesAreCheckedTheSameWay() {
        Api.Response withdrawal = api.post("/api/v1/partners/" + partner + "/withdrawals", OPERATOR,
                Map.of("amount", "1.00", "destination", "BONUS", "period", "-2025-11"));
        assertProblem(withdrawal, 422);
        assertThat(withdrawal.text("detail")).isEqualTo("period must be " + EXPECTED);

        Api.Response adjustment = api.post("/api/v1/partners/" + partner + "/adjustments", OPERATOR,
                Map.of("corrects", "-2025-11", "kind", "DISCOUNT", "amount", "1.00", "reason", "typo"));
        assertProblem(adjustment, 422);
        assertThat(adjustment.text("detail")).isEqualTo("corrects must be " + EXPECTED);
        assertThat(api.get("/api/v1/partners/" + partner + "/adjustments", OPERATOR).body().size()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0001-01-01", "-2025-01-01", "+12026-01-01", "2026-1-1", "1899-12-31", "3000-01-01"})
    void datesInQueriesAndBodiesHaveFourDigitPlausibleYears(String date) {
        Api.Response job = api.post("/api/v1/jobs/daily?date=" + date.replace("+", "%2B"), OPERATOR, "{}");
        assertProblem(job, 422);
        assertThat(job.text("detail")).isEqualTo("date must be a date YYYY-MM-DD from 1900-01-01 to 2999-12-31");

        Api.Response body = api.post("/api/v1/partners/" + partner + "/exam-passes", OPERATOR, Map.of("passedOn", date));
        assertProblem(body, 422);
        assertThat(body.body().get("errors").get(0).get("field").asString()).isEqualTo("passedOn");
    }
}
