package io.partnerhub.settlement;

import io.partnerhub.program.PartnerModel;
import io.partnerhub.settlement.rules.Statement;
import io.partnerhub.settlement.rules.StatementLine.Kind;
import io.partnerhub.shared.ReasonText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Oblakoteka Referral's first-month option (PROGRAMS.md, Oblakoteka, Referral: "once 100 % of the
 * customer's first calendar month with consumption", main services only) and VK Cloud Agent's fixed
 * reward per completed technical presale (Configured: 15 000 RUB).
 */
class ReferralAndPresaleTest {

    private static Facts referral(String period) {
        return Facts.of("oblakoteka", period, PartnerModel.REFERRAL, "BASIC", "2025-01-01");
    }

    @Test
    void firstMonthOptionRewardsAllOfTheFirstMonthsMainServicesOnce() {
        // 100 % x 20 000.00 KVM; MONT Office 5 000.00 is not a main service.
        Statement s = referral("2026-03").link(1, "2026-02-10", "FIRST_MONTH").firstConsumedOn(1, "2026-03-02")
                .usage("1,ElasticCloud KVM,20000.00; 1,MONT Office,5000.00").settle();

        assertThat(s.lines()).filteredOn(l -> l.kind() == Kind.REWARD)
                .extracting(l -> l.customerId(), l -> l.base().toDecimalString(), l -> l.rate().toPlainString(),
                        l -> l.amount().toDecimalString())
                .containsExactly(tuple(1L, "20000.00", "100", "20000.00"));
        assertThat(s.totals().reward().toDecimalString()).isEqualTo("20000.00");
        assertThat(s.totals().payable().toDecimalString()).isEqualTo("0.00");
        assertThat(s.measures()).containsEntry("firstMonth:1", BigDecimal.ONE);
    }

    @Test
    void aCustomerWhoseFirstMonthWasRewardedEarnsNothingMore() {
        Statement s = referral("2026-04").link(1, "2026-02-10", "FIRST_MONTH").firstMonthRewarded(1)
                .usage("1,ElasticCloud KVM,20000.00").settle();

        assertThat(s.lines()).noneMatch(l -> l.kind() == Kind.REWARD);
        assertThat(s.totals().reward().toDecimalString()).isEqualTo("0.00");
        assertThat(s.measures()).doesNotContainKey("firstMonth:1");
    }

    @Test
    void walkingMonthsTheRewardComesInTheFirstMonthWithConsumptionOnly() {
        // February: linked, no consumption. March: first consumption, rewarded. April: nothing more.
        Statement february = referral("2026-02").link(1, "2026-02-10", "FIRST_MONTH").settle();
        assertThat(february.totals().reward().toDecimalString()).isEqualTo("0.00");
        assertThat(february.measures()).doesNotContainKey("firstMonth:1");

        Statement march = referral("2026-03").link(1, "2026-02-10", "FIRST_MONTH").firstConsumedOn(1, "2026-03-05")
                .usage("1,Databases,7000.00; 1,Kubernetes,1500.50").settle();
        assertThat(march.totals().reward().toDecimalString()).isEqualTo("8500.50");
        assertThat(march.measures()).containsKey("firstMonth:1");

        Statement april = referral("2026-04").link(1, "2026-02-10", "FIRST_MONTH").firstMonthRewarded(1)
                .firstConsumedOn(1, "2026-03-05").usage("1,Databases,9000.00").settle();
        assertThat(april.totals().reward().toDecimalString()).isEqualTo("0.00");
    }

    @Test
    void theRewardIsOncePerCustomerNotPerLink() {
        // The customer first consumes on 2026-03-03 under partner A: A's March pays 100 % x 1 000.00, once.
        Statement a = referral("2026-03").link(1, "2026-02-10", "FIRST_MONTH").firstConsumedOn(1, "2026-03-03")
                .usage("1,ElasticCloud KVM,1000.00").settle();
        assertThat(a.totals().reward().toDecimalString()).isEqualTo("1000.00");
        assertThat(a.measures()).containsKey("firstMonth:1");

        // Transferred to B on 2026-04-01 with the same option: April is not the customer's first month.
        Statement b = referral("2026-04").link(1, "2026-04-01", "FIRST_MONTH").firstMonthRewarded(1)
                .firstConsumedOn(1, "2026-03-03").usage("1,ElasticCloud KVM,1000.00").settle();
        assertThat(b.lines()).noneMatch(l -> l.kind() == Kind.REWARD);
        assertThat(b.totals().reward().toDecimalString()).isEqualTo("0.00");
        assertThat(b.measures()).doesNotContainKey("firstMonth:1");
    }

    @Test
    void aTransferInsideTheFirstMonthRewardsOnlyThePartnerLinkedOnTheFirstDay() {
        // First consumption 2026-03-03 under A; B's link starts 2026-03-15, in the same month.
        Statement b = referral("2026-03").link(1, "2026-03-15", "FIRST_MONTH").firstConsumedOn(1, "2026-03-03")
                .usage("1,ElasticCloud KVM,1000.00").settle();
        assertThat(b.totals().reward().toDecimalString()).isEqualTo("0.00");
        assertThat(b.measures()).doesNotContainKey("firstMonth:1");
    }

