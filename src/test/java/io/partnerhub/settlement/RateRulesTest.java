package io.partnerhub.settlement;

import io.partnerhub.program.PartnerModel;
import io.partnerhub.settlement.rules.Statement;
import io.partnerhub.settlement.rules.StatementLine;
import io.partnerhub.settlement.rules.StatementLine.Kind;
import io.partnerhub.shared.ReasonText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The monthly rates of PROGRAMS.md over the shipped program files, one hand-computed month per row.
 * Usage cells read "customer,service,amount[,funding[,category[,day]]]" (see {@link Facts#usage});
 * deal cells "customer,registeredOn,extraPercent[,endedOn]". Customers 1 and 2 are linked for the whole month.
 */
class RateRulesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                | program      | period  | model       | tier         | deals               | usage                                                                                                     | list     | eligible | discount | reward  | payable
            # VK Cloud: base 10 %, statuses +2 % / +5 %, deal 0-20 %, total capped at 30 %.
            VK Partner base 10 %                  | vk-cloud     | 2026-03 | PARTNER     | SILVER       |                     | 1,Cloud Servers,10000.00                                                                                  | 10000.00 | 10000.00 | 1000.00  | 0.00    | 9000.00
            VK White Label base 10 %              | vk-cloud     | 2026-03 | WHITE_LABEL | SILVER       |                     | 1,Kubernetes,6000.00; 2,Cloud Databases,4000.00                                                           | 10000.00 | 10000.00 | 1000.00  | 0.00    | 9000.00
            VK Gold 10+2 = 12 %                   | vk-cloud     | 2026-03 | PARTNER     | GOLD         |                     | 1,Cloud Servers,10000.00                                                                                  | 10000.00 | 10000.00 | 1200.00  | 0.00    | 8800.00
            VK Platinum 10+5 = 15 %               | vk-cloud     | 2026-03 | PARTNER     | PLATINUM     |                     | 1,Cloud Servers,10000.00                                                                                  | 10000.00 | 10000.00 | 1500.00  | 0.00    | 8500.00
            VK deal 10+20 = 30 %                  | vk-cloud     | 2026-03 | PARTNER     | SILVER       | 1,2026-02-01,20     | 1,Cloud Servers,10000.00                                                                                  | 10000.00 | 10000.00 | 3000.00  | 0.00    | 7000.00
            VK Gold + deal 2+10+15 = 27 %         | vk-cloud     | 2026-03 | PARTNER     | GOLD         | 1,2026-02-01,15     | 1,Cloud Servers,10000.00                                                                                  | 10000.00 | 10000.00 | 2700.00  | 0.00    | 7300.00
            VK Gold + deal 2+10+20 = 32 -> 30 %   | vk-cloud     | 2026-03 | PARTNER     | GOLD         | 1,2026-02-01,20     | 1,Cloud Servers,10000.00                                                                                  | 10000.00 | 10000.00 | 3000.00  | 0.00    | 7000.00
            VK Platinum + deal 5+10+20 = 35 -> 30 % | vk-cloud   | 2026-03 | PARTNER     | PLATINUM     | 1,2026-02-01,20     | 1,Cloud Servers,10000.00                                                                                  | 10000.00 | 10000.00 | 3000.00  | 0.00    | 7000.00
            VK Platinum + deal 5+10+10 = 25 %     | vk-cloud     | 2026-03 | WHITE_LABEL | PLATINUM     | 1,2026-02-01,10     | 1,Cloud Servers,10000.00                                                                                  | 10000.00 | 10000.00 | 2500.00  | 0.00    | 7500.00
            # deal only on customer 1: 30 % x 10 000.00 + 10 % x 5 000.00 = 3 000.00 + 500.00
            VK deal applies to its customer only  | vk-cloud     | 2026-03 | PARTNER     | SILVER       | 1,2026-02-01,20     | 1,Cloud Servers,10000.00; 2,Cloud Servers,5000.00                                                         | 15000.00 | 15000.00 | 3500.00  | 0.00    | 11500.00
            VK deal registered after the month   | vk-cloud     | 2026-03 | PARTNER     | SILVER       | 1,2026-04-01,20     | 1,Cloud Servers,10000.00                                                                                  | 10000.00 | 10000.00 | 1000.00  | 0.00    | 9000.00
            VK Agent reward 10 %, payable 0       | vk-cloud     | 2026-03 | AGENT       |              |                     | 1,Cloud Servers,10000.00                                                                                  | 10000.00 | 10000.00 | 0.00     | 1000.00 | 0.00
            VK Agent: a deal adds nothing         | vk-cloud     | 2026-03 | AGENT       |              | 1,2026-02-01,20     | 1,Cloud Servers,10000.00                                                                                  | 10000.00 | 10000.00 | 0.00     | 1000.00 | 0.00
            # excluded services 1 000 + 2 000 + 3 000 = 6 000.00; 16 000.00 - 6 000.00 = 10 000.00 eligible
            VK excluded services                  | vk-cloud     | 2026-03 | PARTNER     | SILVER       |                     | 1,Cloud Servers,10000.00; 1,Marketplace,1000.00; 1,Third-party licenses,2000.00; 2,Infrastructure administration,3000.00 | 16000.00 | 10000.00 | 1000.00 | 0.00 | 15000.00
            VK Agent excluded services            | vk-cloud     | 2026-03 | AGENT       |              |                     | 1,Cloud Servers,10000.00; 1,Marketplace,1000.00                                                           | 11000.00 | 10000.00 | 0.00     | 1000.00 | 0.00
            # payable = 12 000.00 list - 1 000.00 discount - 2 000.00 paid with bonus money
            VK bonus-funded row excluded          | vk-cloud     | 2026-03 | PARTNER     | SILVER       |                     | 1,Cloud Servers,10000.00; 1,Cloud Servers,2000.00,BONUS                                                   | 12000.00 | 10000.00 | 1000.00  | 0.00    | 9000.00
            VK grant-funded row excluded          | vk-cloud     | 2026-03 | PARTNER     | SILVER       |                     | 1,Cloud Servers,10000.00; 1,Kubernetes,2000.00,GRANT                                                      | 12000.00 | 10000.00 | 1000.00  | 0.00    | 9000.00
            VK service names ignore case          | vk-cloud     | 2026-03 | PARTNER     | SILVER       |                     | 1,cloud servers,6000.00; 1,CLOUD SERVERS,4000.00; 1,MARKETPLACE,1000.00; 1,third-party LICENSES,500.00   | 11500.00 | 10000.00 | 1000.00  | 0.00    | 10500.00
            VK unknown service is main            | vk-cloud     | 2026-03 | PARTNER     | SILVER       |                     | 1,Cloud Quantum Annealer,10000.00                                                                         | 10000.00 | 10000.00 | 1000.00  | 0.00    | 9000.00
            # own 5 000.00 at list: payable 15 000.00 - 1 000.00
            VK own consumption at list            | vk-cloud     | 2026-03 | PARTNER     | SILVER       |                     | 1,Cloud Servers,10000.00; own,Cloud Servers,5000.00                                                       | 15000.00 | 10000.00 | 1000.00  | 0.00    | 14000.00
            VK Agent own consumption              | vk-cloud     | 2026-03 | AGENT       |              |                     | 1,Cloud Servers,10000.00; own,Cloud Servers,5000.00                                                       | 15000.00 | 10000.00 | 0.00     | 1000.00 | 0.00
            # credit -500.00: not list cost; payable 10 000.00 - 1 000.00 - 500.00
            VK credit reduces payable             | vk-cloud     | 2026-03 | PARTNER     | SILVER       |                     | 1,Cloud Servers,10000.00; 1,Cloud Servers,-500.00,MONEY,CREDIT                                            | 10000.00 | 10000.00 | 1000.00  | 0.00    | 8500.00
            VK own credit reduces payable         | vk-cloud     | 2026-03 | PARTNER     | SILVER       |                     | 1,Cloud Servers,10000.00; own,Cloud Servers,-500.00,MONEY,CREDIT                                          | 10000.00 | 10000.00 | 1000.00  | 0.00    | 8500.00
            VK tax outside every figure           | vk-cloud     | 2026-03 | PARTNER     | SILVER       |                     | 1,Cloud Servers,10000.00; 1,Cloud Servers,2000.00,MONEY,TAX; own,Cloud Servers,300.00,MONEY,TAX          | 10000.00 | 10000.00 | 1000.00  | 0.00    | 9000.00
            VK purchase is consumption            | vk-cloud     | 2026-03 | PARTNER     | SILVER       |                     | 1,Cloud Servers,7000.00; 1,Cloud Backup,3000.00,MONEY,PURCHASE                                            | 10000.00 | 10000.00 | 1000.00  | 0.00    | 9000.00
            # 10 000.00 - 1 000.00 = 9 000.00 base; 10 % = 900.00
            VK negative adjustment reduces base   | vk-cloud     | 2026-03 | PARTNER     | SILVER       |                     | 1,Cloud Servers,10000.00; 1,Cloud Servers,-1000.00,MONEY,ADJUSTMENT                                       | 9000.00  | 9000.00  | 900.00   | 0.00    | 8100.00
            # 10.045 -> 10.05 (half-up); 10 % x 10.05 = 1.005 -> 1.01; 10.05 - 1.01 = 9.04
            VK half-up rounding per line          | vk-cloud     | 2026-03 | PARTNER     | SILVER       |                     | 1,Cloud Servers,10.045                                                                                    | 10.05    | 10.05    | 1.01     | 0.00    | 9.04
            # 10 % x 10 000.00 (1-15 March) + 30 % x 20 000.00 (from the 16th) = 1 000.00 + 6 000.00
            VK deal registered mid-month          | vk-cloud     | 2026-03 | PARTNER     | SILVER       | 1,2026-03-16,20     | 1,Cloud Servers,10000.00,MONEY,USAGE,2026-03-01; 1,Cloud Servers,20000.00,MONEY,USAGE,2026-03-16          | 30000.00 | 30000.00 | 7000.00  | 0.00    | 23000.00
            # A deal's extra applies from registeredOn until endedOn (exclusive), when it expired or was released.
            # 30 % x 10 000.00 (the 5th, protected) + 10 % x 20 000.00 (the 20th, ended the 16th) = 3 000.00 + 2 000.00
            VK deal ended mid-month               | vk-cloud     | 2026-03 | PARTNER     | SILVER       | 1,2026-02-01,20,2026-03-16 | 1,Cloud Servers,10000.00,MONEY,USAGE,2026-03-05; 1,Cloud Servers,20000.00,MONEY,USAGE,2026-03-20 | 30000.00 | 30000.00 | 5000.00 | 0.00 | 25000.00
            # the 15th is the last protected day: 30 % x 1 000.01 = 300.003 -> 300.00; the 16th 10 % x 2 000.05 = 200.005 -> 200.01
            VK deal ends on the day after a row   | vk-cloud     | 2026-03 | PARTNER     | SILVER       | 1,2026-02-01,20,2026-03-16 | 1,Cloud Servers,1000.01,MONEY,USAGE,2026-03-15; 1,Cloud Servers,2000.05,MONEY,USAGE,2026-03-16 | 3000.06 | 3000.06 | 500.01 | 0.00 | 2500.05
            # registered the 10th, ended the 20th: 10 % x 1 000.00 + 30 % x 2 000.00 + 10 % x 4 000.00 = 100.00 + 600.00 + 400.00
            VK deal registered and ended in month | vk-cloud     | 2026-03 | PARTNER     | SILVER       | 1,2026-03-10,20,2026-03-20 | 1,Cloud Servers,1000.00,MONEY,USAGE,2026-03-05; 1,Cloud Servers,2000.00,MONEY,USAGE,2026-03-15; 1,Cloud Servers,4000.00,MONEY,USAGE,2026-03-25 | 7000.00 | 7000.00 | 1100.00 | 0.00 | 5900.00
            VK deal ended on the 1st adds nothing | vk-cloud     | 2026-03 | PARTNER     | SILVER       | 1,2026-02-01,20,2026-03-01 | 1,Cloud Servers,10000.00,MONEY,USAGE,2026-03-05                    | 10000.00 | 10000.00 | 1000.00  | 0.00    | 9000.00
            VK deal ending after the month        | vk-cloud     | 2026-03 | PARTNER     | SILVER       | 1,2026-02-01,20,2026-04-01 | 1,Cloud Servers,10000.00,MONEY,USAGE,2026-03-31                    | 10000.00 | 10000.00 | 3000.00  | 0.00    | 7000.00
            # Yandex 2026: 25 % x 8 000.00 (the 10th) + 10 % x 4 000.00 (the 11th, expired that day) = 2 000.00 + 400.00
            Yandex deal expired mid-month         | yandex-cloud | 2026-03 | RESELLER    |              | 1,2026-01-12,15,2026-03-11 | 1,Compute Cloud,8000.00,MONEY,USAGE,2026-03-10; 1,Compute Cloud,4000.00,MONEY,USAGE,2026-03-11 | 12000.00 | 12000.00 | 2400.00 | 0.00 | 9600.00
            # Oblakoteka (February: no quarter or half-year rebate falls due): rates on main services only;
            # MONT Office, Backup, Object Storage and unknown services 0 %.
            Obl Referral monthly 10 % of main     | oblakoteka   | 2026-02 | REFERRAL    | BASIC        |                     | 1,ElasticCloud KVM,10000.00; 1,MONT Office,5000.00                                                        | 15000.00 | 15000.00 | 0.00     | 1000.00 | 0.00
            # 12 % x (8 000.00 + 2 000.00) = 1 200.00; Backup 5 000.00 at 0 %
            Obl Reseller 12 %                     | oblakoteka   | 2026-02 | RESELLER    | BASIC        |                     | 1,ElasticCloud KVM,8000.00; 2,ElasticCloud Hyper-V,2000.00; 1,Backup,5000.00                              | 15000.00 | 15000.00 | 1200.00  | 0.00    | 13800.00
            Obl Agent reward 27 %                 | oblakoteka   | 2026-02 | AGENT       | PROFESSIONAL |                     | 1,Databases,10000.00; 1,Object Storage,5000.00                                                            | 15000.00 | 15000.00 | 0.00     | 2700.00 | 0.00
            # 27 % x (10 000.00 + 10 000.00) = 5 400.00; 25 000.00 - 5 400.00
            Obl White Label discount 27 %         | oblakoteka   | 2026-02 | WHITE_LABEL | PROFESSIONAL |                     | 1,Kubernetes,10000.00; 2,ElasticCloud Hyper-V,10000.00; 2,MONT Office,5000.00                             | 25000.00 | 25000.00 | 5400.00  | 0.00    | 19600.00
            Obl unknown service is other at 0 %   | oblakoteka   | 2026-02 | WHITE_LABEL | PROFESSIONAL |                     | 1,ElasticCloud KVM,10000.00; 1,Cloud Quantum Annealer,10000.00                                            | 20000.00 | 20000.00 | 2700.00  | 0.00    | 17300.00
            Obl Referral unknown service 0 %      | oblakoteka   | 2026-02 | REFERRAL    | BASIC        |                     | 1,Cloud Quantum Annealer,10000.00                                                                         | 10000.00 | 10000.00 | 0.00     | 0.00    | 0.00
            # 11 000.00 - 2 700.00 - 1 000.00 paid with bonus money
            Obl bonus-funded row excluded         | oblakoteka   | 2026-02 | WHITE_LABEL | PROFESSIONAL |                     | 1,ElasticCloud KVM,10000.00; 1,ElasticCloud KVM,1000.00,BONUS                                             | 11000.00 | 10000.00 | 2700.00  | 0.00    | 7300.00
            Obl deal adds nothing                 | oblakoteka   | 2026-02 | RESELLER    | BASIC        | 1,2026-02-01,0      | 1,ElasticCloud KVM,10000.00                                                                               | 10000.00 | 10000.00 | 1200.00  | 0.00    | 8800.00
            # Yandex Cloud: 20 % until 2025-12-31 (seed 003), 10 % from 2026-01-01 (seed 004); deal up to +15 %, no total cap.
            Yandex 2025 terms 20 %                | yandex-cloud | 2025-12 | RESELLER    |              |                     | 1,Compute Cloud,10000.00                                                                                  | 10000.00 | 10000.00 | 2000.00  | 0.00    | 8000.00
            Yandex 2026 terms 10 %                | yandex-cloud | 2026-01 | RESELLER    |              |                     | 1,Compute Cloud,10000.00                                                                                  | 10000.00 | 10000.00 | 1000.00  | 0.00    | 9000.00
            Yandex 2025 terms + deal 20+15 = 35 % | yandex-cloud | 2025-12 | RESELLER    |              | 1,2025-11-01,15     | 1,Compute Cloud,10000.00                                                                                  | 10000.00 | 10000.00 | 3500.00  | 0.00    | 6500.00
            Yandex 2026 terms + deal 10+15 = 25 % | yandex-cloud | 2026-01 | RESELLER    |              | 1,2025-11-01,15     | 1,Compute Cloud,10000.00                                                                                  | 10000.00 | 10000.00 | 2500.00  | 0.00    | 7500.00
            # excluded 1 000 + 2 000 + 3 000; grant 500.00 excluded and paid by the provider: 16 500 - 1 000 - 500
            Yandex exclusions and grants          | yandex-cloud | 2026-03 | RESELLER    |              |                     | 1,Compute Cloud,10000.00; 1,Managed Service for MongoDB,1000.00; 1,cloud interconnect,2000.00; 2,Marketplace,3000.00; 2,Object Storage,500.00,GRANT | 16500.00 | 10000.00 | 1000.00 | 0.00 | 15000.00
            Yandex unknown service is main        | yandex-cloud | 2026-03 | RESELLER    |              |                     | 1,Yandex SpeechKit,10000.00                                                                               | 10000.00 | 10000.00 | 1000.00  | 0.00    | 9000.00
            Yandex own consumption at list        | yandex-cloud | 2026-03 | RESELLER    |              |                     | 1,Compute Cloud,10000.00; own,Compute Cloud,5000.00                                                       | 15000.00 | 10000.00 | 1000.00  | 0.00    | 14000.00
            """)
    void monthTotals(String name, String program, String period, PartnerModel model, String tier, String deals,
                     String usage, String list, String eligible, String discount, String reward, String payable) {
        Statement s = Facts.of(program, period, model, tier, "2020-01-01").link(1).link(2)
                .deals(deals).usage(usage).settle();

        assertThat(s.totals().listCost().toDecimalString()).as("listCost").isEqualTo(list);
        assertThat(s.totals().eligibleCost().toDecimalString()).as("eligibleCost").isEqualTo(eligible);
        assertThat(s.totals().discount().toDecimalString()).as("discount").isEqualTo(discount);
        assertThat(s.totals().reward().toDecimalString()).as("reward").isEqualTo(reward);
        assertThat(s.totals().payable().toDecimalString()).as("payable").isEqualTo(payable);
        assertThat(s.totals().rebate().toDecimalString()).as("rebate").isEqualTo("0.00");
    }

    @Test
    void programVersionSwitchesAtTheFirstOf2026() {
        Statement december = Facts.of("yandex-cloud", "2025-12", PartnerModel.RESELLER, null, "2020-01-01").settle();
        Statement january = Facts.of("yandex-cloud", "2026-01", PartnerModel.RESELLER, null, "2020-01-01").settle();
        assertThat(december.programVersion()).isEqualTo(LocalDate.parse("2020-01-01"));
        assertThat(january.programVersion()).isEqualTo(LocalDate.parse("2026-01-01"));
    }

    @Test
    void aDealRegisteredMidMonthSplitsTheCustomerIntoTwoDiscountLines() {
        // 1-15 March at 10 %, from the 16th at 10 + 20 = 30 %.
        Statement s = Facts.of("vk-cloud", "2026-03", PartnerModel.PARTNER, "SILVER", "2020-01-01").link(1)
                .deals("1,2026-03-16,20")
                .usage("1,Cloud Servers,4000.00,MONEY,USAGE,2026-03-02; 1,Cloud Servers,6000.00,MONEY,USAGE,2026-03-15;"
                        + " 1,Cloud Servers,20000.00,MONEY,USAGE,2026-03-16; 1,Kubernetes,5000.00,MONEY,USAGE,2026-03-31")
                .settle();
        assertThat(s.lines()).filteredOn(l -> l.kind() == Kind.DISCOUNT)
                .extracting(l -> l.customerId(), l -> l.base().toDecimalString(), l -> l.rate().toPlainString(),
                        l -> l.amount().toDecimalString())
                .containsExactly(tuple(1L, "10000.00", "10", "1000.00"), tuple(1L, "25000.00", "30", "7500.00"));
        assertThat(s.lines()).filteredOn(l -> l.kind() == Kind.DISCOUNT).last()
                .satisfies(l -> assertThat(ReasonText.english(l.reason())).contains("from 2026-03-16", "deal #1 registered 2026-03-16 +20 %"));
        assertThat(s.totals().discount().toDecimalString()).isEqualTo("8500.00");
    }

    @Test
    void aDealThatEndedMidMonthSplitsTheCustomerIntoTwoDiscountLines() {
        // Deal registered 2026-02-01, expired 2026-03-16: 1-15 March at 10 + 20 = 30 %, from the 16th at 10 %.
        Statement s = Facts.of("vk-cloud", "2026-03", PartnerModel.PARTNER, "SILVER", "2020-01-01").link(1)
                .deal(7, 1, "2026-02-01", "20", "2026-03-16")
                .usage("1,Cloud Servers,4000.00,MONEY,USAGE,2026-03-02; 1,Cloud Servers,6000.00,MONEY,USAGE,2026-03-15;"
                        + " 1,Cloud Servers,20000.00,MONEY,USAGE,2026-03-16; 1,Kubernetes,5000.00,MONEY,USAGE,2026-03-31")
                .settle();
        assertThat(s.lines()).filteredOn(l -> l.kind() == Kind.DISCOUNT)
                .extracting(l -> l.customerId(), l -> l.base().toDecimalString(), l -> l.rate().toPlainString(),
                        l -> l.amount().toDecimalString())
                .containsExactlyInAnyOrder(tuple(1L, "10000.00", "30", "3000.00"), tuple(1L, "25000.00", "10", "2500.00"));
        assertThat(s.lines()).filteredOn(l -> l.kind() == Kind.DISCOUNT && l.rate().intValue() == 30).singleElement()
                .satisfies(l -> assertThat(ReasonText.english(l.reason())).contains("until 2026-03-15",
                        "deal #7 registered 2026-02-01 +20 % (protection ended 2026-03-16)"));
        assertThat(s.totals().discount().toDecimalString()).isEqualTo("5500.00");
    }

    @ParameterizedTest(name = "ends on {0}: list {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # rows on the 10th 10 000.00, the 16th 20 000.00 and the 20th 5 000.00; nothing counts from endsOn on
            2026-03-10 | 0.00     | 0.00
            2026-03-11 | 10000.00 | 1000.00
            2026-03-16 | 10000.00 | 1000.00
            2026-03-20 | 30000.00 | 3000.00
            2026-04-01 | 35000.00 | 3500.00
            """)
    void rowsFromThePartnersEndDayOnAreIgnored(String endsOn, String list, String discount) {
        Statement s = Facts.of("vk-cloud", "2026-03", PartnerModel.PARTNER, "SILVER", "2020-01-01").link(1)
                .endsOn(endsOn)
                .usage("1,Cloud Servers,10000.00,MONEY,USAGE,2026-03-10; 1,Cloud Servers,20000.00,MONEY,USAGE,2026-03-16;"
                        + " 1,Cloud Servers,5000.00,MONEY,USAGE,2026-03-20")
                .settle();
        assertThat(s.totals().listCost().toDecimalString()).isEqualTo(list);
        assertThat(s.totals().discount().toDecimalString()).isEqualTo(discount);
    }

    @Test
    void ownConsumptionGetsNoDiscountLineAndAnExclusionOfItsWholeAmount() {
        Statement s = Facts.of("vk-cloud", "2026-03", PartnerModel.PARTNER, "PLATINUM", "2020-01-01")
                .usage("own,Cloud Servers,5000.00").settle();
        assertThat(s.lines()).extracting(StatementLine::kind, l -> l.customerId(), l -> l.amount().toDecimalString())
                .containsExactly(tuple(Kind.LIST_COST, null, "5000.00"), tuple(Kind.EXCLUSION, null, "-5000.00"));
        assertThat(s.totals().payable().toDecimalString()).isEqualTo("5000.00");
    }
}
