package io.partnerhub.deal;

import static io.partnerhub.deal.DealDesk.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.partnerhub.Api;

/**
 * Auto-approval, the rule kind a program may turn on (no shipped program does: docs/deals.md), run
 * with a VK Cloud file that turns it on for deals expecting at most 100 000.00 a month, +5 %.
 */
@DealDeskPlatform
class AutoApprovalApiTest {

    @LocalServerPort
    int port;

    private Api api;
    private DealDesk desk;

    @BeforeEach
    void connect() {
        api = new Api(port);
        desk = new DealDesk(api, port);
    }

    @Test
    void aProgramThatTurnsItOnApprovesACleanDealWithinTheAmountAtRegistrationAsTheSystem() {
        long vk = desk.partner("vk-cloud", "PARTNER", "Small Deals", "2026-01-15");
        long yandex = desk.partner("yandex-cloud", "RESELLER", "Small Deals", "2026-01-15");

        Api.Response atTheLimit = desk.register(vk, Api.unique(), desk.token(vk), "expectedMonthlyAmount", "100000.00");
        Api.Response above = desk.register(vk, Api.unique(), OPERATOR, "expectedMonthlyAmount", "100000.01");
        Api.Response noAmount = desk.register(vk, Api.unique(), OPERATOR);
        Api.Response otherProgram = desk.register(yandex, Api.unique(), OPERATOR, "expectedMonthlyAmount", "50000.00");

        assertThat(atTheLimit.text("status")).as(atTheLimit.raw()).isEqualTo("APPROVED");
        assertThat(atTheLimit.body().get("extraDiscountPercent").decimalValue()).isEqualByComparingTo("5");
        assertThat(atTheLimit.text("decidedBy")).isEqualTo("system");
        assertThat(atTheLimit.text("rule")).isEqualTo("AUTO_APPROVAL");
        assertThat(atTheLimit.text("decidedAt")).isEqualTo("2026-06-15T09:00:00Z");
        assertThat(above.text("status")).isEqualTo("PENDING");
        assertThat(noAmount.text("status")).isEqualTo("PENDING");
        assertThat(otherProgram.text("status")).as("the Yandex Cloud file has no auto-approval").isEqualTo("PENDING");

        assertThat(desk.events(vk, "deal")).filteredOn(e -> e.get("subject").asString().equals("deal/" + atTheLimit.id()))
                .extracting(e -> e.get("type").asString()).containsExactly("deal.registered", "deal.approved");
        assertThat(desk.events(vk, "deal.approved")).singleElement().satisfies(e -> {
            assertThat(e.get("actor").asString()).isEqualTo("system");
            assertThat(e.at("/data/by").asString()).isEqualTo("system");
            assertThat(e.at("/data/rule").asString()).isEqualTo("AUTO_APPROVAL");
            assertThat(e.at("/data/extraDiscountPercent").asString()).isEqualTo("5");
            assertThat(e.get("summary").asString()).contains("100000.00 within 100000.00");
        });
        assertThat(desk.activities(atTheLimit.id(), OPERATOR)).singleElement().satisfies(a -> {
            assertThat(a.get("kind").asString()).isEqualTo("DECISION");
            assertThat(a.get("actor").asString()).isEqualTo("system");
            assertThat(a.get("text").asString()).isEqualTo("Approved with +5 % by the auto-approval: no conflict and an"
                    + " expected monthly amount of 100000.00 within 100000.00.");
            assertThat(a.get("namesDiscount").asBoolean()).isTrue();
        });
    }

    @Test
    void aDealWithAConflictToReviewWaitsForTheOperatorEvenWithinTheAmount() {
        long vk = desk.partner("vk-cloud", "PARTNER", "Direct Small Deals", "2026-01-15");
        String taxId = Api.unique();
        String account = "acc-" + Api.unique();
        desk.customer(taxId, account);
        desk.usage(account + "," + LocalDate.parse(DealDeskPlatform.TODAY).minusDays(3) + ",Cloud Servers,700.00");

        Api.Response direct = desk.register(vk, taxId, desk.token(vk), "expectedMonthlyAmount", "1000.00");

        assertThat(direct.text("status")).as(direct.raw()).isEqualTo("PENDING");
        assertThat(direct.text("rule")).isEqualTo("DIRECT_CUSTOMER");
        assertThat(direct.body().get("extraDiscountPercent")).isNull();
        assertThat(desk.events(vk, "deal.approved")).isEmpty();
        assertThat(desk.events(vk, "deal.registered")).singleElement()
                .satisfies(e -> assertThat(e.at("/data/review").asString()).isEqualTo("DIRECT_CUSTOMER"));
    }
}
