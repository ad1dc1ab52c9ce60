package io.partnerhub.whitelabel;

import io.partnerhub.Api;
import io.partnerhub.SetClock;
import io.partnerhub.ApiFixture;
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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

import static io.partnerhub.ApiFixture.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A VK Cloud Partner (Silver, 10 % base discount) invoicing its customers at its own prices, VAT
 * 22 %, on a database of its own with a clock the test sets:
 *
 * <pre>
 * price list from 2026-03-01: default +15 %, Cloud Servers +20 %, Marketplace +5 %
 * March  A: Cloud Servers 10 000.00 + 333.33 -> 10 333.33 x 1.20 = 12 399.996 -> 12 400.00
 *           Marketplace 500.00 x 1.05 = 525.00; Object Storage 1 000.00 x 1.15 = 1 150.00
 *           subtotal 14 075.00, VAT 22 % 3 096.50, total 17 171.50        (invoice 1)
 *        B: Kubernetes 99.99 x 1.15 = 114.9885 -> 114.99, VAT 25.2978 -> 25.30, total 140.29 (invoice 2)
 * price list from 2026-04-01: default +25 %
 * April  A: Cloud Servers 1 000.00 x 1.25 = 1 250.00, VAT 275.00, total 1 525.00 (invoice 3); B nothing
 * A prepaid, pays 20 000.00 on 04-03: balance 2 828.50 after March, 1 303.50 after April (low:
 * below its last invoice); B postpaid, 10 days: March's invoice of 04-02 is overdue on 05-02.
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "partnerhub.data-dir=target/test-data-customer-invoices",
        "partnerhub.db-clean=true",
        "partnerhub.admin-token=" + Api.OPERATOR_TOKEN,
        "partnerhub.demo=false"})
