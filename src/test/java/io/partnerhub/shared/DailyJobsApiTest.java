package io.partnerhub.shared;

import io.partnerhub.Api;
import io.partnerhub.ApiFixture;
import io.partnerhub.PlatformTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

@PlatformTest
class DailyJobsApiTest {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @Test
    void theNightlyRunIsScheduledInTheDatabaseForFivePastMidnightInMoscow() {
        OffsetDateTime next = jdbc.sql("select execution_time from scheduled_tasks where task_name = 'daily-tasks'")
                .query(OffsetDateTime.class).single();

        var moscow = next.atZoneSameInstant(MOSCOW);
        assertThat(moscow.toLocalTime()).isEqualTo(LocalTime.of(0, 5));
        LocalDate today = LocalDate.now(MOSCOW);
        assertThat(moscow.toLocalDate()).isBetween(today, today.plusDays(1));
    }

    @Test
    void anOperatorRunsTheDailyTasksForAPastDay() {
        Api.Response run = api.post("/api/v1/jobs/daily?date=2026-03-01", Api.OPERATOR_TOKEN, "{}");

        assertThat(run.status()).as(run.raw()).isEqualTo(200);
        assertThat(run.text("date")).isEqualTo("2026-03-01");
        assertThat(run.body().get("tasks").isArray()).isTrue();
    }

    @Test
    void aDayAfterTodayIsRefusedNamingTheField() {
        LocalDate tomorrow = LocalDate.now(MOSCOW).plusDays(1);

        Api.Response run = api.post("/api/v1/jobs/daily?date=" + tomorrow, Api.OPERATOR_TOKEN, "{}");

        assertThat(run.status()).as(run.raw()).isEqualTo(422);
        assertThat(run.raw()).contains("date").contains("is after today");
    }

    @Test
    void aPartnerCannotRunThem() {
        ApiFixture fixture = new ApiFixture(api);
        String token = fixture.token(fixture.partner("vk-cloud", "PARTNER", "2026-01-15"));

        Api.Response run = api.post("/api/v1/jobs/daily", token, "{}");

        assertThat(run.status()).as(run.raw()).isIn(403, 404);
    }
}
