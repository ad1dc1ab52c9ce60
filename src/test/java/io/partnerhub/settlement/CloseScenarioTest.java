package io.partnerhub.settlement;

import io.partnerhub.Api;
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

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.partnerhub.settlement.CloseFixture.OPERATOR;
import static io.partnerhub.settlement.ScenarioPartners.NEW;
import static io.partnerhub.settlement.ScenarioPartners.OLD;
import static io.partnerhub.settlement.ScenarioPartners.ZERO;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Five partners walked through ten months, 2025-10 to 2026-07, on one database with a fixed clock
 * (2026-08-10): each month imports its usage, closes, and checks every statement to the kopeck
 * against PROGRAMS.md and the program files. At the end, closing again must change nothing.
 *
 * <pre>
 *               2025-10 .. 2025-12         | 2026-01 .. 2026-07
 * Yandex        20 % (terms 003); grant,   | 10 % (terms 004); deal +15 % registered 02-16 (February split);
 *               Marketplace, own account   | infrastructure from 01-01: rebates for Q1 at 03, Q2 at 06;
 *                                          | direct customer's folder: baseline 01..03, project 04-01, rebate 04..07
 * Obl. agent    10 met, 11 below, 12 met   | 01 below opens a window, never met by 06: Referral from 07;
 *                                          | KVM rebate for 10..12 at 01; growth rebate at 06 (none at 03)
 * Obl. reseller Basic 12 %; exam 11-20,    | KVM rebate at 01 for 12 only, given as a discount in 02;
 *               White Label 27 % from 12   | KVM rebate for 01..06 at 07
 * VK partner    Silver; Q4 volume met but  | Q1 3 000 000.00 and 2 certified: Gold from 04 (12 %; a deal
 *               only 1 certified employee  | customer's 32 % capped at 30 %)
 * VK agent      10 % reward                | a technical presale completed 02-20: 15 000.00
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "partnerhub.data-dir=target/test-data-close-scenario",
        "partnerhub.db-clean=true",
        "partnerhub.admin-token=" + Api.OPERATOR_TOKEN,
        "partnerhub.demo=false"})
