package io.partnerhub.billing;

import io.partnerhub.Api;
import io.partnerhub.ApiFixture;
import io.partnerhub.PlatformTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.partnerhub.ApiFixture.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Partner billing's refusals and reach on the shared platform (today's clock; no month is closed
 * here): bad payments, another partner's invoice, a UTF-8 statement naming an invoice without its
 * prefix, a queued payment assigned to no partner.
 */
@PlatformTest
class BillingApiTest {

    private static final String HEADER = "SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,ListCost,"
            + "BillingCurrency\n";
    private static final String YC_ACCOUNT = "40702810900000000003";

    @LocalServerPort
    int port;

    private Api api;
    private ApiFixture fixture;

    @BeforeEach
    void connect() {
        api = new Api(port);
        fixture = new ApiFixture(api);
    }

    @Test
    void aPaymentWithBadValuesIsRefusedNamingEachField() {
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("amount", "-5.00");
        bad.put("receivedOn", "2026-12-01");
        bad.put("payerTaxId", "12345");
        bad.put("reference", "");

        Api.Response refused = api.post("/api/v1/payments", OPERATOR, bad);
        Api.Response threeDecimals = api.post("/api/v1/payments", OPERATOR, Map.of("amount", "10.005",
                "receivedOn", "2026-12-01", "reference", "r-" + Api.unique()));

        ApiFixture.assertProblem(refused, 422);
        assertThat(refused.text("detail")).contains("amount must be positive",
                "payerTaxId must be a tax id of 10 or 12 digits", "reference must not be blank");
        assertThat(ApiFixture.fields(refused)).containsExactlyInAnyOrder("amount", "payerTaxId", "reference");
        ApiFixture.assertProblem(threeDecimals, 422);
        assertThat(ApiFixture.fields(threeDecimals)).containsExactly("amount");
    }

    @Test
    void termsOutOfRangeAreRefused() {
        long partner = fixture.partner("vk-cloud", "PARTNER", today().withDayOfMonth(1).toString());

        Api.Response days = api.send("PUT", "/api/v1/partners/" + partner + "/billing", OPERATOR,
                "{\"paymentTerms\": \"POSTPAYMENT\", \"dueDays\": 400}");
        Api.Response terms = api.send("PUT", "/api/v1/partners/" + partner + "/billing", OPERATOR,
                "{\"paymentTerms\": \"LATER\"}");
        Api.Response zero = api.send("PUT", "/api/v1/partners/" + partner + "/billing", OPERATOR,
                "{\"paymentTerms\": \"POSTPAYMENT\", \"billingThreshold\": \"0.00\"}");

        assertThat(ApiFixture.fields(days)).containsExactly("dueDays");
        assertThat(ApiFixture.fields(terms)).containsExactly("paymentTerms");
        assertThat(ApiFixture.fields(zero)).containsExactly("billingThreshold");
    }

