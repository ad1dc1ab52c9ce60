package io.partnerhub.settlement;

import io.partnerhub.program.PartnerModel;
import io.partnerhub.settlement.rules.Measures;
import io.partnerhub.settlement.rules.PartnerMonth.PriorStatement;
import io.partnerhub.settlement.rules.PartnerMonth.ProjectFact;
import io.partnerhub.settlement.rules.Statement;
import io.partnerhub.shared.ReasonText;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The worked examples of PROGRAMS.md, each recomputed by the rules to the kopeck. */
class WorkedExamplesTest {

    @Test
    void vkCloudPartnerWithDealIsCappedAtThirtyPercentAndMarketplaceIsExcluded() {
        Statement s = Facts.of("vk-cloud", "2026-03", PartnerModel.PARTNER, "SILVER", "2025-01-01")
                .link(1).deal(12, 1, "2026-02-01", "20")
                .use(1, "Cloud Servers", "50000.00").use(1, "Marketplace", "1000.00")
                .settle();
        assertThat(s.totals().discount().toDecimalString()).isEqualTo("15000.00");
        assertThat(s.totals().eligibleCost().toDecimalString()).isEqualTo("50000.00");
        assertThat(s.totals().listCost().toDecimalString()).isEqualTo("51000.00");
        assertThat(s.totals().payable().toDecimalString()).isEqualTo("36000.00");
        assertThat(s.lines()).anySatisfy(line -> assertThat(ReasonText.english(line.reason())).contains("deal #12 registered 2026-02-01 +20 %"));
    }

    @Test
    void yandexResellerWithDealAndGrant() {
        Statement s = Facts.of("yandex-cloud", "2026-03", PartnerModel.RESELLER, null, "2025-01-01")
                .link(1).deal(3, 1, "2026-01-10", "15")
                .use(1, "Compute Cloud", "40000.00")
                .use(1, "Compute Cloud", "GRANT", "USAGE", null, "2000.00")
                .settle();
        assertThat(s.totals().discount().toDecimalString()).isEqualTo("10000.00");
        assertThat(s.totals().listCost().toDecimalString()).isEqualTo("42000.00");
        assertThat(s.totals().payable().toDecimalString()).isEqualTo("30000.00");
        assertThat(s.programVersion()).isEqualTo(LocalDate.parse("2026-01-01"));
    }

    @Test
    void oblakotekaAgentMarchRewardAndDowngradeAfterAWindowWithoutTheRequirement() {
        Statement march = Facts.of("oblakoteka", "2026-03", PartnerModel.AGENT, "PROFESSIONAL", "2026-03-01")
                .link(1).use(1, "ElasticCloud KVM", "35000.00").settle();
        assertThat(march.totals().reward().toDecimalString()).isEqualTo("9450.00");
        assertThat(march.qualificationWindow()).isNull();
        assertThat(march.standingChange()).isEmpty();

        PriorStatement previous = prior(march);
        for (String month : new String[]{"2026-04", "2026-05", "2026-06", "2026-07", "2026-08"}) {
            Statement s = Facts.of("oblakoteka", month, PartnerModel.AGENT, "PROFESSIONAL", "2026-03-01")
                    .link(1).use(1, "ElasticCloud KVM", "5000.00").prior(previous).settle();
            assertThat(s.qualificationWindow()).isEqualTo(YearMonth.parse("2026-04"));
            assertThat(s.standingChange()).isEmpty();
            previous = prior(s);
        }
        Statement september = Facts.of("oblakoteka", "2026-09", PartnerModel.AGENT, "PROFESSIONAL", "2026-03-01")
                .link(1).use(1, "ElasticCloud KVM", "5000.00").prior(previous).settle();
        assertThat(september.standingChange()).hasValueSatisfying(change -> {
            assertThat(change.effectiveFrom()).isEqualTo(LocalDate.parse("2026-10-01"));
            assertThat(change.model()).isEqualTo(PartnerModel.REFERRAL);
            assertThat(change.tier()).isEqualTo("BASIC");
            assertThat(ReasonText.english(change.reason())).contains("2026-04 to 2026-09");
        });
    }