    @Test
    void aCustomerThatConsumedBeforeItsLinkEarnsNoFirstMonthReward() {
        // Served directly since 2026-01-15, linked on 2026-03-01: March is not its first month.
        Statement s = referral("2026-03").link(1, "2026-03-01", "FIRST_MONTH").firstConsumedOn(1, "2026-01-15")
                .usage("1,ElasticCloud KVM,1000.00").settle();
        assertThat(s.lines()).noneMatch(l -> l.kind() == Kind.REWARD);
        assertThat(s.totals().reward().toDecimalString()).isEqualTo("0.00");
    }

    @Test
    void aMonthWhoseConsumptionIsOnlyACorrectionIsNotTheFirstMonth() {
        Statement s = referral("2026-03").link(1, "2026-02-10", "FIRST_MONTH")
                .usage("1,ElasticCloud KVM,-300.00,MONEY,ADJUSTMENT").settle();
        assertThat(s.lines()).noneMatch(l -> l.kind() == Kind.REWARD);
        assertThat(s.measures()).doesNotContainKey("firstMonth:1");
    }

    @Test
    void theOptionIsPerCustomer() {
        // Customer 1 monthly: 10 % x 10 000.00 = 1 000.00; customer 2 first month: 100 % x 8 000.00.
        Statement s = referral("2026-03").link(1, "2025-06-01", "MONTHLY").link(2, "2026-03-01", "FIRST_MONTH")
                .firstConsumedOn(1, "2025-07-01").firstConsumedOn(2, "2026-03-01")
                .usage("1,ElasticCloud KVM,10000.00; 2,ElasticCloud Hyper-V,8000.00").settle();

        assertThat(s.lines()).filteredOn(l -> l.kind() == Kind.REWARD)
                .extracting(l -> l.customerId(), l -> l.rate().toPlainString(), l -> l.amount().toDecimalString())
                .containsExactlyInAnyOrder(tuple(1L, "10", "1000.00"), tuple(2L, "100", "8000.00"));
        assertThat(s.totals().reward().toDecimalString()).isEqualTo("9000.00");
        assertThat(s.measures()).containsKey("firstMonth:2").doesNotContainKey("firstMonth:1");
    }

    @Test
    void grantFundedRowsAreNotPartOfTheFirstMonthReward() {
        // 100 % x 12 000.00 money-funded; the 3 000.00 grant row is excluded.
        Statement s = referral("2026-03").link(1, "2026-03-01", "FIRST_MONTH").firstConsumedOn(1, "2026-03-01")
                .usage("1,ElasticCloud KVM,12000.00; 1,ElasticCloud KVM,3000.00,GRANT").settle();
        assertThat(s.totals().reward().toDecimalString()).isEqualTo("12000.00");
        assertThat(s.totals().eligibleCost().toDecimalString()).isEqualTo("12000.00");
    }

    @ParameterizedTest(name = "{0} with {1} presales and {2} consumption: reward {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # model    | presales | Cloud Servers | reward   | presale lines
            # 2 x 15 000.00 + 10 % x 10 000.00 = 31 000.00
            AGENT      | 2        | 10000.00      | 31000.00 | 2
            AGENT      | 1        | 0.00          | 15000.00 | 1
            AGENT      | 0        | 10000.00      | 1000.00  | 0
            # the presale reward is an Agent's; a Partner gets its 10 % discount only
            PARTNER    | 2        | 10000.00      | 0.00     | 0
            WHITE_LABEL| 1        | 10000.00      | 0.00     | 0
            """)
    void vkAgentEarnsTheFixedRewardPerCompletedPresale(PartnerModel model, int presales, String consumption,
                                                        String reward, int presaleLines) {
        Facts facts = Facts.of("vk-cloud", "2026-03", model, model == PartnerModel.AGENT ? null : "SILVER", "2025-01-01")
                .link(1).usage("1,Cloud Servers," + consumption);
        for (int i = 1; i <= presales; i++) {
            facts.presale(i, "2026-03-0" + (i + 1));
        }
        Statement s = facts.settle();

        assertThat(s.totals().reward().toDecimalString()).isEqualTo(reward);
        assertThat(s.lines()).filteredOn(l -> l.kind() == Kind.REWARD && l.customerId() == null)
                .hasSize(presaleLines)
                .allSatisfy(l -> {
                    assertThat(l.amount().toDecimalString()).isEqualTo("15000.00");
                    assertThat(ReasonText.english(l.reason())).contains("Technical presale #");
                });
        if (model == PartnerModel.AGENT) {
            assertThat(s.totals().payable().toDecimalString()).isEqualTo("0.00");
        }
    }

    @Test
    void presaleLinesComeInTheOrderTheyWereCompleted() {
        Statement s = Facts.of("vk-cloud", "2026-03", PartnerModel.AGENT, null, "2025-01-01")
                .presale(9, "2026-03-20").presale(4, "2026-03-05").settle();
        assertThat(s.lines()).extracting(l -> ReasonText.english(l.reason()))
                .satisfiesExactly(e -> assertThat(e).contains("#4", "2026-03-05"),
                        e -> assertThat(e).contains("#9", "2026-03-20"));
    }
}