@org.springframework.context.annotation.Import(io.partnerhub.ApiExamplesRecorder.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CloseScenarioTest {

    @TestConfiguration
    static class FixedClock {
        @Bean
        @Primary
        Clock scenarioClock() {
            return Clock.fixed(Instant.parse("2026-08-10T09:00:00Z"), ZoneOffset.UTC);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    Statements statements;

    private Api api;
    private CloseFixture fixture;
    private StatementBook book;
    private ScenarioPartners partners;

    private long yandex;
    private long agent;
    private long reseller;
    private long vkPartner;
    private long vkAgent;
    private long direct;

    @BeforeAll
    void partnersContractedOnOctoberFirst() {
        api = new Api(port);
        fixture = new CloseFixture(api);
        book = new StatementBook(api);
        partners = new ScenarioPartners(api, fixture, book);
        yandex = partners.yandex;
        direct = partners.direct;
        agent = partners.agent;
        reseller = partners.reseller;
        vkPartner = partners.vkPartner;
        vkAgent = partners.vkAgent;
    }

    @Test
    @Order(1)
    void october2025() {
        fixture.usageOfDays(
                "sc-ya-a,2025-10-05,Compute Cloud,10000.00",
                "sc-ya-a,2025-10-06,Object Storage,2000.00",
                "sc-ya-a,2025-10-07,Marketplace,500.00",
                "sc-ya-a,2025-10-08,Compute Cloud,1000.00,GRANT",
                "sc-ya-own,2025-10-09,Compute Cloud,300.00",
                "sc-oa-a,2025-10-05,ElasticCloud KVM,20000.00",
                "sc-oa-a,2025-10-06,Backup,15000.00",
                "sc-or-a,2025-10-05,ElasticCloud KVM,10000.00",
                "sc-vp-a,2025-10-05,Cloud Servers,1000000.00",
                "sc-va-a,2025-10-05,Kubernetes,40000.00");
        fixture.close("2025-10", "2025-10");

        // Terms 003: 20 % of eligible 12 000.00 (10 000.00 + 2 000.00) = 2 400.00. Marketplace 500.00,
        // the grant 1 000.00 and the own account 300.00 are at list, not eligible.
        // Payable 13 800.00 - 2 400.00 - 1 000.00 (grant paid) = 10 400.00.
        book.of(yandex, "2025-10").settledAs(OLD, "RESELLER", null)
                .totals("13800.00", "12000.00", "2400.00", ZERO, ZERO, ZERO, "10400.00")
                .lines("LIST_COST 13500.00", "EXCLUSION -1500.00", "DISCOUNT 12000.00 x 20 % = 2400.00",
                        "PROVIDER_PAID 1000.00", "LIST_COST 300.00", "EXCLUSION -300.00")
                .explains(2, "Marketplace 500.00 (excluded service)", "grant-funded 1 000.00 (excluded funding)")
                .explains(5, "Own account sc-ya-own", "never discounted");
        // Agent 27 % of main services (KVM 20 000.00) = 5 400.00; Backup is an other service at 0 %.
        // List cost 35 000.00 (all services) >= 30 000.00 meets the requirement: the first window closes.
        book.of(agent, "2025-10").settledAs(OLD, "AGENT", "PROFESSIONAL")
                .totals("35000.00", "35000.00", ZERO, "5400.00", ZERO, ZERO, ZERO)
                .lines("LIST_COST 35000.00", "REWARD 20000.00 x 27 % = 5400.00");
        // Reseller 12 % of 10 000.00 = 1 200.00; payable 8 800.00; 10 000.00 < 30 000.00, no exam: stays Basic.
        book.of(reseller, "2025-10").settledAs(OLD, "RESELLER", "BASIC")
                .totals("10000.00", "10000.00", "1200.00", ZERO, ZERO, ZERO, "8800.00")
                .lines("LIST_COST 10000.00", "DISCOUNT 10000.00 x 12 % = 1200.00");
        partners.vkSilverMonth("2025-10", "1000000.00", "100000.00", "900000.00");
        partners.vkAgentMonth("2025-10");
    }

    @Test
    @Order(2)
    void november2025() {
        fixture.examPass(reseller, "2025-11-20");
        fixture.certification(vkPartner, "Anna Petrova", "2025-11-10");
        fixture.usageOfDays(
                "sc-ya-a,2025-11-05,Compute Cloud,11111.13",
                "sc-oa-a,2025-11-05,ElasticCloud KVM,10000.00",
                "sc-or-a,2025-11-05,ElasticCloud KVM,10000.00",
                "sc-vp-a,2025-11-05,Cloud Servers,1000000.00",
                "sc-vp-a,2025-11-06,Marketplace,50000.00",
                "sc-va-a,2025-11-05,Kubernetes,40000.00");
        fixture.close("2025-11", "2025-11");

        // 20 % x 11 111.13 = 2 222.226, half-up 2 222.23; payable 8 888.90.
        book.of(yandex, "2025-11").settledAs(OLD, "RESELLER", null)
                .totals("11111.13", "11111.13", "2222.23", ZERO, ZERO, ZERO, "8888.90")
                .lines("LIST_COST 11111.13", "DISCOUNT 11111.13 x 20 % = 2222.23");
        // 10 000.00 < 30 000.00 opens a window 2025-11..2026-04. 27 % x 10 000.00 = 2 700.00.
        book.of(agent, "2025-11").settledAs(OLD, "AGENT", "PROFESSIONAL")
                .totals("10000.00", "10000.00", ZERO, "2700.00", ZERO, ZERO, ZERO)
                .lines("LIST_COST 10000.00", "REWARD 10000.00 x 27 % = 2700.00");
        // The exam passed on 2025-11-20 meets the requirement: White Label / Professional from 2025-12-01.
        book.of(reseller, "2025-11").settledAs(OLD, "RESELLER", "BASIC")
                .totals("10000.00", "10000.00", "1200.00", ZERO, ZERO, ZERO, "8800.00");
        assertThat(partners.standing(reseller)).last().satisfies(change -> {
            assertThat(change.get("effectiveFrom").asString()).isEqualTo("2025-12-01");
            assertThat(change.get("model").asString()).isEqualTo("WHITE_LABEL");
            assertThat(change.get("tier").asString()).isEqualTo("PROFESSIONAL");
            assertThat(change.get("reason").asString()).contains("BASIC to PROFESSIONAL", "requirement met in 2025-11",
                    "training exam passed on 2025-11-20", "RESELLER becomes WHITE_LABEL");
        });
        // Marketplace 50 000.00 is excluded: 10 % of 1 000 000.00; payable 1 050 000.00 - 100 000.00.
        book.of(vkPartner, "2025-11").settledAs(OLD, "PARTNER", "SILVER")
                .totals("1050000.00", "1000000.00", "100000.00", ZERO, ZERO, ZERO, "950000.00")
                .lines("LIST_COST 1050000.00", "EXCLUSION -50000.00", "DISCOUNT 1000000.00 x 10 % = 100000.00");
        partners.vkAgentMonth("2025-11");
    }

    @Test
    @Order(3)
    void december2025() {
        fixture.usageOfDays(
                "sc-ya-a,2025-12-05,Compute Cloud,12000.00",
                "sc-ya-a,2025-12-06,Object Storage,1000.00",
                "sc-oa-a,2025-12-05,ElasticCloud KVM,40000.00",
                "sc-or-a,2025-12-05,ElasticCloud KVM,10000.00",
                "sc-or-a,2025-12-06,Backup,2000.00",
                "sc-vp-a,2025-12-05,Cloud Servers,1100000.00",
                "sc-va-a,2025-12-05,Kubernetes,40000.00");
        fixture.close("2025-12", "2025-12");

        // 20 % x 13 000.00 = 2 600.00.
        book.of(yandex, "2025-12").settledAs(OLD, "RESELLER", null)
                .totals("13000.00", "13000.00", "2600.00", ZERO, ZERO, ZERO, "10400.00")
                .lines("LIST_COST 13000.00", "DISCOUNT 13000.00 x 20 % = 2600.00");
        // 40 000.00 meets the requirement: the window opened in November closes. 27 % = 10 800.00. No growth rebate for
        // 2025-Q4: the contract (2025-10-01) is after the first day of the previous quarter (2025-07-01).
        book.of(agent, "2025-12").settledAs(OLD, "AGENT", "PROFESSIONAL")
                .totals("40000.00", "40000.00", ZERO, "10800.00", ZERO, ZERO, ZERO)
                .lines("LIST_COST 40000.00", "REWARD 40000.00 x 27 % = 10800.00");
        // White Label now: 27 % of KVM 10 000.00 = 2 700.00; Backup 2 000.00 at 0 %; payable 9 300.00.
        book.of(reseller, "2025-12").settledAs(OLD, "WHITE_LABEL", "PROFESSIONAL")
                .totals("12000.00", "12000.00", "2700.00", ZERO, ZERO, ZERO, "9300.00")
                .lines("LIST_COST 12000.00", "DISCOUNT 10000.00 x 27 % = 2700.00");
        // 2025-Q4 eligible 3 100 000.00 >= 3 000 000.00, but only 1 certified employee: stays Silver.
        partners.vkSilverMonth("2025-12", "1100000.00", "110000.00", "990000.00");
        assertThat(partners.standing(vkPartner)).hasSize(1);
        partners.vkAgentMonth("2025-12");
    }

    @Test
    @Order(4)
    void january2026() {
        // Infrastructure needs 2 certified employees in Yandex Cloud Infrastructure on its first day.
        fixture.certification(yandex, "Irina Sokolova", "Yandex Cloud Infrastructure", "2025-12-10", null);
        fixture.certification(yandex, "Pavel Orlov", "Yandex Cloud Infrastructure", "2025-12-11", "2027-12-11");
        fixture.specialization(yandex, "infrastructure", "2026-01-01");
        fixture.usageOfDays(
                "sc-ya-a,2026-01-05,Compute Cloud,10000.00",
                "sc-ya-a,2026-01-06,Object Storage,2004.45",
                "sc-ya-direct,2026-01-07,Compute Cloud,3000.00,MONEY,sc-folder-1",
                "sc-oa-a,2026-01-05,Databases,20000.00",
                "sc-or-a,2026-01-05,ElasticCloud KVM,10000.00",
                "sc-vp-a,2026-01-05,Cloud Servers,1000000.00",
                "sc-va-a,2026-01-05,Kubernetes,40000.00");
        fixture.close("2026-01", "2026-01");

        // Terms 004 from 2026-01: 10 % x 12 004.45 = 1 200.445, half-up 1 200.45; payable 10 804.00.
        // The direct customer's folder is in no partner's list cost.
        book.of(yandex, "2026-01").settledAs(NEW, "RESELLER", null)
                .totals("12004.45", "12004.45", "1200.45", ZERO, ZERO, ZERO, "10804.00")
                .lines("LIST_COST 12004.45", "DISCOUNT 12004.45 x 10 % = 1200.45");
        // 20 000.00 < 30 000.00 opens the window 2026-01..06. KVM rebate for 2025-07..12, Agent months
        // 10-12: KVM after 27 %: 14 600.00 + 7 300.00 + 29 200.00 = 51 100.00; 10 % = 5 110.00, paid to the bank.
        book.of(agent, "2026-01").settledAs(OLD, "AGENT", "PROFESSIONAL")
                .totals("20000.00", "20000.00", ZERO, "5400.00", "5110.00", ZERO, ZERO)
                .lines("LIST_COST 20000.00", "REWARD 20000.00 x 27 % = 5400.00", "REBATE 51100.00 x 10 % = 5110.00")
                .explains(3, "ElasticCloud KVM rebate", "2025-07 to 2025-12", "paid to the bank account");
        // KVM rebate counts only the Professional month 2025-12 (10-11 were Reseller at 12 %):
        // 10 % x 7 300.00 = 730.00, a one-time extra discount on the next statement. Payable 7 300.00.
        book.of(reseller, "2026-01").settledAs(OLD, "WHITE_LABEL", "PROFESSIONAL")
                .totals("10000.00", "10000.00", "2700.00", ZERO, "730.00", ZERO, "7300.00")
                .lines("LIST_COST 10000.00", "DISCOUNT 10000.00 x 27 % = 2700.00", "REBATE 7300.00 x 10 % = 730.00")
                .explains(3, "a one-time extra discount on the next statement");
        partners.vkSilverMonth("2026-01", "1000000.00", "100000.00", "900000.00");
        partners.vkAgentMonth("2026-01");
    }

    @Test
    @Order(5)
    void february2026() {
        fixture.approvedDeal(yandex, "sc-ya-b", "2026-02-16", "15");
        fixture.certification(vkPartner, "Boris Ivanov", "2026-02-15");
        fixture.completedPresale(vkAgent, "Migration workshop", true, "2026-02-03", "2026-02-20");
        fixture.completedPresale(vkAgent, "Pricing call", false, "2026-02-04", "2026-02-21");
        fixture.usageOfDays(
                "sc-ya-a,2026-02-05,Compute Cloud,10000.00",
                "sc-ya-b,2026-02-10,Compute Cloud,4000.00",
                "sc-ya-b,2026-02-20,Compute Cloud,6000.00",
                "sc-ya-b,2026-02-20,Managed Service for PostgreSQL,1000.00",
                "sc-ya-b,2026-02-21,Compute Cloud,500.00,GRANT",
                "sc-ya-direct,2026-02-07,Compute Cloud,3500.00,MONEY,sc-folder-1",
                "sc-oa-a,2026-02-05,Databases,20000.00",
                "sc-or-a,2026-02-05,ElasticCloud KVM,10000.00",
                "sc-vp-a,2026-02-05,Cloud Servers,1000000.00",
                "sc-vp-a,2026-02-06,Cloud Servers,100000.00,BONUS",
                "sc-va-a,2026-02-05,Kubernetes,40000.00");
        fixture.close("2026-02", "2026-02");

        // Customer a: 10 % x 10 000.00 = 1 000.00. Customer b, deal +15 % registered 2026-02-16: before
        // it 10 % x 4 000.00 = 400.00, from it 25 % x 7 000.00 = 1 750.00; the grant 500.00 is excluded and paid.
        // Discount 3 150.00; payable 21 500.00 - 3 150.00 - 500.00 = 17 850.00.
        book.of(yandex, "2026-02").settledAs(NEW, "RESELLER", null)
                .totals("21500.00", "21000.00", "3150.00", ZERO, ZERO, ZERO, "17850.00")
                .lines("LIST_COST 10000.00", "DISCOUNT 10000.00 x 10 % = 1000.00",
                        "LIST_COST 11500.00", "EXCLUSION -500.00", "DISCOUNT 4000.00 x 10 % = 400.00",
                        "DISCOUNT 7000.00 x 25 % = 1750.00", "PROVIDER_PAID 500.00")
                .explains(6, "from 2026-02-16", "base 10 %", "registered 2026-02-16 +15 %");
        partners.agentMonth("2026-02", "20000.00", "5400.00");
        // Last month's KVM rebate 730.00 given as a one-time discount: 2 700.00 + 730.00 = 3 430.00; payable 6 570.00.
        book.of(reseller, "2026-02").settledAs(OLD, "WHITE_LABEL", "PROFESSIONAL")
                .totals("10000.00", "10000.00", "3430.00", ZERO, ZERO, ZERO, "6570.00")
                .lines("LIST_COST 10000.00", "DISCOUNT 10000.00 x 27 % = 2700.00", "DISCOUNT 730.00")
                .explains(3, "One-time extra discount", "rebates of 2026-01");
        // Bonus rubles 100 000.00 are excluded and paid by the provider: payable 1 100 000.00 - 100 000.00 - 100 000.00.
        book.of(vkPartner, "2026-02").settledAs(OLD, "PARTNER", "SILVER")
                .totals("1100000.00", "1000000.00", "100000.00", ZERO, ZERO, ZERO, "900000.00")
                .lines("LIST_COST 1100000.00", "EXCLUSION -100000.00", "DISCOUNT 1000000.00 x 10 % = 100000.00",
                        "PROVIDER_PAID 100000.00");
        // 10 % x 40 000.00 = 4 000.00, plus 15 000.00 for the technical presale; the other one earns nothing.
        book.of(vkAgent, "2026-02").settledAs(OLD, "AGENT", null)
                .totals("40000.00", "40000.00", ZERO, "19000.00", ZERO, ZERO, ZERO)
                .lines("LIST_COST 40000.00", "REWARD 40000.00 x 10 % = 4000.00", "REWARD 15000.00")
                .explains(3, "'Migration workshop' completed 2026-02-20");
    }

    @Test
    @Order(6)
    void march2026() {
        fixture.usageOfDays(
                "sc-ya-a,2026-03-05,Compute Cloud,10000.00",
                "sc-ya-a,2026-03-06,Object Storage,3000.00",
                "sc-ya-b,2026-03-05,Compute Cloud,8000.00",
                "sc-ya-direct,2026-03-07,Compute Cloud,3500.00,MONEY,sc-folder-1",
                "sc-oa-a,2026-03-05,Databases,20000.00",
                "sc-or-a,2026-03-05,ElasticCloud KVM,10000.00",
                "sc-vp-a,2026-03-05,Cloud Servers,1000000.00",
                "sc-vp-a,2026-03-06,Infrastructure administration,200000.00",
                "sc-va-a,2026-03-05,Kubernetes,40000.00");
        fixture.close("2026-03", "2026-03");

        // 10 % x 13 000.00 = 1 300.00; 25 % x 8 000.00 = 2 000.00. Infrastructure specialization, 2026-Q1
        // eligible Compute Cloud + Object Storage: January 12 004.45, February 10 000.00 + 4 000.00 + 6 000.00
        // (PostgreSQL is not infrastructure, the grant not eligible), March 13 000.00 + 8 000.00:
        // 53 004.45; 3 % = 1 590.1335, half-up 1 590.13, to the rebate balance.
        book.of(yandex, "2026-03").settledAs(NEW, "RESELLER", null)
                .totals("21000.00", "21000.00", "3300.00", ZERO, "1590.13", ZERO, "17700.00")
                .lines("LIST_COST 13000.00", "DISCOUNT 13000.00 x 10 % = 1300.00",
                        "LIST_COST 8000.00", "DISCOUNT 8000.00 x 25 % = 2000.00", "REBATE 53004.45 x 3 % = 1590.13")
                .explains(5, "Specialization rebate 'infrastructure'", "2026-Q1", "accrued to the rebate balance");
        assertThat(partners.balance(yandex)).isEqualTo("1590.13");
        // Growth: 2026-Q1 after 27 % 3 x 14 600.00 = 43 800.00 is below 2025-Q4's 51 100.00: no rebate.
        partners.agentMonth("2026-03", "20000.00", "5400.00");
        // Growth: 2026-Q1 3 x 7 300.00 = 21 900.00 is below 2025-Q4's 8 800.00 + 8 800.00 + 7 300.00: no rebate.
        partners.whiteLabelMonth("2026-03");
        // 2026-Q1 eligible 3 x 1 000 000.00 = 3 000 000.00 (administration excluded) and 2 certified
        // employees: Gold from 2026-04-01.
        book.of(vkPartner, "2026-03").settledAs(OLD, "PARTNER", "SILVER")
                .totals("1200000.00", "1000000.00", "100000.00", ZERO, ZERO, ZERO, "1100000.00")
                .lines("LIST_COST 1200000.00", "EXCLUSION -200000.00", "DISCOUNT 1000000.00 x 10 % = 100000.00");
        assertThat(partners.standing(vkPartner)).last().satisfies(change -> {
            assertThat(change.get("effectiveFrom").asString()).isEqualTo("2026-04-01");
            assertThat(change.get("tier").asString()).isEqualTo("GOLD");
            assertThat(change.get("reason").asString()).contains("SILVER to GOLD",
                    "2026-Q1 eligible consumption 3 000 000.00", "2 certified employees");
        });
        partners.vkAgentMonth("2026-03");
    }

    @Test
    @Order(7)
    void april2026() {
        fixture.project(yandex, direct, "sc-folder-1", "2026-04-01", "10");
        fixture.approvedDeal(vkPartner, "sc-vp-b", "2026-04-01", "20");
        fixture.usageOfDays(
                "sc-ya-a,2026-04-05,Compute Cloud,10000.00",
                "sc-ya-b,2026-04-05,Compute Cloud,8000.00",
                "sc-ya-direct,2026-04-07,Compute Cloud,4800.00,MONEY,sc-folder-1",
                "sc-ya-direct,2026-04-08,Object Storage,200.00,MONEY,sc-folder-1",
                "sc-ya-direct,2026-04-09,Marketplace,1000.00,MONEY,sc-folder-1",
                "sc-ya-direct,2026-04-10,Compute Cloud,800.00,MONEY,sc-folder-2",
                "sc-oa-a,2026-04-05,Databases,25000.00",
                "sc-or-a,2026-04-05,ElasticCloud KVM,10000.00",
                "sc-vp-a,2026-04-05,Cloud Servers,1000000.00",
                "sc-vp-b,2026-04-05,Cloud Servers,100000.00",
                "sc-va-a,2026-04-05,Kubernetes,40000.00");
        fixture.close("2026-04", "2026-04");

        // Project at the direct customer: baseline (3 000.00 + 3 500.00 + 3 500.00) / 3 = 3 333.33..;
        // April's folder consumption 5 000.00 (Marketplace excluded, folder-2 not registered);
        // growth 1 666.67; 10 % = 166.67. Balance 1 590.13 + 166.67 = 1 756.80.
        // Discounts 1 000.00 + 2 000.00; payable 18 000.00 - 3 000.00 = 15 000.00.
        partners.yandexMonth("2026-04", "18000.00", "3000.00", "166.67", "15000.00")
                .lines("LIST_COST 10000.00", "DISCOUNT 10000.00 x 10 % = 1000.00",
                        "LIST_COST 8000.00", "DISCOUNT 8000.00 x 25 % = 2000.00", "REBATE 1666.67 x 10 % = 166.67")
                .explains(5, "Project registration", "sc-folder-1", "5 000.00 in 2026-04", "baseline 3 333.33");
        assertThat(partners.balance(yandex)).isEqualTo("1756.80");
        partners.agentMonth("2026-04", "25000.00", "6750.00");
        partners.whiteLabelMonth("2026-04");
        // Gold: 12 % x 1 000 000.00 = 120 000.00; customer b, deal +20 %: 32 % capped at 30 % x 100 000.00
        // = 30 000.00. Payable 1 100 000.00 - 150 000.00 = 950 000.00.
        partners.vkGoldMonth("2026-04").explains(4, "GOLD status +2 %", "+20 %", "capped at 30 % (from 32 %)");
        partners.vkAgentMonth("2026-04");
    }

    @Test
    @Order(8)
    void may2026() {
        fixture.usageOfDays(
                "sc-ya-a,2026-05-05,Compute Cloud,10000.00",
                "sc-ya-b,2026-05-05,Compute Cloud,8000.00",
                "sc-ya-direct,2026-05-07,Compute Cloud,3000.00,MONEY,sc-folder-1",
                "sc-oa-a,2026-05-05,Databases,25000.00",
                "sc-or-a,2026-05-05,ElasticCloud KVM,10000.00",
                "sc-vp-a,2026-05-05,Cloud Servers,1000000.00",
                "sc-vp-b,2026-05-05,Cloud Servers,100000.00",
                "sc-va-a,2026-05-05,Kubernetes,40000.00");
        fixture.close("2026-05", "2026-05");

        // The folder's 3 000.00 is below the baseline: growth is never negative, no rebate line.
        partners.yandexMonth("2026-05", "18000.00", "3000.00", ZERO, "15000.00")
                .lines("LIST_COST 10000.00", "DISCOUNT 10000.00 x 10 % = 1000.00",
                        "LIST_COST 8000.00", "DISCOUNT 8000.00 x 25 % = 2000.00");
        assertThat(partners.balance(yandex)).isEqualTo("1756.80");
        partners.agentMonth("2026-05", "25000.00", "6750.00");
        partners.whiteLabelMonth("2026-05");
        partners.vkGoldMonth("2026-05");
        partners.vkAgentMonth("2026-05");
    }

    @Test
    @Order(9)
    void june2026() {
        fixture.usageOfDays(
                "sc-ya-a,2026-06-05,Compute Cloud,10000.00",
                "sc-ya-a,2026-06-06,Object Storage,1000.00",
                "sc-ya-b,2026-06-05,Compute Cloud,8000.00",
                "sc-ya-direct,2026-06-07,Compute Cloud,8000.00,MONEY,sc-folder-1",
                "sc-oa-a,2026-06-05,Databases,25000.00",
                "sc-or-a,2026-06-05,ElasticCloud KVM,10000.00",
                "sc-vp-a,2026-06-05,Cloud Servers,1000000.00",
                "sc-vp-b,2026-06-05,Cloud Servers,100000.00",
                "sc-va-a,2026-06-05,Kubernetes,40000.00");
        fixture.close("2026-06", "2026-06");

        // Specialization 2026-Q2: 18 000.00 + 18 000.00 + 19 000.00 = 55 000.00; 3 % = 1 650.00. Project:
        // 8 000.00 - 3 333.33.. = 4 666.67; 10 % = 466.67. Balance 1 756.80 + 1 650.00 + 466.67 = 3 873.47.
        // Discounts 1 100.00 + 2 000.00; payable 19 000.00 - 3 100.00 = 15 900.00.
        partners.yandexMonth("2026-06", "19000.00", "3100.00", "2116.67", "15900.00")
                .lines("LIST_COST 11000.00", "DISCOUNT 11000.00 x 10 % = 1100.00",
                        "LIST_COST 8000.00", "DISCOUNT 8000.00 x 25 % = 2000.00", "REBATE 55000.00 x 3 % = 1650.00",
                        "REBATE 4666.67 x 10 % = 466.67");
        assertThat(partners.balance(yandex)).isEqualTo("3873.47");
        // Window 2026-01..06 passes without the requirement: Referral / Basic from 2026-07-01. Growth:
        // 2026-Q2 3 x 18 250.00 = 54 750.00 over 2026-Q1's 43 800.00: 30 % x 10 950.00 = 3 285.00, to the bank.
        book.of(agent, "2026-06").settledAs(OLD, "AGENT", "PROFESSIONAL")
                .totals("25000.00", "25000.00", ZERO, "6750.00", "3285.00", ZERO, ZERO)
                .lines("LIST_COST 25000.00", "REWARD 25000.00 x 27 % = 6750.00", "REBATE 10950.00 x 30 % = 3285.00")
                .explains(3, "Growth rebate", "43 800.00 (2026-Q1)", "54 750.00 (2026-Q2)", "paid to the bank account");
        assertThat(partners.standing(agent)).hasSize(2).last().satisfies(change -> {
            assertThat(change.get("effectiveFrom").asString()).isEqualTo("2026-07-01");
            assertThat(change.get("model").asString()).isEqualTo("REFERRAL");
            assertThat(change.get("tier").asString()).isEqualTo("BASIC");
            assertThat(change.get("reason").asString()).contains("PROFESSIONAL to BASIC",
                    "no month of the window 2026-01 to 2026-06 met the requirement", "AGENT becomes REFERRAL");
        });
        assertThat(partners.balance(agent)).isEqualTo(ZERO);
        // Growth: 2026-Q2 equals 2026-Q1 (21 900.00): no rebate.
        partners.whiteLabelMonth("2026-06");
        // 2026-Q2 eligible 3 300 000.00 with 2 employees: stays Gold.
        partners.vkGoldMonth("2026-06");
        assertThat(partners.standing(vkPartner)).hasSize(2);
        partners.vkAgentMonth("2026-06");
    }

    @Test
    @Order(10)
    void july2026() {
        fixture.usageOfDays(
                "sc-ya-a,2026-07-05,Compute Cloud,10000.00",
                "sc-ya-b,2026-07-05,Compute Cloud,8000.00",
                "sc-ya-direct,2026-07-07,Compute Cloud,6000.00,MONEY,sc-folder-1",
                "sc-oa-a,2026-07-05,Databases,25000.00",
                "sc-or-a,2026-07-05,ElasticCloud KVM,10000.00",
                "sc-vp-a,2026-07-05,Cloud Servers,1000000.00",
                "sc-vp-b,2026-07-05,Cloud Servers,100000.00",
                "sc-va-a,2026-07-05,Kubernetes,40000.00");
        fixture.close("2026-07", "2026-07");

        // Project: 6 000.00 - 3 333.33.. = 2 666.67; 10 % = 266.67. Balance 3 873.47 + 266.67 = 4 140.14.
        partners.yandexMonth("2026-07", "18000.00", "3000.00", "266.67", "15000.00")
                .lines("LIST_COST 10000.00", "DISCOUNT 10000.00 x 10 % = 1000.00",
                        "LIST_COST 8000.00", "DISCOUNT 8000.00 x 25 % = 2000.00", "REBATE 2666.67 x 10 % = 266.67");
        assertThat(partners.balance(yandex)).isEqualTo("4140.14");
        assertThat(partners.ledgerAmounts(yandex)).containsExactly("ACCRUAL 1590.13", "ACCRUAL 166.67",
                "ACCRUAL 1650.00", "ACCRUAL 466.67", "ACCRUAL 266.67");
        // Referral now: 10 % monthly x 25 000.00 = 2 500.00.
        book.of(agent, "2026-07").settledAs(OLD, "REFERRAL", "BASIC")
                .totals("25000.00", "25000.00", ZERO, "2500.00", ZERO, ZERO, ZERO)
                .lines("LIST_COST 25000.00", "REWARD 25000.00 x 10 % = 2500.00");
        // KVM rebate for 2026-01..06, all White Label: 6 x 7 300.00 = 43 800.00; 10 % = 4 380.00, for the next statement.
        book.of(reseller, "2026-07").settledAs(OLD, "WHITE_LABEL", "PROFESSIONAL")
                .totals("10000.00", "10000.00", "2700.00", ZERO, "4380.00", ZERO, "7300.00")
                .lines("LIST_COST 10000.00", "DISCOUNT 10000.00 x 27 % = 2700.00", "REBATE 43800.00 x 10 % = 4380.00");
        partners.vkGoldMonth("2026-07");
        partners.vkAgentMonth("2026-07");
    }

    @Test
    @Order(11)
    void closingAgainChangesNothing() {
        Map<String, String> before = book.readSoFar();
        String digest = statements.digest();

        fixture.close("2026-07");

        assertThat(before.keySet()).as("5 partners x 10 months").hasSize(50);
        before.forEach((path, raw) -> assertThat(book.reread(path)).as(path).isEqualTo(raw));
        assertThat(statements.digest()).isEqualTo(digest);
        assertThat(partners.balance(yandex)).isEqualTo("4140.14");
        List<String> closed = new ArrayList<>();
        api.get("/api/v1/periods", OPERATOR).body().forEach(period -> {
            if ("CLOSED".equals(period.get("status").asString())) {
                closed.add(period.get("period").asString() + " " + period.get("statements").asInt());
            }
        });
        assertThat(closed).containsExactly("2025-10 5", "2025-11 5", "2025-12 5", "2026-01 5", "2026-02 5",
                "2026-03 5", "2026-04 5", "2026-05 5", "2026-06 5", "2026-07 5");
    }
}