    @Test
    void aThresholdInvoiceIsThePartnersOwnAndAStatementPaysItByTheBareNumber() {
        YearMonth month = YearMonth.from(today());
        long partner = fixture.partner("yandex-cloud", "RESELLER", month.atDay(1).toString());
        String taxId = api.get("/api/v1/partners/" + partner, OPERATOR).text("taxId");
        String token = fixture.token(partner);
        long other = fixture.partner("yandex-cloud", "RESELLER", month.atDay(1).toString());
        String otherToken = fixture.token(other);
        long customer = fixture.customer();
        String account = api.get("/api/v1/customers/" + customer, OPERATOR).text("accountId");
        fixture.linked(partner, customer, month.atDay(1).toString());
        api.send("PUT", "/api/v1/partners/" + partner + "/billing", OPERATOR,
                "{\"paymentTerms\": \"POSTPAYMENT\", \"billingThreshold\": \"100.00\", \"dueDays\": 5}");

        Api.Response imported = api.upload("/api/v1/usage/imports?format=focus", OPERATOR, (HEADER + account + ","
                + month.atDay(1) + "T09:00:00Z,Usage,Compute Cloud,1000.00,RUB\n").getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(imported.status()).as(imported.raw()).isEqualTo(201);

        JsonNode invoice = api.get("/api/v1/partners/" + partner + "/invoices", token).body().get(0);
        String number = invoice.get("number").asString();
        assertThat(invoice.get("kind").asString()).isEqualTo("THRESHOLD");
        assertThat(invoice.get("amount").asString()).as("1 000.00 less the 10 % bonus").isEqualTo("900.00");
        assertThat(invoice.get("vat").asString()).as("900 x 22 / 122 = 162.295").isEqualTo("162.30");
        assertThat(invoice.get("dueOn").asString()).isEqualTo(today().plusDays(5).toString());
        ApiFixture.assertProblem(api.get("/api/v1/partners/" + partner + "/invoices/" + number, otherToken), 404);
        ApiFixture.assertProblem(api.get("/api/v1/partners/" + other + "/invoices/" + number, OPERATOR), 404);
        ApiFixture.assertProblem(api.get("/api/v1/partners/" + partner + "/acts/" + month, token), 404);
        ApiFixture.assertProblem(api.get("/api/v1/partners/" + partner + "/account", otherToken), 404);

        String seq = String.valueOf(Integer.parseInt(number.substring(number.indexOf('-') + 1)));
        String purpose = "Оплата по счёту № " + seq + " от " + today() + " за услуги облака";
        String document = String.join("\n", "СекцияДокумент=Платежное поручение", "Номер=" + Api.unique(),
                "Дата=" + ru(today()), "Сумма=900.00", "ПлательщикСчет=40702810400000000777", "ПлательщикИНН=" + taxId,
                "Плательщик1=ООО \"Плательщик\"", "ПолучательСчет=" + YC_ACCOUNT, "ДатаПоступило=" + ru(today()),
                "НазначениеПлатежа=" + purpose, "КонецДокумента");
        byte[] file = ("\uFEFF" + String.join("\n", "1CClientBankExchange", "ВерсияФормата=1.03", "Кодировка=UTF-8",
                "РасчСчет=" + YC_ACCOUNT, document, "КонецФайла", "")).getBytes(StandardCharsets.UTF_8);

        Api.Response statement = api.upload("/api/v1/payments/imports", OPERATOR, file, "text/plain");

        assertThat(statement.status()).as(statement.raw()).isEqualTo(201);
        JsonNode payment = statement.body().get("payments").get(0);
        assertThat(payment.get("partnerId").asLong()).isEqualTo(partner);
        assertThat(payment.get("invoiceNumber").asString()).isEqualTo(number);
        assertThat(api.get("/api/v1/partners/" + partner + "/invoices/" + number, token).text("status")).isEqualTo("PAID");
        assertThat(api.get("/api/v1/partners/" + partner + "/payments", otherToken).status()).isEqualTo(404);
    }

    @Test
    void aStatementOfAnAccountThatIsNoProvidersIsRefusedAndNotRemembered() {
        byte[] file = String.join("\n", "1CClientBankExchange", "ВерсияФормата=1.03", "РасчСчет=40702810000000009999",
                "СекцияДокумент=Платежное поручение", "Номер=1", "Дата=01.12.2026", "Сумма=10.00",
                "ПолучательСчет=40702810000000009999", "КонецДокумента", "КонецФайла", "").getBytes(StandardCharsets.UTF_8);

        Api.Response refused = api.upload("/api/v1/payments/imports?fileName=other.txt", OPERATOR, file, "text/plain");
        Api.Response again = api.upload("/api/v1/payments/imports?fileName=other.txt", OPERATOR, file, "text/plain");

        ApiFixture.assertProblem(refused, 422);
        assertThat(refused.text("detail")).isEqualTo("The bank statement other.txt is of account 40702810000000009999,"
                + " which is no provider's account: no payment in it is the providers'.");
        ApiFixture.assertProblem(again, 422);
    }

    @Test
    void aQueuedPaymentIsAssignedOnlyToAPartnerThatExists() {
        Api.Response queued = api.post("/api/v1/payments", OPERATOR, Map.of("amount", "10.00", "receivedOn",
                today().toString(), "payerTaxId", "7799" + Api.unique().substring(4), "reference", "q-" + Api.unique()));
        assertThat(queued.status()).as(queued.raw()).isEqualTo(201);
        assertThat(queued.body().get("partnerId").isNull()).isTrue();

        Api.Response nobody = api.post("/api/v1/payments/" + queued.id() + "/match", OPERATOR, Map.of("partnerId", 987654321));
        Api.Response missing = api.post("/api/v1/payments/987654321/match", OPERATOR, Map.of("partnerId", 1));

        ApiFixture.assertProblem(nobody, 404);
        ApiFixture.assertProblem(missing, 404);
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneId.of("Europe/Moscow"));
    }

    private static String ru(LocalDate day) {
        return String.format("%02d.%02d.%d", day.getDayOfMonth(), day.getMonthValue(), day.getYear());
    }
}
