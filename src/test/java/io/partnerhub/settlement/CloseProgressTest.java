package io.partnerhub.settlement;

import io.partnerhub.Api;
import io.partnerhub.ApiFixture;
import io.partnerhub.shared.ProblemException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a close tells about its progress: the month, how many partners it settles, each one
 * settled, then storing; and the console's close on its own thread, from start to outcome. A
 * database of its own, with three partners contracted from 2026-01-01 and nothing else.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "partnerhub.data-dir=target/test-data-close-progress",
        "partnerhub.db-clean=true",
        "partnerhub.admin-token=" + Api.OPERATOR_TOKEN,
        "partnerhub.demo=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CloseProgressTest {

    @LocalServerPort
    int port;
    @Autowired
    PeriodClose close;
    @Autowired
    CloseInBackground background;

    @BeforeAll
    void threePartners() {
        ApiFixture fixture = new ApiFixture(new Api(port));
        for (int i = 0; i < 3; i++) {
            fixture.partner("vk-cloud", "PARTNER", "2026-01-01");
        }
    }

    @Test
    @Order(1)
    void theCloseTellsTheMonthItsPartnersEachOneSettledThenStoring() {
        List<String> told = new ArrayList<>();
        close.close("test", YearMonth.of(2026, 1), new CloseProgress() {
            @Override
            public void settling(YearMonth month, int partners) {
                told.add("settling " + month + " of " + partners);
            }

            @Override
            public void settled(YearMonth month, int settled) {
                told.add("settled " + settled);
            }

            @Override
            public void storing(YearMonth month) {
                told.add("storing " + month);
            }
        });

        assertThat(told).containsExactly("settling 2026-01 of 3", "settled 1", "settled 2", "settled 3",
                "storing 2026-01");
    }

    @Test
    @Order(2)
    void aCloseInTheBackgroundRunsToItsOutcome() throws InterruptedException {
        CloseInBackground.Run started = background.start("test", YearMonth.of(2026, 2));
        assertThat(started.running()).isTrue();

        CloseInBackground.Run done = awaitEnd();

        assertThat(done.stage()).isEqualTo(CloseInBackground.Stage.CLOSED);
        assertThat(done.period()).isEqualTo(YearMonth.of(2026, 2));
        assertThat(done.closedNow()).containsExactly(YearMonth.of(2026, 2));
        assertThat(done.partners()).isEqualTo(3);
        assertThat(done.settled()).isEqualTo(3);
        assertThat(done.percent()).isEqualTo(100);
        assertThat(done.finishedAt()).isAfterOrEqualTo(done.startedAt());
    }

    @Test
    @Order(3)
    void closingAClosedMonthAgainClosesNothingAndAMonthNotEndedIsRefusedAtOnce() throws InterruptedException {
        background.start("test", YearMonth.of(2026, 2));
        CloseInBackground.Run again = awaitEnd();
        assertThat(again.stage()).isEqualTo(CloseInBackground.Stage.CLOSED);
        assertThat(again.closedNow()).isEmpty();

        YearMonth current = YearMonth.now(java.time.ZoneId.of("Europe/Moscow"));
        assertThatThrownBy(() -> background.start("test", current))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining(current + " has not ended yet");
        assertThat(background.latest()).contains(again);
    }

    private CloseInBackground.Run awaitEnd() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (background.latest().orElseThrow().running() && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        return background.latest().orElseThrow();
    }
}
