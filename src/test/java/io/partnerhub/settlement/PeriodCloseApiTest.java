package io.partnerhub.settlement;

import io.partnerhub.Api;
import io.partnerhub.shared.Money;
import io.partnerhub.shared.Reason;
import io.partnerhub.ledger.RebateLedger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.YearMonth;
import java.util.Map;

import static io.partnerhub.settlement.CloseFixture.OPERATOR;
import static io.partnerhub.settlement.CloseFixture.totals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The close over real HTTP and a database of its own (closing a month closes every month before
 * it, so these tests cannot share the platform other tests import into). The tests run in order
 * along one timeline: 2026-03, then 2026-04.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "partnerhub.data-dir=target/test-data-close",
        "partnerhub.db-clean=true",
        "partnerhub.admin-token=" + Api.OPERATOR_TOKEN,
        "partnerhub.demo=false"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PeriodCloseApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RebateLedger ledger;

    private Api api;
    private CloseFixture fixture;

    private static long vk;
    private static long yandex;
    private static long vkCustomer;
    private static long vkDeal;
    private static long yandexCustomer;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixture = new CloseFixture(api);
    }

    @Test
    @Order(1)
    void aPeriodNotYetEndedIsRefusedAndOnlyAnOperatorCloses() {
        long partner = fixture.partner("vk-cloud", "PARTNER", "2026-03-01", null);
        String thisMonth = YearMonth.now(java.time.ZoneId.of("Europe/Moscow")).toString();

        Api.Response early = api.post("/api/v1/periods/" + thisMonth + "/close", OPERATOR, "{}");
        Api.Response byPartner = api.post("/api/v1/periods/2026-03/close", fixture.token(partner), "{}");
        Api.Response malformed = api.post("/api/v1/periods/2026-13/close", OPERATOR, "{}");

        assertThat(early.status()).isEqualTo(422);
        assertThat(early.text("detail")).contains(thisMonth + " has not ended yet");
        assertThat(byPartner.status()).isEqualTo(403);
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(malformed.text("detail")).startsWith("period must be a period YYYY-MM from 2015-01 to ");
    }

    @Test
    @Order(2)
    void marchStatementsFollowTheWorkedExamples() {
        vk = fixture.partner("vk-cloud", "PARTNER", "2026-03-01", null);
        vkCustomer = fixture.customer(vk, "close-vk-a", "2026-03-01");
        vkDeal = fixture.approvedDeal(vk, "close-vk-a", "2026-03-01", "20");
        yandex = fixture.partner("yandex-cloud", "RESELLER", "2026-03-01", "close-ya-own");
        yandexCustomer = fixture.customer(yandex, "close-ya-a", "2026-03-01");
        fixture.approvedDeal(yandex, "close-ya-a", "2026-03-01", "15");
        Api.Response imported = fixture.usage(
                "close-vk-a,2026-03-05T00:00:00Z,Usage,Cloud Servers,50000.00,MONEY",
                "close-vk-a,2026-03-06T00:00:00Z,Usage,Marketplace,1000.00,MONEY",
                "close-ya-a,2026-03-05T00:00:00Z,Usage,Compute Cloud,40000.00,MONEY",
                "close-ya-a,2026-03-07T00:00:00Z,Usage,Compute Cloud,2000.00,GRANT",
                "close-ya-own,2026-03-07T00:00:00Z,Usage,Compute Cloud,700.00,MONEY");
        assertThat(imported.status()).as(imported.raw()).isEqualTo(201);

        Api.Response closed = api.post("/api/v1/periods/2026-03/close", OPERATOR, "{}");

        assertThat(closed.status()).as(closed.raw()).isEqualTo(200);
        assertThat(closed.text("status")).isEqualTo("CLOSED");
        Api.Response vkStatement = api.get("/api/v1/partners/" + vk + "/statements/2026-03", OPERATOR);
        assertThat(vkStatement.status()).as(vkStatement.raw()).isEqualTo(200);
        assertThat(totals(vkStatement)).containsExactly("51000.00", "50000.00", "15000.00", "0.00", "0.00", "0.00", "36000.00");
        assertThat(vkStatement.body().get("lines").findValuesAsString("explanation"))
                .anySatisfy(e -> assertThat(e).startsWith("Discount 30 %").contains("base 10 %").contains("registered 2026-03-01 +20 %"))
                .anySatisfy(e -> assertThat(e).isEqualTo("Not eligible: Marketplace 1 000.00 (excluded service)"));
        // Yandex 2026 terms, deal +15 %: 25 % of 40 000.00; the grant and the own account are not eligible.
        Api.Response yaStatement = api.get("/api/v1/partners/" + yandex + "/statements/2026-03", OPERATOR);
        assertThat(yaStatement.text("programVersion")).isEqualTo("2026-01-01");
        assertThat(totals(yaStatement)).containsExactly("42700.00", "40000.00", "10000.00", "0.00", "0.00", "0.00", "30700.00");
    }

    @Test
    @Order(3)
    void closingAgainChangesNothingAndTheClosedMonthTakesNoUsage() {
        String before = api.get("/api/v1/partners/" + vk + "/statements/2026-03", OPERATOR).raw();

        Api.Response again = api.post("/api/v1/periods/2026-03/close", OPERATOR, "{}");
        Api.Response late = fixture.usage("close-vk-a,2026-03-20T00:00:00Z,Usage,Cloud Servers,10.00,MONEY");

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("closedNow")).isEmpty();
        assertThat(api.get("/api/v1/partners/" + vk + "/statements/2026-03", OPERATOR).raw()).isEqualTo(before);
        assertThat(late.status()).isEqualTo(422);
        assertThat(late.raw()).contains("closed");
    }

    @Test
    @Order(4)
    void theDatabaseRefusesToChangeAnIssuedStatement() {
        assertThatThrownBy(() -> jdbc.sql("update statement set discount = 0 where partner_id = :p").param("p", vk).update())
                .hasMessageContaining("refuse");
        assertThatThrownBy(() -> jdbc.sql("delete from statement_line where partner_id = :p").param("p", vk).update())
                .hasMessageContaining("refuse");
        assertThatThrownBy(() -> jdbc.sql("""
                        insert into statement_line (partner_id, period, line_no, kind, amount, explanation)
                        values (:p, '2026-03-01', 99, 'DISCOUNT', 1.00, 'late')""").param("p", vk).update())
                .hasMessageContaining("closed");
    }

    @Test
    @Order(5)
    void aPartnerReadsOnlyItsOwnStatementsAlsoAsCsv() {
        String token = fixture.token(vk);

        Api.Response own = api.get("/api/v1/partners/" + vk + "/statements/2026-03", token);
        Api.Response other = api.get("/api/v1/partners/" + yandex + "/statements/2026-03", token);
        Api.Response csv = api.get("/api/v1/partners/" + vk + "/statements/2026-03.csv", token);
        Api.Response list = api.get("/api/v1/partners/" + vk + "/statements", token);

        assertThat(own.status()).isEqualTo(200);
        assertThat(other.status()).isEqualTo(404);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.raw().lines().findFirst().orElseThrow()).startsWith("partnerId,period,lineNo,kind");
        assertThat(csv.raw()).contains(",DISCOUNT,").contains("15000.00");
        assertThat(list.body().findValuesAsString("period")).containsExactly("2026-03");
    }

    @Test
    @Order(6)
    void bonusAboveThePayableReturnsToTheBalanceAndAMidMonthLinkCountsFromItsDay() {
        ledger.accrue("test", yandex, Money.of("5000.00", "RUB"), YearMonth.of(2026, 3),
                Reason.of("ledger.accrual", YearMonth.of(2026, 3), 1L, Reason.of("payout.rebateBalance")));
        Api.Response withdrawn = api.post("/api/v1/partners/" + yandex + "/withdrawals", OPERATOR,
                Map.of("amount", "5000.00", "destination", "BONUS", "period", "2026-04"));
        assertThat(withdrawn.status()).as(withdrawn.raw()).isEqualTo(201);
        fixture.customer(vk, "close-vk-b", "2026-04-16");
        fixture.usage(
                "close-ya-a,2026-04-05T00:00:00Z,Usage,Compute Cloud,3000.00,MONEY",
                "close-vk-b,2026-04-10T00:00:00Z,Usage,Kubernetes,400.00,MONEY",
                "close-vk-b,2026-04-20T00:00:00Z,Usage,Kubernetes,600.00,MONEY");

        assertThat(api.post("/api/v1/periods/2026-04/close", OPERATOR, "{}").status()).isEqualTo(200);

        // 3 000.00 less 25 % = 2 250.00 payable: Bonus applies 2 250.00, 2 750.00 returns.
        Api.Response ya = api.get("/api/v1/partners/" + yandex + "/statements/2026-04", OPERATOR);
        assertThat(totals(ya)).containsExactly("3000.00", "3000.00", "750.00", "0.00", "0.00", "2250.00", "0.00");
        assertThat(api.get("/api/v1/partners/" + yandex + "/balance", OPERATOR).text("rebateBalance")).isEqualTo("2750.00");
        // Only the 600.00 after the link's first day (2026-04-16) is the partner's: 10 % of it.
        Api.Response vkApril = api.get("/api/v1/partners/" + vk + "/statements/2026-04", OPERATOR);
        assertThat(totals(vkApril)).containsExactly("600.00", "600.00", "60.00", "0.00", "0.00", "0.00", "540.00");
        assertThat(vkApril.body().get("lines").findValuesAsString("explanation"))
                .anySatisfy(e -> assertThat(e).contains("from 2026-04-16"));
    }

    @Test
    @Order(7)
    void factsDatedInAClosedPeriodAreRefusedAndTheForecastReadsTheOpenMonth() {
        long customer = created(api.post("/api/v1/customers", OPERATOR,
                Map.of("name", "Late", "taxId", "tax-late", "accountId", "close-late")));
        Api.Response lateLink = api.post("/api/v1/partners/" + vk + "/customers", OPERATOR,
                Map.of("customerId", customer, "from", "2026-03-15"));
        Api.Response lateContract = api.post("/api/v1/partners", OPERATOR, Map.of("programId", "vk-cloud",
                "model", "PARTNER", "name", "Late partner", "legalForm", "LEGAL_ENTITY", "taxId", Api.unique(),
                "registeredOn", "2015-01-01", "country", "RU", "contractDate", "2026-04-01"));
        assertThat(lateLink.status()).isEqualTo(422);
        assertThat(lateLink.text("detail")).contains("period 2026-03 is closed").contains("adjustment");
        assertThat(lateContract.status()).isEqualTo(422);

        long agent = fixture.partner("oblakoteka", "AGENT", "2026-05-01", null);
        fixture.customer(agent, "close-obl-a", "2026-05-01");
        fixture.usage("close-obl-a,2026-05-03T00:00:00Z,Usage,ElasticCloud KVM,17600.00,MONEY");

        Api.Response forecast = api.get("/api/v1/partners/" + agent + "/qualification", OPERATOR);

        assertThat(forecast.status()).as(forecast.raw()).isEqualTo(200);
        assertThat(forecast.text("period")).isEqualTo("2026-05");
        assertThat(forecast.text("listCostSoFar")).isEqualTo("17600.00");
        assertThat(forecast.text("forecast"))
                .isEqualTo("12 400.00 RUB more list cost in 2026-05 keeps PROFESSIONAL; window opened 2026-05, closes 2026-10");
        assertThat(forecast.body().get("history").findValuesAsString("reason")).containsExactly("contract");
        Api.Response russian = api.get("/api/v1/partners/" + agent + "/qualification", OPERATOR, "Accept-Language", "ru");
        assertThat(russian.text("forecast")).isEqualTo(
                "Ещё 12\u00A0400,00\u00A0₽ по прайсу за май 2026 сохранят уровень Профессиональный; окно: май 2026 – октябрь 2026");
        assertThat(russian.text("forecastCode")).isEqualTo(forecast.text("forecastCode")).isEqualTo("forecast.window.needed");
        assertThat(russian.body().get("forecastArgs").get(1).get("amount").asString()).isEqualTo("12400.00");
        assertThat(russian.body().get("history").findValuesAsString("reason")).containsExactly("договор");
        assertThat(russian.body().get("history").findValuesAsString("reasonCode")).containsExactly("standing.contract");
    }

    @Test
    @Order(8)
    void aLateCorrectionLandsInTheNextOpenPeriodNamingWhatItCorrects() {
        Api.Response adjustment = api.post("/api/v1/partners/" + vk + "/adjustments", OPERATOR, Map.of(
                "corrects", "2026-03", "period", "2026-05", "kind", "DISCOUNT", "amount", "120.00",
                "reason", "deal extra missed on a March invoice"));
        Api.Response openMonth = api.post("/api/v1/partners/" + vk + "/adjustments", OPERATOR, Map.of(
                "corrects", "2026-06", "period", "2026-07", "kind", "DISCOUNT", "amount", "1.00", "reason", "x"));
        // Billed in May, charged on 2026-04-20: a late usage correction of April.
        fixture.usageBilledIn("2026-05-01", "close-vk-b,2026-04-20T00:00:00Z,Adjustment,Kubernetes,-100.00,MONEY");
        assertThat(adjustment.status()).as(adjustment.raw()).isEqualTo(201);
        assertThat(openMonth.status()).isEqualTo(422);

        assertThat(api.post("/api/v1/periods/2026-05/close", OPERATOR, "{}").status()).isEqualTo(200);

        Api.Response may = api.get("/api/v1/partners/" + vk + "/statements/2026-05", OPERATOR);
        // -100.00 at list, -10.00 discount (10 % of -100.00), plus the 120.00 correction: discount 110.00.
        assertThat(totals(may)).containsExactly("-100.00", "-100.00", "110.00", "0.00", "0.00", "0.00", "-210.00");
        assertThat(may.body().get("lines").findValuesAsString("corrects")).containsOnly("2026-03", "2026-04");
        assertThat(may.body().get("lines").findValuesAsString("explanation"))
                .anySatisfy(e -> assertThat(e).startsWith("Correction of 2026-03 (adjustment #").endsWith("deal extra missed on a March invoice"))
                .anySatisfy(e -> assertThat(e).startsWith("Correction of 2026-04 (consumption charged then, billed in 2026-05)"));
    }

    /**
     * The same statements read in Russian (Accept-Language) and in English (no header, or a language
     * the platform does not speak): each line's reason code and arguments are the same, its words
     * follow the request, Russian figures and dates as the portal's pages write them (Formats). 50 000.00 eligible at 30 % is 15 000.00; 40 000.00 at 25 % is 10 000.00.
     */
    @Test
    @Order(9)
    void explanationsFollowTheRequestsLanguageWithTheSameReasonCodes() {
        String path = "/api/v1/partners/" + vk + "/statements/2026-03";
        Api.Response english = api.get(path, OPERATOR);
        Api.Response french = api.get(path, OPERATOR, "Accept-Language", "fr-FR,fr;q=0.9");
        Api.Response russian = api.get(path, OPERATOR, "Accept-Language", "ru-RU,ru;q=0.9,en;q=0.8");

        assertThat(explanations(english)).containsExactly(
                "Customer " + vkCustomer + " (close-vk-a): consumption at list",
                "Not eligible: Marketplace 1 000.00 (excluded service)",
                "Discount 30 % of eligible consumption: base 10 % (VK Cloud terms of 2020-01-01), deal #" + vkDeal
                        + " registered 2026-03-01 +20 %");
        assertThat(french.raw()).isEqualTo(english.raw());
        assertThat(explanations(russian)).containsExactly(
                "Клиент " + vkCustomer + " (close-vk-a): потребление по прайсу",
                "Не учитывается: Marketplace 1\u00A0000,00\u00A0₽ (исключённый сервис)",
                "Скидка 30\u00A0% от учитываемого потребления: базовая 10\u00A0% (по условиям программы VK Cloud от 01.01.2020),"
                        + " сделка №" + vkDeal + " зарегистрирована 01.03.2026 +20\u00A0%");
        assertThat(russian.body().get("lines").findValuesAsString("reasonCode"))
                .isEqualTo(english.body().get("lines").findValuesAsString("reasonCode"))
                .containsExactly("listCost.customer", "exclusion.customer", "discount.eligible");
        assertThat(russian.body().get("lines").findValues("reasonArgs"))
                .isEqualTo(english.body().get("lines").findValues("reasonArgs"));
        assertThat(english.body().get("lines").get(2).get("reasonArgs").get(0).get("rate").asString()).isEqualTo("30");
        assertThat(english.body().get("lines").get(2).get("amount").asString()).isEqualTo("15000.00");

        Api.Response yaEnglish = api.get("/api/v1/partners/" + yandex + "/statements/2026-03", OPERATOR);
        Api.Response yaRussian = api.get("/api/v1/partners/" + yandex + "/statements/2026-03", OPERATOR,
                "Accept-Language", "ru");
        assertThat(explanations(yaEnglish)).containsExactly(
                "Customer " + yandexCustomer + " (close-ya-a): consumption at list",
                "Not eligible: grant-funded 2 000.00 (excluded funding)",
                "Discount 25 % of eligible consumption: base 10 % (Yandex Cloud terms of 2026-01-01), deal #"
                        + (vkDeal + 1) + " registered 2026-03-01 +15 %",
                "Paid by the provider: grant-funded consumption 2 000.00",
                "Own account close-ya-own: consumption at list, never discounted",
                "Own consumption is never eligible");
        assertThat(explanations(yaRussian)).containsExactly(
                "Клиент " + yandexCustomer + " (close-ya-a): потребление по прайсу",
                "Не учитывается: за счёт грантов 2\u00A0000,00\u00A0₽ (исключённый источник оплаты)",
                "Скидка 25\u00A0% от учитываемого потребления: базовая 10\u00A0% (по условиям программы Yandex Cloud от"
                        + " 01.01.2026), сделка №" + (vkDeal + 1) + " зарегистрирована 01.03.2026 +15\u00A0%",
                "Оплачено провайдером: потребление за счёт грантов 2\u00A0000,00\u00A0₽",
                "Собственный аккаунт close-ya-own: потребление по прайсу, скидка не предоставляется",
                "Собственное потребление не учитывается");
    }

    @Test
    @Order(10)
    void correctionsAndTheCsvFollowTheLanguageAndOperatorsWordsStayAsWritten() {
        Api.Response may = api.get("/api/v1/partners/" + vk + "/statements/2026-05", OPERATOR, "Accept-Language", "ru");
        Api.Response csv = api.get("/api/v1/partners/" + vk + "/statements/2026-05.csv", OPERATOR, "Accept-Language", "ru");
        Api.Response csvEnglish = api.get("/api/v1/partners/" + vk + "/statements/2026-05.csv", OPERATOR);

        assertThat(explanations(may))
                .anySatisfy(e -> assertThat(e).startsWith("Корректировка за март 2026 (запись №")
                        .endsWith(", внёс operator): deal extra missed on a March invoice"))
                .anySatisfy(e -> assertThat(e).isEqualTo("Корректировка за апрель 2026 (потребление того месяца, выставленное"
                        + " за май 2026): Скидка 10\u00A0% от учитываемого потребления: базовая 10\u00A0% (по условиям"
                        + " программы VK Cloud от 01.01.2020)"))
                .anySatisfy(e -> assertThat(e).isEqualTo("Корректировка за апрель 2026 (потребление того месяца, выставленное"
                        + " за май 2026): Клиент " + may.body().get("lines").get(0).get("customerId").asString()
                        + " (close-vk-b): потребление по прайсу"));
        assertThat(csv.raw()).contains("Корректировка за апрель 2026").doesNotContain("Correction of");
        assertThat(csvEnglish.raw()).contains("Correction of 2026-04 (consumption charged then, billed in 2026-05)");
    }

    /**
     * A line issued before reasons were stored has no code: it shows the English explanation it was
     * issued with, in every language (lines are never rewritten).
     */
    @Test
    @Order(11)
    void aLineIssuedWithoutAReasonKeepsItsStoredExplanationInEveryLanguage() {
        jdbc.sql("""
                insert into statement (partner_id, period, program_id, program_version, model, tier, currency, list_cost,
                                       eligible_cost, discount, reward, rebate, bonus, payable)
                select partner_id, date '2026-11-01', program_id, program_version, model, tier, currency, 0, 0, 0, 0, 0, 0, 0
                  from statement where partner_id = :p and period = date '2026-03-01'""").param("p", vk).update();
        jdbc.sql("""
                insert into statement_line (partner_id, period, line_no, kind, amount, explanation)
                values (:p, date '2026-11-01', 1, 'DISCOUNT', 0.00, 'Issued before reason codes')""").param("p", vk).update();

        Api.Response russian = api.get("/api/v1/partners/" + vk + "/statements/2026-11", OPERATOR, "Accept-Language", "ru");

        assertThat(explanations(russian)).containsExactly("Issued before reason codes");
        assertThat(russian.body().get("lines").get(0).has("reasonCode")).isFalse();
        assertThat(russian.body().get("lines").get(0).has("reasonArgs")).isFalse();
    }

    private static java.util.List<String> explanations(Api.Response statement) {
        assertThat(statement.status()).as(statement.raw()).isEqualTo(200);
        return statement.body().get("lines").findValuesAsString("explanation");
    }

    private static long created(Api.Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.id();
    }

}
