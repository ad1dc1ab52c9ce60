package io.partnerhub.billing;

import io.partnerhub.Api;
import io.partnerhub.ApiFixture;
import io.partnerhub.SetClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import static io.partnerhub.ApiFixture.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Partner billing on a database of its own with a clock the test sets. Yandex Cloud 2026 terms: a
 * reseller's bonus is 10 % of eligible consumption (Marketplace excluded); VK Cloud Partner (Silver):
 * 10 % base discount. VAT 22 % is included in every amount (x 22 / 122).
 *
 * <pre>
 * Y, Yandex Cloud, POSTPAYMENT, threshold 50 000.00, 10 days to pay
 *   03-10 Compute 30 000.00              so far 27 000.00                      no invoice
 *   03-15 Compute 40 000.00              so far 63 000.00 - 0          = 63 000.00 >= 50 000 YC-000001 (VAT 11 360.66)
 *   03-20 Compute 50 000.00, Marketplace 10 000.00
 *                                        so far 108 000 + 10 000 = 118 000.00 - 63 000 = 55 000.00 YC-000002
 *   03-28 Compute 5 000.00               so far 122 500.00 - 118 000 = 4 500.00 < 50 000 no invoice
 *   04-02 close March: payable 122 500.00 - 118 000.00 threshold  -> MONTHLY YC-000003 4 500.00, due 04-12
 *   03-24 bank statement: 63 000.00 "по счёту YC-000001" (paid), 1 000.00 from an unknown payer (queue),
 *         an outgoing payment (not read); again: duplicate
 *   04-01 YC-000002 (due 03-30) overdue, 2 days past due: receivables 0-30 = 55 000.00
 *   04-20 59 500.00 "оплата YC-000002": YC-000002 paid, the 4 500.00 left pays YC-000003
 * V, VK Cloud, PREPAYMENT
 *   pays 20 000.00 (03-01); March 10 000.00 -> 9 000.00: on 03-28 balance 20 000.00, reserved 9 000.00, available 11 000.00
 *   close March VK-000001 9 000.00 -> balance 11 000.00
 *   a queued 1 000.00 assigned to V: balance 12 000.00
 *   April 12 000.00 -> 10 800.00 reserved: available 1 200.00, low (below March's 9 000.00) at the import;
 *   close VK-000002 -> balance 1 200.00, still low (announced once)
 *   May 15 000.00 -> 13 500.00: available -12 300.00, out; close VK-000003 -> balance -12 300.00
 *   06-05 pays 15 000.00 -> balance 2 700.00, all three paid
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "partnerhub.data-dir=target/test-data-partner-billing",
        "partnerhub.db-clean=true",
        "partnerhub.admin-token=" + Api.OPERATOR_TOKEN,
        "partnerhub.demo=false"})
