package io.partnerhub.settlement;

import io.partnerhub.program.PartnerModel;
import io.partnerhub.settlement.rules.Statement;
import io.partnerhub.settlement.rules.Statement.BonusReturn;
import io.partnerhub.settlement.rules.StatementLine.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rebate balance withdrawn to Bonus (PROGRAMS.md, Yandex Cloud rebates; API.md {@code bonus}): it reduces
 * the period's payable, is never applied above it, and what is left returns to the balance, the latest
 * withdrawal first. Withdrawal cells read "entryId:amount;...", returns the same way ("-": none).
 */
class BonusTest {

    private static Facts withWithdrawals(Facts facts, String withdrawals) {
        for (String w : withdrawals.split(";")) {
            String[] f = w.strip().split(":");
            facts.bonusWithdrawal(Long.parseLong(f[0]), f[1]);
        }
        return facts;
    }

    private static String returns(Statement s) {
        List<BonusReturn> returns = s.bonusReturns();
        return returns.isEmpty() ? "-" : returns.stream()
                .map(r -> r.withdrawalEntryId() + ":" + r.amount().toDecimalString()).collect(Collectors.joining(";"));
    }

    @ParameterizedTest(name = "withdrawn {0}: bonus {1}, payable {2}, returned {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # Yandex Cloud reseller, March 2026: Compute Cloud 10 000.00, 10 %: payable 9 000.00 before Bonus.
            # withdrawals          | bonus    | payable | returned
            1:1000.00              | 1000.00  | 8000.00 | -
            1:1000.00;2:2500.50    | 3500.50  | 5499.50 | -
            1:9000.00              | 9000.00  | 0.00    | -
            # 10 000.00 withdrawn, 9 000.00 applied: 1 000.00 returns
            1:10000.00             | 9000.00  | 0.00    | 1:1000.00
            # 11 000.00 withdrawn, 2 000.00 left: all from the latest withdrawal (entry 2)
            1:6000.00;2:5000.00    | 9000.00  | 0.00    | 2:2000.00
            2:5000.00;1:6000.00    | 9000.00  | 0.00    | 2:2000.00
            # 12 000.00 withdrawn, 3 000.00 left: 1 000.00 of entry 3, then 2 000.00 of entry 2
            1:6000.00;2:5000.00;3:1000.00 | 9000.00 | 0.00 | 3:1000.00;2:2000.00
            # 20 000.00 withdrawn, 11 000.00 left: 3 000.00 of entry 7, then 8 000.00 of entry 6
            5:8000.00;7:3000.00;6:9000.00 | 9000.00 | 0.00 | 7:3000.00;6:8000.00
            """)
    void bonusReducesThePayableUpToItAndTheRestReturns(String withdrawals, String bonus, String payable, String returned) {
        Statement s = withWithdrawals(Facts.of("yandex-cloud", "2026-03", PartnerModel.RESELLER, null, "2024-01-01")
                .link(1).usage("1,Compute Cloud,10000.00"), withdrawals).settle();

        assertThat(s.totals().bonus().toDecimalString()).isEqualTo(bonus);
        assertThat(s.totals().payable().toDecimalString()).isEqualTo(payable);
        assertThat(returns(s)).isEqualTo(returned);
        assertThat(s.lines()).filteredOn(l -> l.kind() == Kind.BONUS).singleElement()
                .satisfies(l -> assertThat(l.amount().toDecimalString()).isEqualTo(bonus));
    }

    @Test
    void thePayableBonusMeetsIsAfterDiscountGrantsAndCredits() {
        // 12 000.00 list - 1 000.00 discount - 2 000.00 grant-funded - 500.00 credit = 8 500.00; 1 500.00 returns.
        Statement s = Facts.of("vk-cloud", "2026-03", PartnerModel.PARTNER, "SILVER", "2024-01-01").link(1)
                .usage("1,Cloud Servers,10000.00; 1,Cloud Servers,2000.00,GRANT; 1,Cloud Servers,-500.00,MONEY,CREDIT")
                .bonusWithdrawal(3, "10000.00").settle();
        assertThat(s.totals().bonus().toDecimalString()).isEqualTo("8500.00");
        assertThat(s.totals().payable().toDecimalString()).isEqualTo("0.00");
        assertThat(returns(s)).isEqualTo("3:1500.00");
    }

    @ParameterizedTest(name = "{0} {1}: all of {3} returns")
    @CsvSource(delimiter = '|', textBlock = """
            # reward models pay the provider nothing: payable 0.00, every withdrawal returns whole
            vk-cloud   | AGENT    |              | 1:1000.00            | 1:1000.00
            oblakoteka | REFERRAL | BASIC        | 1:700.00;2:300.00    | 2:300.00;1:700.00
            oblakoteka | AGENT    | PROFESSIONAL | 4:2500.00            | 4:2500.00
            """)
    void rewardModelsReturnEveryWithdrawal(String program, PartnerModel model, String tier, String withdrawals,
                                           String returned) {
        String service = program.equals("vk-cloud") ? "Cloud Servers" : "ElasticCloud KVM";
        Statement s = withWithdrawals(Facts.of(program, "2026-02", model, tier, "2024-01-01").link(1)
                .usage("1," + service + ",10000.00"), withdrawals).settle();

        assertThat(s.totals().payable().toDecimalString()).isEqualTo("0.00");
        assertThat(s.totals().bonus().toDecimalString()).isEqualTo("0.00");
        assertThat(s.lines()).noneMatch(l -> l.kind() == Kind.BONUS);
        assertThat(returns(s)).isEqualTo(returned);
    }

    @Test
    void aPeriodWithNothingPayableTakesNoBonus() {
        Statement empty = Facts.of("vk-cloud", "2026-03", PartnerModel.PARTNER, "SILVER", "2024-01-01")
                .bonusWithdrawal(1, "500.00").settle();
        assertThat(empty.totals().bonus().toDecimalString()).isEqualTo("0.00");
        assertThat(returns(empty)).isEqualTo("1:500.00");

        // Only a credit: payable -300.00; Bonus never makes it more negative.
        Statement credited = Facts.of("vk-cloud", "2026-03", PartnerModel.PARTNER, "SILVER", "2024-01-01").link(1)
                .usage("1,Cloud Servers,-300.00,MONEY,CREDIT").bonusWithdrawal(1, "500.00").settle();
        assertThat(credited.totals().payable().toDecimalString()).isEqualTo("-300.00");
        assertThat(credited.totals().bonus().toDecimalString()).isEqualTo("0.00");
        assertThat(returns(credited)).isEqualTo("1:500.00");
    }

    @Test
    void noWithdrawalNoBonusLineAndNothingReturns() {
        Statement s = Facts.of("yandex-cloud", "2026-03", PartnerModel.RESELLER, null, "2024-01-01").link(1)
                .usage("1,Compute Cloud,10000.00").settle();
        assertThat(s.lines()).noneMatch(l -> l.kind() == Kind.BONUS);
        assertThat(s.bonusReturns()).isEmpty();
        assertThat(s.totals().payable().toDecimalString()).isEqualTo("9000.00");
    }
}