    @Test
    void oblakotekaWhiteLabelGrowthRebate() {
        // Previous quarter 146 000.00 after discount, this quarter 175 200.00: 30 % of 29 200.00.
        Statement s = Facts.of("oblakoteka", "2026-06", PartnerModel.WHITE_LABEL, "PROFESSIONAL", "2025-06-01")
                .exam("2025-06-10")
                .prior(measured("2026-01", PartnerModel.WHITE_LABEL, Measures.MAIN_AFTER_DISCOUNT, "50000"))
                .prior(measured("2026-02", PartnerModel.WHITE_LABEL, Measures.MAIN_AFTER_DISCOUNT, "48000"))
                .prior(measured("2026-03", PartnerModel.WHITE_LABEL, Measures.MAIN_AFTER_DISCOUNT, "48000"))
                .prior(measured("2026-04", PartnerModel.WHITE_LABEL, Measures.MAIN_AFTER_DISCOUNT, "58400"))
                .prior(measured("2026-05", PartnerModel.WHITE_LABEL, Measures.MAIN_AFTER_DISCOUNT, "58400"))
                .link(1).use(1, "Databases", "80000.00") // 80 000.00 less 27 % = 58 400.00
                .settle();
        assertThat(s.totals().rebate().toDecimalString()).isEqualTo("8760.00");
        assertThat(s.measures().get(Measures.NEXT_STATEMENT_DISCOUNT)).isEqualByComparingTo("8760.00");
    }

    @Test
    void oblakotekaAgentKvmRebateInJanuary() {
        Facts facts = Facts.of("oblakoteka", "2027-01", PartnerModel.AGENT, "PROFESSIONAL", "2025-01-01").exam("2025-02-01");
        for (int month = 7; month <= 12; month++) {
            facts.prior(measured(YearMonth.of(2026, month).toString(), PartnerModel.AGENT,
                    Measures.afterDiscount("ElasticCloud KVM"), "14600.00"));
        }
        Statement s = facts.settle();
        assertThat(s.totals().rebate().toDecimalString()).isEqualTo("8760.00");
        assertThat(s.lines()).singleElement().satisfies(line -> {
            assertThat(line.base().toDecimalString()).isEqualTo("87600.00");
            assertThat(ReasonText.english(line.reason())).contains("paid to the bank account");
        });
    }

    @Test
    void kvmAfterDiscountIsMeasuredAtTheAgentRate() {
        Statement s = Facts.of("oblakoteka", "2026-07", PartnerModel.AGENT, "PROFESSIONAL", "2025-01-01")
                .link(1).use(1, "ElasticCloud KVM", "20000.00").settle();
        assertThat(s.measures().get(Measures.afterDiscount("ElasticCloud KVM"))).isEqualByComparingTo("14600.00");
    }

    @Test
    void yandexProjectRegistrationRebateOnGrowthOverTheBaseline() {
        ProjectFact project = new ProjectFact(7, 40, "folder-1", LocalDate.parse("2026-06-01"), LocalDate.parse("2027-06-01"),
                new BigDecimal("12"), Map.of(YearMonth.parse("2026-03"), new BigDecimal("5000.00"),
                YearMonth.parse("2026-04"), new BigDecimal("7000.00"), YearMonth.parse("2026-05"), new BigDecimal("6000.00"),
                YearMonth.parse("2026-06"), new BigDecimal("26000.00")));
        Statement s = Facts.of("yandex-cloud", "2026-06", PartnerModel.RESELLER, null, "2025-01-01").project(project).settle();
        assertThat(s.totals().rebate().toDecimalString()).isEqualTo("2400.00");
        assertThat(s.accruals()).singleElement().satisfies(a -> assertThat(a.amount().toDecimalString()).isEqualTo("2400.00"));
    }

    static PriorStatement prior(Statement s) {
        return new PriorStatement(s.period(), s.model(), s.tier(), s.qualificationWindow(), s.measures());
    }

    static PriorStatement measured(String period, PartnerModel model, String key, String value) {
        return new PriorStatement(YearMonth.parse(period), model, "PROFESSIONAL", null, Map.of(key, new BigDecimal(value)));
    }
}
