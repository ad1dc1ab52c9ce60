package io.partnerhub.deal;

import static io.partnerhub.deal.DealDesk.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import tools.jackson.databind.JsonNode;

import io.partnerhub.Api;

/**
 * A Yandex Cloud reseller's deals walked from March to August 2026 on a database of their own,
 * with a clock the test moves (approvals happen "now"): 60 protection days (yandex-cloud.yaml).
 *
 * <pre>
 *            03-01 registered, 03-02 approved +15 %       window to be linked and consuming: 03-01 .. 04-30
 * deal A     customer never linked                     -> EXPIRED 05-01 (daily job), NOT_LINKED_AND_CONSUMING
 * deal B     linked 03-01, consumed 03-10, link ends 04-10, never relinked
 *                                                       -> EXPIRED 06-09 (04-10 + 60), LINK_ENDED
 * deal C     linked 03-01, consumed 03-10, link ends 04-10, relinked 05-15 -> stays APPROVED
 * deal E     registered and approved 05-15, never linked -> due 07-14; no daily job runs after 06-09:
 *            the close of July expires it inside the close
 * close 2026-03..07 in August: March applies B's extra although B has expired since (until 06-09)
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "partnerhub.data-dir=target/test-data-deal-expiry",
        "partnerhub.db-clean=true",
        "partnerhub.admin-token=" + Api.OPERATOR_TOKEN,
        "partnerhub.demo=false"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DealExpiryScenarioTest {

    /** A clock the scenario moves forward. */
    static final class ScenarioClock extends Clock {
        private volatile Instant now = Instant.parse("2026-03-02T09:00:00Z");

        void set(String instant) {
            now = Instant.parse(instant);
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
        ScenarioClock scenarioClock() {
            return new ScenarioClock();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    ScenarioClock clock;

    private Api api;
    private DealDesk desk;
    private long partner;
    private long linkB;
    private long linkC;
    private long customerC;
    private long dealA;
    private long dealB;
    private long dealC;
    private long dealE;

    @BeforeAll
    void registerAndApproveOnTheSecondOfMarch() {
        api = new Api(port);
        desk = new DealDesk(api, port);
        clock.set("2026-03-02T09:00:00Z");
        partner = desk.partner("yandex-cloud", "RESELLER", "Protected", "2026-03-01");
        linkB = desk.link(partner, desk.customer("tax-b", "acc-b"), LocalDate.parse("2026-03-01"));
        customerC = desk.customer("tax-c", "acc-c");
        linkC = desk.link(partner, customerC, LocalDate.parse("2026-03-01"));
        dealA = approvedDeal("tax-a", "2026-03-01");
        dealB = approvedDeal("tax-b", "2026-03-01");
        dealC = approvedDeal("tax-c", "2026-03-01");
    }

    @Test
    @Order(1)
    void aDealNeverLinkedAndConsumingExpiresSixtyDaysAfterItsApproval() {
        clock.set("2026-04-10T09:00:00Z");
        desk.usage("acc-b,2026-03-10,Compute Cloud,10000.00", "acc-c,2026-03-10,Compute Cloud,5000.00");
        desk.endLink(partner, linkB, LocalDate.parse("2026-04-10"));
        desk.endLink(partner, linkC, LocalDate.parse("2026-04-10"));
        assertThat(dailyExpiry("2026-04-10")).isEmpty();

        clock.set("2026-05-01T09:00:00Z");
        assertThat(dailyExpiry("2026-04-30")).as("the 60th day after the approval is still protected").isEmpty();
        List<String> expired = dailyExpiry("2026-05-01");

        assertThat(expired).containsExactly("Deal " + dealA + " expired on 2026-05-01: Customer tax id tax-a was not"
                + " linked to the partner and consuming within 60 days after the approval on 2026-03-02.");
        Api.Response a = desk.deal(dealA);
        assertThat(a.text("status")).isEqualTo("EXPIRED");
        assertThat(a.text("endedOn")).isEqualTo("2026-05-01");
        assertThat(a.text("rule")).isEqualTo("NOT_LINKED_AND_CONSUMING");
        assertThat(a.text("reason")).contains("within 60 days after the approval on 2026-03-02");
        assertThat(dailyExpiry("2026-05-01")).as("a second run changes nothing").isEmpty();
        assertThat(desk.events(partner, "deal.expired")).singleElement().satisfies(e -> {
            assertThat(e.get("subject").asString()).isEqualTo("deal/" + dealA);
            assertThat(e.get("actor").asString()).isEqualTo("system");
            assertThat(e.at("/data/endedOn").asString()).isEqualTo("2026-05-01");
            assertThat(e.at("/data/rule").asString()).isEqualTo("NOT_LINKED_AND_CONSUMING");
        });
        assertThat(desk.activities(dealA, OPERATOR)).last()
                .satisfies(entry -> assertThat(entry.get("text").asString()).startsWith("Expired on 2026-05-01"));
        assertThat(desk.deal(dealB).text("status")).as("converted on 03-10").isEqualTo("APPROVED");
    }

    @Test
    @Order(2)
    void theExpiredCustomerIsFreeForAnotherPartner() {
        long rival = desk.partner("yandex-cloud", "RESELLER", "Rival", "2026-03-01");

        Api.Response next = desk.register(rival, "tax-a", OPERATOR);

        assertThat(next.text("status")).as(next.raw()).isEqualTo("PENDING");
        assertThat(api.post("/api/v1/deals/" + next.id() + "/reject", OPERATOR,
                java.util.Map.of("reason", "keeps the scenario to one partner")).status()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void aLinkRenewedWithinSixtyDaysKeepsTheDealOneNeverRenewedEndsIt() {
        clock.set("2026-05-15T09:00:00Z");
        desk.link(partner, customerC, LocalDate.parse("2026-05-15"));
        dealE = approvedDeal("tax-e", "2026-05-15");

        clock.set("2026-06-09T09:00:00Z");
        assertThat(dailyExpiry("2026-06-08")).isEmpty();
        List<String> expired = dailyExpiry("2026-06-09");

        assertThat(expired).containsExactly("Deal " + dealB + " expired on 2026-06-09: The customer's link to the"
                + " partner ended on 2026-04-10 and was not renewed within 60 days.");
        Api.Response b = desk.deal(dealB);
        assertThat(b.text("status")).isEqualTo("EXPIRED");
        assertThat(b.text("endedOn")).isEqualTo("2026-06-09");
        assertThat(b.text("rule")).isEqualTo("LINK_ENDED");
        assertThat(desk.deal(dealC).text("status")).as("relinked on 05-15").isEqualTo("APPROVED");
        assertThat(desk.deal(dealE).text("status")).as("due 07-14").isEqualTo("APPROVED");
    }

    @Test
    @Order(4)
    void theCloseExpiresWhatIsDueByTheMonthsEndAndAppliesAnEndedDealUntilItsEnd() {
        clock.set("2026-08-03T09:00:00Z");

        Api.Response closed = api.post("/api/v1/periods/2026-07/close", OPERATOR, "{}");

        assertThat(closed.status()).as(closed.raw()).isEqualTo(200);
        Api.Response e = desk.deal(dealE);
        assertThat(e.text("status")).as("expired by the close of July, no daily job ran").isEqualTo("EXPIRED");
        assertThat(e.text("endedOn")).isEqualTo("2026-07-14");
        assertThat(desk.events(partner, "deal.expired")).extracting(ev -> ev.get("subject").asString())
                .containsExactly("deal/" + dealA, "deal/" + dealB, "deal/" + dealE);
        // March: 10 % base + 15 % of each deal: 25 % x 10 000.00 (B, expired since 06-09) + 25 % x 5 000.00 (C).
        Api.Response march = api.get("/api/v1/partners/" + partner + "/statements/2026-03", OPERATOR);
        assertThat(march.status()).as(march.raw()).isEqualTo(200);
        JsonNode totals = march.body().get("totals");
        assertThat(totals.get("listCost").asString()).isEqualTo("15000.00");
        assertThat(totals.get("discount").asString()).isEqualTo("3750.00");
        assertThat(totals.get("payable").asString()).isEqualTo("11250.00");
        assertThat(march.raw()).contains("deal #" + dealB + " registered 2026-03-01 +15 % (protection ended 2026-06-09)");
        assertThat(dailyExpiry("2026-08-03")).as("nothing left to expire; C stays protected").isEmpty();
        assertThat(desk.deal(dealC).text("status")).isEqualTo("APPROVED");
    }

    private long approvedDeal(String taxId, String registeredOn) {
        long deal = desk.register(partner, taxId, OPERATOR, "registeredOn", registeredOn).id();
        desk.approve(deal, "15");
        return deal;
    }

    /** Runs the daily jobs for a day; what the deal-expiry task changed. */
    private List<String> dailyExpiry(String day) {
        Api.Response run = api.post("/api/v1/jobs/daily?date=" + day, OPERATOR, "{}");
        assertThat(run.status()).as(run.raw()).isEqualTo(200);
        return run.body().get("tasks").valueStream().filter(t -> t.get("task").asString().equals("deal-expiry"))
                .flatMap(t -> t.get("changes").valueStream()).map(JsonNode::asString).toList();
    }
}