@Import({PartnerBillingScenarioTest.ScenarioClock.class, io.partnerhub.ApiExamplesRecorder.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartnerBillingScenarioTest {

    private static final tools.jackson.databind.json.JsonMapper JSON = new tools.jackson.databind.json.JsonMapper();
    private static final AtomicReference<Instant> NOW = new AtomicReference<>(noon("2026-03-01"));
    private static final String HEADER = "SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,ListCost,"
            + "BillingCurrency\n";
    /** The Yandex Cloud provider's account (application.properties). */
    private static final String YC_ACCOUNT = "40702810900000000003";

    @TestConfiguration
    static class ScenarioClock {
        @Bean
        @Primary
        Clock scenarioClock() {
            return new SetClock(NOW);
        }
    }

    @LocalServerPort
    int port;

    private Api api;
    private ApiFixture fixture;
    private long yandex;
    private String yandexTaxId;
    private String yandexToken;
    private String yandexAccount;
    private long vk;
    private String vkTaxId;
    private String vkAccount;

    @BeforeAll
    void partners() {
        NOW.set(noon("2026-03-01"));
        api = new Api(port);
        fixture = new ApiFixture(api);
        yandex = fixture.partner("yandex-cloud", "RESELLER", "2026-01-01");
        yandexTaxId = api.get("/api/v1/partners/" + yandex, OPERATOR).text("taxId");
        yandexToken = fixture.token(yandex);
        long a = fixture.customer();
        yandexAccount = api.get("/api/v1/customers/" + a, OPERATOR).text("accountId");
        fixture.linked(yandex, a, "2026-03-01");
        vk = fixture.partner("vk-cloud", "PARTNER", "2026-01-01");
        vkTaxId = api.get("/api/v1/partners/" + vk, OPERATOR).text("taxId");
        long b = fixture.customer();
        vkAccount = api.get("/api/v1/customers/" + b, OPERATOR).text("accountId");
        fixture.linked(vk, b, "2026-03-01");
    }

    @Test
    @Order(1)
    void onlyAnOperatorSetsTheTermsAndAThresholdIsForPostpaymentOnly() {
        Api.Response byPartner = api.send("PUT", "/api/v1/partners/" + yandex + "/billing", yandexToken,
                "{\"paymentTerms\": \"POSTPAYMENT\", \"billingThreshold\": \"50000.00\"}");
        Api.Response prepaidWithThreshold = api.send("PUT", "/api/v1/partners/" + yandex + "/billing", OPERATOR,
                "{\"paymentTerms\": \"PREPAYMENT\", \"billingThreshold\": \"50000.00\"}");
        Api.Response set = api.send("PUT", "/api/v1/partners/" + yandex + "/billing", OPERATOR,
                "{\"paymentTerms\": \"POSTPAYMENT\", \"billingThreshold\": \"50000.00\", \"dueDays\": 10}");

        ApiFixture.assertProblem(byPartner, 403);
        ApiFixture.assertProblem(prepaidWithThreshold, 422);
        assertThat(ApiFixture.fields(prepaidWithThreshold)).containsExactly("billingThreshold");
        assertThat(set.status()).as(set.raw()).isEqualTo(200);
        assertThat(set.text("billingThreshold")).isEqualTo("50000.00");
        assertThat(api.get("/api/v1/partners/" + yandex + "/billing", yandexToken).text("paymentTerms"))
                .isEqualTo("POSTPAYMENT");
        assertThat(api.get("/api/v1/partners/" + vk + "/billing", OPERATOR).body().get("dueDays").asInt())
                .as("the platform's default").isEqualTo(10);
    }

    @Test
    @Order(2)
    void aPostpaidPartnerCrossingItsThresholdTwiceIsInvoicedAtOnceEachTime() {
        at("2026-03-10");
        usage(yandexAccount + ",2026-03-05,Compute Cloud,30000.00");
        assertThat(invoices(yandex)).isEmpty();

        at("2026-03-15");
        usage(yandexAccount + ",2026-03-12,Compute Cloud,40000.00");
        assertThat(invoices(yandex)).containsExactly("YC-000001 THRESHOLD 2026-03 63000.00 2026-03-15 2026-03-25 OPEN");
        JsonNode first = api.get("/api/v1/partners/" + yandex + "/invoices/YC-000001", yandexToken).body();
        assertThat(first.get("vat").asString()).isEqualTo("11360.66");
        assertThat(first.get("vatRate").asString()).isEqualTo("22");

        at("2026-03-20");
        usage(yandexAccount + ",2026-03-18,Compute Cloud,50000.00", yandexAccount + ",2026-03-18,Marketplace,10000.00");

        assertThat(invoices(yandex)).containsExactly(
                "YC-000001 THRESHOLD 2026-03 63000.00 2026-03-15 2026-03-25 OPEN",
                "YC-000002 THRESHOLD 2026-03 55000.00 2026-03-20 2026-03-30 OPEN");
        assertThat(events("invoice.issued", yandex)).containsExactly("invoice/YC-000001", "invoice/YC-000002");
    }

    @Test
    @Order(3)
    void aBankStatementPaysTheInvoiceItNamesQueuesWhatMatchesNoPartnerAndIsReadOnce() {
        at("2026-03-24");
        byte[] statement = BankStatements.statement(YC_ACCOUNT, LocalDate.parse("2026-03-24"),
                BankStatements.document("7", "24.03.2026", "63000.00", "40702810400000000123", yandexTaxId, YC_ACCOUNT,
                        "Оплата по счёту № YC-000001 от 15.03.2026 за услуги, в т.ч. НДС 22 % - 11360.66 руб."),
                BankStatements.document("8", "24.03.2026", "1000.00", "40702810400000000999", "7799000001", YC_ACCOUNT,
                        "Оплата по счёту 17 от 20.03.2026"),
                BankStatements.document("9", "24.03.2026", "4800.00", YC_ACCOUNT, "7700000003", "40702810600000000456",
                        "Аренда офиса за март 2026 г."));

        Api.Response imported = api.upload("/api/v1/payments/imports?fileName=march.txt", OPERATOR, statement, "text/plain");
        Api.Response again = api.upload("/api/v1/payments/imports?fileName=march-again.txt", OPERATOR, statement,
                "text/plain");

        assertThat(imported.status()).as(imported.raw()).isEqualTo(201);
        assertThat(imported.body().get("duplicate").asBoolean()).isFalse();
        assertThat(imported.body().get("documents").asInt()).isEqualTo(3);
        assertThat(imported.body().get("matched").asInt()).isEqualTo(1);
        assertThat(imported.body().get("unmatched").asInt()).isEqualTo(1);
        assertThat(imported.body().get("skipped").asInt()).as("the outgoing payment").isEqualTo(1);
        assertThat(again.status()).as(again.raw()).isEqualTo(200);
        assertThat(again.body().get("duplicate").asBoolean()).isTrue();
        assertThat(again.body().get("importId").asLong()).isEqualTo(imported.body().get("importId").asLong());

        List<JsonNode> payments = api.get("/api/v1/partners/" + yandex + "/payments", yandexToken).body().valueStream().toList();
        assertThat(payments).hasSize(1);
        assertThat(payments.getFirst().get("amount").asString()).isEqualTo("63000.00");
        assertThat(payments.getFirst().get("invoiceNumber").asString()).isEqualTo("YC-000001");
        assertThat(payments.getFirst().get("matchedBy").asString()).isEqualTo("TAX_ID_AND_INVOICE");
        List<JsonNode> queue = api.get("/api/v1/payments?matched=false", OPERATOR).body().valueStream().toList();
        assertThat(queue).extracting(p -> p.get("payerTaxId").asString() + " " + p.get("amount").asString())
                .containsExactly("7799000001 1000.00");
        assertThat(invoices(yandex)).containsExactly(
                "YC-000001 THRESHOLD 2026-03 63000.00 2026-03-15 2026-03-25 PAID",
                "YC-000002 THRESHOLD 2026-03 55000.00 2026-03-20 2026-03-30 OPEN");
        ApiFixture.assertProblem(api.get("/api/v1/payments?matched=false", yandexToken), 403);

        at("2026-03-28");
        usage(yandexAccount + ",2026-03-27,Compute Cloud,5000.00");
        assertThat(invoices(yandex)).as("4 500.00 more is below the threshold").hasSize(2);
    }

    @Test
    @Order(4)
    void aBankStatementThatCannotBeReadIsRefusedWithItsLineAndNothingIsStored() {
        byte[] broken = BankStatements.cp1251(String.join("\r\n", "1CClientBankExchange", "ВерсияФормата=1.03", "СекцияДокумент=Платежное поручение",
                "Номер=10", "Дата=24.03.2026", "Сумма=12,5", "КонецДокумента", "КонецФайла", ""));

        Api.Response refused = api.upload("/api/v1/payments/imports?fileName=broken.txt", OPERATOR, broken, "text/plain");

        ApiFixture.assertProblem(refused, 422);
        assertThat(refused.body().get("errors").get(0).get("field").asString()).isEqualTo("line 6, Сумма");
        assertThat(api.get("/api/v1/payments", OPERATOR).body().size()).isEqualTo(2);
    }

    @Test
    @Order(5)
    void aPrepaidPartnersAdvanceIsReservedForTheMonthSoFar() {
        at("2026-03-28");
        Api.Response paid = payment("20000.00", "2026-03-01", vkTaxId, "Аванс", "pp-v-1");
        Api.Response retried = payment("20000.00", "2026-03-01", vkTaxId, "Аванс", "pp-v-1");
        Api.Response changed = payment("21000.00", "2026-03-01", vkTaxId, "Аванс", "pp-v-1");
        assertThat(paid.status()).as(paid.raw()).isEqualTo(201);
        assertThat(paid.text("matchedBy")).isEqualTo("TAX_ID");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.id()).isEqualTo(paid.id());
        ApiFixture.assertProblem(changed, 409);

        usage(vkAccount + ",2026-03-10,Cloud Servers,10000.00");

        assertThat(account(vk)).isEqualTo("PREPAYMENT balance 20000.00 reserved 9000.00 available 11000.00 null");
    }

    @Test
    @Order(6)
    void theCloseBillsWhatTheThresholdInvoicesLeftAndTheAdvanceOfAPrepaidPartner() {
        at("2026-04-01");
        run("invoice-overdue");
        assertThat(invoices(yandex)).containsExactly(
                "YC-000001 THRESHOLD 2026-03 63000.00 2026-03-15 2026-03-25 PAID",
                "YC-000002 THRESHOLD 2026-03 55000.00 2026-03-20 2026-03-30 OVERDUE");
        assertThat(events("invoice.overdue", yandex)).containsExactly("invoice/YC-000002");

        at("2026-04-02");
        close("2026-03");

        JsonNode statement = api.get("/api/v1/partners/" + yandex + "/statements/2026-03", OPERATOR).body();
        assertThat(statement.get("totals").get("payable").asString()).isEqualTo("122500.00");
        assertThat(invoices(yandex)).containsExactly(
                "YC-000001 THRESHOLD 2026-03 63000.00 2026-03-15 2026-03-25 PAID",
                "YC-000002 THRESHOLD 2026-03 55000.00 2026-03-20 2026-03-30 OVERDUE",
                "YC-000003 MONTHLY 2026-03 4500.00 2026-04-02 2026-04-12 OPEN");
        assertThat(invoices(vk)).containsExactly("VK-000001 MONTHLY 2026-03 9000.00 2026-04-02 2026-04-12 PAID");
        assertThat(account(vk)).isEqualTo("PREPAYMENT balance 11000.00 reserved 0.00 available 11000.00 null");
        JsonNode receivables = api.get("/api/v1/receivables", OPERATOR).body();
        JsonNode ofYandex = receivables.get("partners").get(0);
        assertThat(ofYandex.get("partnerId").asLong()).isEqualTo(yandex);
        assertThat(ofYandex.get("open").asString()).isEqualTo("59500.00");
        assertThat(ofYandex.get("overdue").asString()).isEqualTo("55000.00");
        assertThat(ofYandex.get("ageing").get("0-30").asString()).isEqualTo("55000.00");
        assertThat(ofYandex.get("ageing").get("notDue").asString()).isEqualTo("4500.00");
        assertThat(receivables.get("partners").size()).isEqualTo(1);

        JsonNode act = api.get("/api/v1/partners/" + yandex + "/acts/2026-03", yandexToken).body();
        assertThat(act.get("number").asString()).isEqualTo("YC-A-2026-03");
        assertThat(act.get("listCost").asString()).isEqualTo("135000.00");
        assertThat(act.get("discount").asString()).as("10 % of 125 000.00 eligible").isEqualTo("12500.00");
        assertThat(act.get("bonus").asString()).isEqualTo("0.00");
        assertThat(act.get("otherDeductions").asString()).isEqualTo("0.00");
        assertThat(act.get("amount").asString()).isEqualTo("122500.00");
        assertThat(act.get("vat").asString()).as("122 500 x 22 / 122").isEqualTo("22090.16");
        assertThat(act.get("invoices").valueStream().map(JsonNode::asString).toList())
                .containsExactly("YC-000001", "YC-000002", "YC-000003");
    }

    @Test
    @Order(7)
    void aLatePaymentPaysTheOverdueInvoiceAndTheRestTheNextOne() {
        at("2026-04-20");
        Api.Response late = payment("59500.00", "2026-04-20", yandexTaxId, "оплата YC-000002 и остатка за март", "pp-y-2");

        assertThat(late.status()).as(late.raw()).isEqualTo(201);
        assertThat(late.text("invoiceNumber")).isEqualTo("YC-000002");
        assertThat(invoices(yandex)).containsExactly(
                "YC-000001 THRESHOLD 2026-03 63000.00 2026-03-15 2026-03-25 PAID",
                "YC-000002 THRESHOLD 2026-03 55000.00 2026-03-20 2026-03-30 PAID",
                "YC-000003 MONTHLY 2026-03 4500.00 2026-04-02 2026-04-12 PAID");
        assertThat(api.get("/api/v1/receivables", OPERATOR).body().get("partners").size()).isZero();
    }

    @Test
    @Order(8)
    void anOperatorAssignsAQueuedPaymentOnce() {
        long queued = api.get("/api/v1/payments?matched=false", OPERATOR).body().get(0).get("id").asLong();

        Api.Response assigned = api.post("/api/v1/payments/" + queued + "/match", OPERATOR,
                Map.of("partnerId", vk));
        Api.Response again = api.post("/api/v1/payments/" + queued + "/match", OPERATOR, Map.of("partnerId", yandex));

        assertThat(assigned.status()).as(assigned.raw()).isEqualTo(200);
        assertThat(assigned.text("matchedBy")).isEqualTo("OPERATOR");
        ApiFixture.assertProblem(again, 409);
        assertThat(api.get("/api/v1/payments?matched=false", OPERATOR).body().size()).isZero();
        assertThat(account(vk)).isEqualTo("PREPAYMENT balance 12000.00 reserved 0.00 available 12000.00 null");
    }

    @Test
    @Order(9)
    void aPrepaidBalanceRunsLowThenOutAndAPaymentRestoresIt() {
        at("2026-04-15");
        usage(vkAccount + ",2026-04-10,Cloud Servers,12000.00");
        assertThat(account(vk)).as("April so far is reserved").isEqualTo(
                "PREPAYMENT balance 12000.00 reserved 10800.00 available 1200.00 LOW");
        assertThat(events("account.balance-low", vk)).as("announced by the import").hasSize(1);
        at("2026-05-04");
        close("2026-04");
        assertThat(account(vk)).isEqualTo("PREPAYMENT balance 1200.00 reserved 0.00 available 1200.00 LOW");
        assertThat(events("account.balance-low", vk)).hasSize(1);

        at("2026-05-15");
        usage(vkAccount + ",2026-05-10,Cloud Servers,15000.00");
        at("2026-06-02");
        close("2026-05");
        assertThat(account(vk)).isEqualTo("PREPAYMENT balance -12300.00 reserved 0.00 available -12300.00 OUT");
        assertThat(events("account.balance-out", vk)).hasSize(1);
        assertThat(invoices(vk)).containsExactly(
                "VK-000001 MONTHLY 2026-03 9000.00 2026-04-02 2026-04-12 PAID",
                "VK-000002 MONTHLY 2026-04 10800.00 2026-05-04 2026-05-14 PAID",
                "VK-000003 MONTHLY 2026-05 13500.00 2026-06-02 2026-06-12 OPEN");

        at("2026-06-05");
        payment("15000.00", "2026-06-05", vkTaxId, "Аванс", "pp-v-2");
        assertThat(account(vk)).isEqualTo("PREPAYMENT balance 2700.00 reserved 0.00 available 2700.00 LOW");
        assertThat(invoices(vk)).last().isEqualTo("VK-000003 MONTHLY 2026-05 13500.00 2026-06-02 2026-06-12 PAID");
    }

    @Test
    @Order(10)
    void twoImportsCrossingTheThresholdTogetherIssueOneInvoice() throws Exception {
        at("2026-06-10");
        long racer = fixture.partner("yandex-cloud", "RESELLER", "2026-06-01");
        long customer = fixture.customer();
        String account = api.get("/api/v1/customers/" + customer, OPERATOR).text("accountId");
        fixture.linked(racer, customer, "2026-06-01");
        api.send("PUT", "/api/v1/partners/" + racer + "/billing", OPERATOR,
                "{\"paymentTerms\": \"POSTPAYMENT\", \"billingThreshold\": \"1000.00\"}");

        List<Integer> statuses = concurrently(
                () -> importStatus(account + ",2026-06-08,Compute Cloud,600.00"),
                () -> importStatus(account + ",2026-06-09,Compute Cloud,600.00"));

        assertThat(statuses).containsOnly(201);
        List<String> issued = invoices(racer);
        assertThat(issued).hasSize(1);
        assertThat(issued.getFirst()).startsWith("YC-000004 THRESHOLD 2026-06 1080.00 ");
    }

    @Test
    @Order(11)
    void concurrentClosesNumberEachProgramsInvoicesWithoutAGap() throws Exception {
        at("2026-06-20");
        usage(vkAccount + ",2026-06-10,Cloud Servers,1000.00", yandexAccount + ",2026-06-10,Compute Cloud,1000.00");
        at("2026-07-15");
        usage(vkAccount + ",2026-07-10,Cloud Servers,2000.00", yandexAccount + ",2026-07-10,Compute Cloud,2000.00");
        at("2026-08-03");

        List<Integer> statuses = concurrently(
                () -> api.post("/api/v1/periods/2026-06/close", OPERATOR, "{}").status(),
                () -> api.post("/api/v1/periods/2026-07/close", OPERATOR, "{}").status());

        assertThat(statuses).containsOnly(200);
        List<String> all = new ArrayList<>();
        for (long partner : List.of(vk, yandex)) {
            invoices(partner).forEach(line -> all.add(line.substring(0, line.indexOf(' '))));
        }
        assertThat(all.stream().filter(n -> n.startsWith("VK-")).sorted().toList())
                .containsExactly("VK-000001", "VK-000002", "VK-000003", "VK-000004", "VK-000005");
        assertThat(all.stream().filter(n -> n.startsWith("YC-")).sorted().toList()).as("YC-000004 is the racer's")
                .containsExactly("YC-000001", "YC-000002", "YC-000003", "YC-000005", "YC-000006");
        assertThat(invoices(yandex)).contains("YC-000005 MONTHLY 2026-06 900.00 2026-08-03 2026-08-13 OPEN",
                "YC-000006 MONTHLY 2026-07 1800.00 2026-08-03 2026-08-13 OPEN");
        assertThat(invoices(vk)).contains("VK-000004 MONTHLY 2026-06 900.00 2026-08-03 2026-08-13 PAID");
    }

    /**
     * The check after an import settles every billed partner's month so far at once: each must still
     * be settled by its own customers' usage. One file for three partners: the first crosses its
     * 1 000.00 threshold (1 500.00 - 10 % = 1 350.00), the second does not (900.00) until its next
     * 200.00 (1 080.00); the third, 1 000.00 paid in advance, has 1 350.00 reserved: out by 350.00.
     */
    @Test
    @Order(12)
    void oneImportChecksEachBilledPartnerByItsOwnCustomers() {
        at("2026-08-10");
        long first = postpaid("1000.00");
        long second = postpaid("1000.00");
        long advance = fixture.partner("vk-cloud", "PARTNER", "2026-08-01");
        String advanceAccount = customerOf(advance);
        payment("1000.00", "2026-08-10", api.get("/api/v1/partners/" + advance, OPERATOR).text("taxId"), "Аванс", "pp-a-1");
        String firstAccount = customerOf(first);
        String secondAccount = customerOf(second);

        usage(firstAccount + ",2026-08-05,Compute Cloud,1500.00", secondAccount + ",2026-08-05,Compute Cloud,1000.00",
                advanceAccount + ",2026-08-05,Cloud Servers,1500.00");

        assertThat(invoices(first)).containsExactly("YC-000007 THRESHOLD 2026-08 1350.00 2026-08-10 2026-08-20 OPEN");
        assertThat(invoices(second)).isEmpty();
        assertThat(account(advance)).isEqualTo("PREPAYMENT balance 1000.00 reserved 1350.00 available -350.00 OUT");
        assertThat(events("account.balance-out", advance)).hasSize(1);

        at("2026-08-12");
        usage(secondAccount + ",2026-08-11,Compute Cloud,200.00");

        assertThat(invoices(first)).hasSize(1);
        assertThat(invoices(second)).containsExactly("YC-000008 THRESHOLD 2026-08 1080.00 2026-08-12 2026-08-22 OPEN");
        assertThat(events("account.balance-out", advance)).as("announced once").hasSize(1);
    }

    /**
     * The partner sets its own requisites; each invoice prints the buyer as it was when issued:
     * YC-000009 (1 500.00 - 10 % = 1 350.00) before any, YC-000010 (1 200.00 more: 1 080.00) with the
     * first ones, and keeps them after the partner moves. An individual entrepreneur has no KPP.
     */
    @Test
    @Order(13)
    void anInvoicePrintsThePartnersRequisitesAsTheyWereWhenItWasIssued() throws Exception {
        at("2026-08-20");
        long partner = postpaid("1000.00");
        String token = fixture.token(partner);
        String account = customerOf(partner);
        Api.Response badKpp = api.send("PUT", "/api/v1/partners/" + partner + "/requisites", token,
                "{\"kpp\": \"77010100\", \"legalAddress\": \"Москва\"}");
        Api.Response byAnother = api.send("PUT", "/api/v1/partners/" + partner + "/requisites", yandexToken,
                "{\"kpp\": \"770101001\"}");
        usage(account + ",2026-08-18,Compute Cloud,1500.00");

        Api.Response set = api.send("PUT", "/api/v1/partners/" + partner + "/requisites", token,
                "{\"kpp\": \"770101001\", \"legalAddress\": \"Москва, ул. Тверская, 1\"}");
        at("2026-08-21");
        usage(account + ",2026-08-20,Compute Cloud,1200.00");
        api.send("PUT", "/api/v1/partners/" + partner + "/requisites", OPERATOR,
                "{\"kpp\": \"780101002\", \"legalAddress\": \"Санкт-Петербург, Невский проспект, 2\"}");

        ApiFixture.assertProblem(badKpp, 422);
        assertThat(ApiFixture.fields(badKpp)).containsExactly("kpp");
        assertThat(byAnother.status()).as("another partner's requisites are not found").isEqualTo(404);
        assertThat(set.status()).as(set.raw()).isEqualTo(200);
        assertThat(set.text("kpp")).isEqualTo("770101001");
        assertThat(invoices(partner)).containsExactly("YC-000009 THRESHOLD 2026-08 1350.00 2026-08-20 2026-08-30 OPEN",
                "YC-000010 THRESHOLD 2026-08 1080.00 2026-08-21 2026-08-31 OPEN");
        String before = pdfText(partner, "YC-000009");
        String issued = pdfText(partner, "YC-000010");
        assertThat(before).contains("Partner " + api.get("/api/v1/partners/" + partner, OPERATOR).text("taxId"))
                .doesNotContain("770101001", "Тверская", "780101002", "Невский");
        assertThat(issued).contains("КПП 770101001", "Москва, ул. Тверская, 1").doesNotContain("780101002", "Невский");
        assertThat(api.get("/api/v1/partners/" + partner + "/requisites", token).text("legalAddress"))
                .isEqualTo("Санкт-Петербург, Невский проспект, 2");

        Api.Response entrepreneur = api.post("/api/v1/partners", OPERATOR, Map.of("programId", "vk-cloud",
                "model", "PARTNER", "name", "ИП Сидоров", "legalForm", "INDIVIDUAL_ENTREPRENEUR", "taxId", "770123456789",
                "registeredOn", "2020-01-15", "country", "RU", "contractDate", "2026-08-01"));
        Api.Response entrepreneurKpp = api.send("PUT", "/api/v1/partners/" + entrepreneur.id() + "/requisites", OPERATOR,
                "{\"kpp\": \"770101001\"}");
        ApiFixture.assertProblem(entrepreneurKpp, 422);
        assertThat(entrepreneurKpp.text("detail")).contains("an individual entrepreneur has no KPP");
    }

    /** The invoice's PDF (in Russian) read back as text. */
    private String pdfText(long partner, String number) throws Exception {
        java.net.http.HttpResponse<byte[]> pdf = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/v1/partners/"
                                + partner + "/invoices/" + number + "?format=pdf"))
                        .header("Authorization", "Bearer " + OPERATOR).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            return new org.apache.pdfbox.text.PDFTextStripper().getText(document);
        }
    }

    private long postpaid(String threshold) {
        long partner = fixture.partner("yandex-cloud", "RESELLER", "2026-08-01");
        Api.Response set = api.send("PUT", "/api/v1/partners/" + partner + "/billing", OPERATOR,
                "{\"paymentTerms\": \"POSTPAYMENT\", \"billingThreshold\": \"" + threshold + "\"}");
        assertThat(set.status()).as(set.raw()).isEqualTo(200);
        return partner;
    }

    private String customerOf(long partner) {
        long customer = fixture.customer();
        fixture.linked(partner, customer, "2026-08-01");
        return api.get("/api/v1/customers/" + customer, OPERATOR).text("accountId");
    }

    // --- helpers

    private List<String> invoices(long partner) {
        Api.Response listed = api.get("/api/v1/partners/" + partner + "/invoices", OPERATOR);
        assertThat(listed.status()).as(listed.raw()).isEqualTo(200);
        return listed.body().valueStream().map(i -> String.join(" ", i.get("number").asString(), i.get("kind").asString(),
                i.get("period").asString(), i.get("amount").asString(), i.get("issuedOn").asString(),
                i.get("dueOn").asString(), i.get("status").asString())).toList();
    }

    private String account(long partner) {
        JsonNode a = api.get("/api/v1/partners/" + partner + "/account", OPERATOR).body();
        return String.join(" ", a.get("paymentTerms").asString(), "balance", a.get("balance").asString(), "reserved",
                a.get("reserved").asString(), "available", a.get("available").asString(),
                a.path("warning").isMissingNode() || a.get("warning").isNull() ? "null" : a.get("warning").asString());
    }

    private List<String> events(String type, long partner) {
        Api.Response events = api.get("/api/v1/events?type=" + type + "&partnerId=" + partner, OPERATOR);
        assertThat(events.status()).as(events.raw()).isEqualTo(200);
        JsonNode list = events.body().has("events") ? events.body().get("events") : events.body();
        return list.valueStream().map(e -> e.get("subject").asString()).toList();
    }

    private Api.Response payment(String amount, String receivedOn, String taxId, String purpose, String reference) {
        return api.post("/api/v1/payments", OPERATOR, Map.of("amount", amount, "receivedOn", receivedOn,
                "payerTaxId", taxId, "purpose", purpose, "reference", reference));
    }

    /** The daily jobs of today ({@code task} among them). */
    private void run(String task) {
        Api.Response ran = api.post("/api/v1/jobs/daily?date=" + NOW.get().atZone(ZoneOffset.UTC).toLocalDate(),
                OPERATOR, "{}");
        assertThat(ran.status()).as(ran.raw()).isEqualTo(200);
    }

    private void usage(String... rows) {
        assertThat(importStatus(rows)).isEqualTo(201);
    }

    private int importStatus(String... rows) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (String row : rows) {
            String[] c = row.split(",");
            csv.append(String.join(",", c[0], c[1] + "T09:00:00Z", "Usage", c[2], c[3], "RUB")).append('\n');
        }
        Api.Response imported = api.upload("/api/v1/usage/imports?format=focus", OPERATOR,
                csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(imported.status()).as(imported.raw()).isIn(201, 200);
        return imported.status();
    }

    private void close(String period) {
        Api.Response closed = api.post("/api/v1/periods/" + period + "/close", OPERATOR, "{}");
        assertThat(closed.status()).as(closed.raw()).isEqualTo(200);
    }

    private static List<Integer> concurrently(Callable<Integer> one, Callable<Integer> other) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> first = pool.submit(one);
            Future<Integer> second = pool.submit(other);
            return List.of(first.get(), second.get());
        } finally {
            pool.shutdown();
        }
    }

    private static void at(String day) {
        NOW.set(noon(day));
    }

    private static Instant noon(String day) {
        return LocalDate.parse(day).atTime(9, 0).toInstant(ZoneOffset.UTC);
    }
}