@Import(CustomerInvoicesScenarioTest.ScenarioClock.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerInvoicesScenarioTest {

    private static final tools.jackson.databind.json.JsonMapper JSON = new tools.jackson.databind.json.JsonMapper();
    private static final AtomicReference<Instant> NOW = new AtomicReference<>(noon("2026-02-10"));
    private static final String HEADER = "SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,ListCost,"
            + "BillingCurrency\n";


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
    private long partner;
    private String token;
    private long a;
    private long b;
    private String accountA;
    private String accountB;

    @BeforeAll
    void partnerAndCustomers() {
        NOW.set(noon("2026-02-10"));
        api = new Api(port);
        ApiFixture fixture = new ApiFixture(api);
        partner = fixture.partner("vk-cloud", "PARTNER", "2026-01-01");
        token = fixture.token(partner);
        a = fixture.customer();
        b = fixture.customer();
        accountA = api.get("/api/v1/customers/" + a, OPERATOR).text("accountId");
        accountB = api.get("/api/v1/customers/" + b, OPERATOR).text("accountId");
        fixture.linked(partner, a, "2026-02-01");
        fixture.linked(partner, b, "2026-02-01");
    }

    private Api.Response priceList(String effectiveFrom, String defaultMarkup, Map<String, String> services) {
        List<Map<String, String>> list = new ArrayList<>();
        services.forEach((service, markup) -> list.add(Map.of("service", service, "markupPercent", markup)));
        return api.send("PUT", "/api/v1/partners/" + partner + "/price-list", token,
                JSON.writeValueAsString(Map.of("effectiveFrom", effectiveFrom, "defaultMarkupPercent", defaultMarkup,
                        "services", list)));
    }

    @Test
    @Order(1)
    void aPriceBelowThePartnersOwnCostIsRefusedNamingTheService() {
        Api.Response belowDiscount = priceList("2026-03-01", "-11", Map.of());
        Api.Response belowList = priceList("2026-03-01", "15", Map.of("Marketplace", "-1"));
        Api.Response midMonth = priceList("2026-03-15", "15", Map.of());

        assertThat(belowDiscount.status()).isEqualTo(422);
        assertThat(belowDiscount.text("detail")).isEqualTo("Cloud Servers: a markup of -11 % prices it below the"
                + " partner's own cost (list less its 10 % discount): at least -10 %");
        assertThat(belowList.status()).isEqualTo(422);
        assertThat(belowList.text("detail")).isEqualTo("Marketplace: a markup of -1 % prices it below the partner's own"
                + " cost (list less its 0 % discount): at least 0 %");
        assertThat(midMonth.status()).isEqualTo(422);
        assertThat(midMonth.text("detail")).isEqualTo("a price list takes effect on a month's first day, not 2026-03-15");
    }

    @Test
    @Order(2)
    void marchIsInvoicedAtTheMarchPrices() {
        Api.Response march = priceList("2026-03-01", "15", Map.of("cloud servers", "20", "Marketplace", "5"));
        Api.Response vat = api.send("PUT", "/api/v1/partners/" + partner + "/customer-invoicing", token,
                "{\"simplifiedTaxSystem\": false, \"vatRate\": \"22\", \"dueDays\": 10}");
        Api.Response prepaid = api.send("PUT", "/api/v1/partners/" + partner + "/customers/" + a + "/payment-model", token,
                "{\"model\": \"PREPAID\"}");
        assertThat(march.status()).as(march.raw()).isEqualTo(200);
        assertThat(march.body().get("services").get(0).get("service").asString()).isEqualTo("Cloud Servers");
        assertThat(vat.status()).as(vat.raw()).isEqualTo(200);
        assertThat(prepaid.status()).as(prepaid.raw()).isEqualTo(200);
        usage(accountA + ",2026-03-05,Cloud Servers,10000.00", accountA + ",2026-03-06,Cloud Servers,333.33",
                accountA + ",2026-03-07,Marketplace,500.00", accountA + ",2026-03-08,Object Storage,1000.00",
                accountB + ",2026-03-09,Kubernetes,99.99");

        NOW.set(noon("2026-04-02"));
        close("2026-03");

        JsonNode invoiceA = invoice(a, "2026-03");
        assertThat(invoiceA.get("number").asInt()).isEqualTo(1);
        assertThat(lines(invoiceA)).containsExactly("Cloud Servers 12400.00", "Marketplace 525.00", "Object Storage 1150.00");
        assertThat(invoiceA.get("subtotal").asString()).isEqualTo("14075.00");
        assertThat(invoiceA.get("vatRate").asString()).isEqualTo("22");
        assertThat(invoiceA.get("vat").asString()).isEqualTo("3096.50");
        assertThat(invoiceA.get("total").asString()).isEqualTo("17171.50");
        assertThat(invoiceA.get("paymentModel").asString()).isEqualTo("PREPAID");
        assertThat(invoiceA.get("dueOn").isNull()).isTrue();
        JsonNode invoiceB = invoice(b, "2026-03");
        assertThat(invoiceB.get("number").asInt()).isEqualTo(2);
        assertThat(lines(invoiceB)).containsExactly("Kubernetes 114.99");
        assertThat(invoiceB.get("vat").asString()).isEqualTo("25.30");
        assertThat(invoiceB.get("total").asString()).isEqualTo("140.29");
        assertThat(invoiceB.get("dueOn").asString()).isEqualTo("2026-04-12");
        Set<String> fields = new TreeSet<>();
        invoiceA.propertyNames().forEach(fields::add);
        invoiceA.get("lines").get(0).propertyNames().forEach(fields::add);
        assertThat(fields).as("a customer's document shows no list price, discount or partner terms")
                .noneMatch(f -> f.toLowerCase().contains("list") || f.toLowerCase().contains("discount")
                        || f.toLowerCase().contains("markup") || f.toLowerCase().contains("cost"));
        String russian = pdfText(a, "2026-03", "");
        assertThat(russian).contains("Счёт № 1 от 02.04.2026", "Cloud Servers", "12\u00a0400,00\u00a0₽", "НДС 22\u00a0%",
                "3\u00a0096,50\u00a0₽", "17\u00a0171,50\u00a0₽", "Оплачивается с баланса")
                .doesNotContain("10\u00a0333,33").doesNotContain("Скидка");
        String english = pdfText(b, "2026-03", "&lang=en");
        assertThat(english).contains("Invoice No. 2 of Apr 2, 2026", "Kubernetes", "114.99\u00a0RUB", "VAT 22%",
                "140.29\u00a0RUB", "Due by Apr 12, 2026");
        // margins: A's cost 11 833.33 list - 10 % of 11 333.33 eligible (1 133.33) = 10 700.00; B 99.99 - 10.00 = 89.99
        List<String> margins = new ArrayList<>();
        api.get("/api/v1/partners/" + partner + "/margins/2026-03", token).body().forEach(m -> margins.add(
                m.get("customerId").asLong() + " " + m.get("revenue").asString() + " " + m.get("cost").asString() + " "
                        + m.get("margin").asString()));
        assertThat(margins).containsExactlyInAnyOrder(a + " 14075.00 10700.00 3375.00", b + " 114.99 89.99 25.00");
        JsonNode statement = api.get("/api/v1/partners/" + partner + "/statements/2026-03", token).body().get("totals");
        assertThat(statement.get("discount").asString()).as("the partner's own statement is as ever: 10 % of 11 333.33"
                + " and 10 % of 99.99").isEqualTo("1143.33");
    }

    @Test
    @Order(3)
    void aprilIsInvoicedAtTheAprilPricesAndNumbersStayGapless() {
        // March under a draft of +30 % everywhere: A 10 333.33 x 1.3 = 13 433.329 -> 13 433.33, 500 x 1.3 = 650.00,
        // 1 000 x 1.3 = 1 300.00: 15 383.33 against 14 075.00; B 99.99 x 1.3 = 129.987 -> 129.99 against 114.99
        Api.Response preview = api.post("/api/v1/partners/" + partner + "/price-list/preview", token,
                Map.of("period", "2026-03", "defaultMarkupPercent", "30"));
        assertThat(preview.status()).as(preview.raw()).isEqualTo(200);
        List<String> rows = new ArrayList<>();
        preview.body().get("customers").forEach(c -> rows.add(c.get("customerId").asLong() + " " + c.get("current").asString()
                + " " + c.get("draft").asString() + " " + c.get("difference").asString()));
        assertThat(rows).containsExactly(a + " 14075.00 15383.33 1308.33", b + " 114.99 129.99 15.00");
        assertThat(preview.body().get("draft").asString()).isEqualTo("15513.32");
        Api.Response closedMonth = priceList("2026-03-01", "30", Map.of());
        assertThat(closedMonth.status()).as("a closed month's prices never change").isEqualTo(422);
        NOW.set(noon("2026-04-03"));
        Api.Response payment = api.post("/api/v1/partners/" + partner + "/customers/" + a + "/payments", token,
                Map.of("amount", "20000.00", "receivedOn", "2026-04-03", "reference", "PP 17"));
        Api.Response again = api.post("/api/v1/partners/" + partner + "/customers/" + a + "/payments", token,
                Map.of("amount", "20000.00", "receivedOn", "2026-04-03", "reference", "PP 17"));
        assertThat(payment.status()).as(payment.raw()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        JsonNode afterMarch = account(a);
        assertThat(afterMarch.get("balance").asString()).isEqualTo("2828.50");
        assertThat(afterMarch.get("invoices").get(0).get("status").asString()).isEqualTo("PAID");
        usage(accountA + ",2026-04-10,Cloud Servers,1000.00");
        Api.Response april = api.send("PUT", "/api/v1/partners/" + partner + "/price-list", token,
                "{\"effectiveFrom\": \"2026-04-01\", \"defaultMarkupPercent\": \"25\"}");
        assertThat(april.status()).as(april.raw()).isEqualTo(200);

        NOW.set(noon("2026-05-02"));
        close("2026-04");

        JsonNode invoice = invoice(a, "2026-04");
        assertThat(invoice.get("number").asInt()).isEqualTo(3);
        assertThat(lines(invoice)).containsExactly("Cloud Servers 1250.00");
        assertThat(invoice.get("vat").asString()).isEqualTo("275.00");
        assertThat(invoice.get("total").asString()).isEqualTo("1525.00");
        assertThat(invoice(a, "2026-03").get("total").asString()).as("March keeps its prices").isEqualTo("17171.50");
        assertThat(api.get("/api/v1/partners/" + partner + "/customers/" + b + "/invoices/2026-04", token).status())
                .isEqualTo(404);
        JsonNode accountA = account(a);
        assertThat(accountA.get("balance").asString()).isEqualTo("1303.50");
        assertThat(accountA.get("lowBalance").asBoolean()).isTrue();
        List<String> warned = new ArrayList<>();
        api.get("/api/v1/events?type=customer&partnerId=" + partner, token).body().get("events")
                .forEach(e -> warned.add(e.get("type").asString() + " " + e.get("data").get("balance").asString()));
        assertThat(warned).as("March's invoice before any payment: -17 171.50; April's: 20 000 - 18 696.50")
                .containsExactly("customer.balance-out -17171.50", "customer.balance-low 1303.50");
        JsonNode accountB = account(b);
        assertThat(accountB.get("balance").asString()).isEqualTo("-140.29");
        assertThat(accountB.get("invoices").get(0).get("status").asString()).isEqualTo("OVERDUE");
    }

    /** The invoice's PDF read back as text. */
    private String pdfText(long customer, String period, String query) {
        try {
            java.net.http.HttpResponse<byte[]> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/v1/partners/"
                            + partner + "/customers/" + customer + "/invoices/" + period + "?format=pdf" + query))
                            .header("Authorization", "Bearer " + token).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
            try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(response.body())) {
                return new org.apache.pdfbox.text.PDFTextStripper().getText(document);
            }
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Two closes at once (May, and June, which closes May first if it gets there first): numbers 4 to 7, no gap. */
    @Test
    @Order(4)
    void concurrentClosesKeepTheNumbersGapless() throws Exception {
        usage(accountA + ",2026-05-10,Cloud Servers,100.00", accountB + ",2026-05-11,Kubernetes,100.00",
                accountA + ",2026-06-10,Cloud Servers,100.00", accountB + ",2026-06-11,Kubernetes,100.00");
        NOW.set(noon("2026-07-02"));

        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Callable<Integer>> closes = List.of(
                    () -> api.post("/api/v1/periods/2026-05/close", OPERATOR, "{}").status(),
                    () -> api.post("/api/v1/periods/2026-06/close", OPERATOR, "{}").status());
            for (java.util.concurrent.Future<Integer> closed : pool.invokeAll(closes)) {
                assertThat(closed.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }

        List<Integer> numbers = new ArrayList<>();
        for (String period : List.of("2026-03", "2026-04", "2026-05", "2026-06")) {
            api.get("/api/v1/partners/" + partner + "/customer-invoices/" + period, token).body()
                    .forEach(invoice -> numbers.add(invoice.get("number").asInt()));
        }
        assertThat(numbers).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(invoice(a, "2026-05").get("number").asInt()).isEqualTo(4);
        assertThat(invoice(b, "2026-06").get("number").asInt()).isEqualTo(7);
    }

    private JsonNode account(long customer) {
        Api.Response account = api.get("/api/v1/partners/" + partner + "/customers/" + customer + "/account", token);
        assertThat(account.status()).as(account.raw()).isEqualTo(200);
        return account.body();
    }

    private JsonNode invoice(long customer, String period) {
        Api.Response invoice = api.get("/api/v1/partners/" + partner + "/customers/" + customer + "/invoices/" + period,
                token);
        assertThat(invoice.status()).as(invoice.raw()).isEqualTo(200);
        return invoice.body();
    }

    private static List<String> lines(JsonNode invoice) {
        List<String> lines = new ArrayList<>();
        invoice.get("lines").forEach(l -> lines.add(l.get("service").asString() + " " + l.get("amount").asString()));
        return lines;
    }

    private void usage(String... rows) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (String row : rows) {
            String[] c = row.split(",");
            csv.append(String.join(",", c[0], c[1] + "T09:00:00Z", "Usage", c[2], c[3], "RUB")).append('\n');
        }
        Api.Response imported = api.upload("/api/v1/usage/imports?format=focus", OPERATOR,
                csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(imported.status()).as(imported.raw()).isEqualTo(201);
    }

    private void close(String period) {
        Api.Response closed = api.post("/api/v1/periods/" + period + "/close", OPERATOR, "{}");
        assertThat(closed.status()).as(closed.raw()).isEqualTo(200);
    }

    private static Instant noon(String day) {
        return LocalDate.parse(day).atTime(9, 0).toInstant(ZoneOffset.UTC);
    }
}
