package io.partnerhub.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

import io.partnerhub.Api;

/**
 * A fourth program file, Example Cloud (src/test/resources/programs-example-cloud), settles end to
 * end with no Java of its own: partners join it, customers are linked, a deal is approved, a
 * presale completed, a FOCUS export imported, March 2026 closed, and each statement is the
 * hand-computed one to the kopeck. Today is 2026-04-10 in Moscow.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "partnerhub.data-dir=target/test-data-example-cloud",
        "partnerhub.db-clean=true",
        "partnerhub.admin-token=" + Api.OPERATOR_TOKEN,
        "partnerhub.demo=false",
        "partnerhub.programs-dir=src/test/resources/programs-example-cloud"})
@Import(ExampleCloudProgramTest.FixedDay.class)
// No other class shares this platform: close it (and its PostgreSQL) when the class is done, not at the JVM's exit.
@DirtiesContext
class ExampleCloudProgramTest {

    private static final String OPERATOR = Api.OPERATOR_TOKEN;

    @TestConfiguration
    static class FixedDay {
        @Bean
        @Primary
        Clock fixedDay() {
            return Clock.fixed(Instant.parse("2026-04-10T09:00:00Z"), ZoneOffset.UTC);
        }
    }

    @LocalServerPort
    int port;

    private Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @Test
    void theFourthProgramIsListedNextToTheShippedOnes() {
        Api.Response programs = api.get("/api/v1/programs", OPERATOR);

        assertThat(programs.status()).as(programs.raw()).isEqualTo(200);
        assertThat(programs.raw()).contains("example-cloud", "vk-cloud", "oblakoteka", "yandex-cloud");
    }

    @Test
    void aResellerAndAnAgentOfExampleCloudSettleMarchToTheKopeck() {
        long reseller = partner("RESELLER", "ex-own");
        long agent = partner("AGENT", null);
        customer(reseller, "ex-a");
        customer(reseller, "ex-b");
        customer(agent, "ex-c");
        approvedDeal(reseller, "ex-a", "2026-03-02", "5");
        completedTechnicalPresale(agent, "2026-03-16", "2026-03-20");

        Api.Response imported = usage(
                "ex-a,2026-03-05,Usage,Compute,40000.00,MONEY",
                "ex-a,2026-03-06,Usage,Storage,10000.00,MONEY",
                "ex-a,2026-03-07,Usage,Marketplace,2000.00,MONEY",
                "ex-a,2026-03-08,Usage,Compute,1000.00,GRANT",
                "ex-b,2026-03-05,Usage,Compute,20000.30,MONEY",
                "ex-b,2026-03-06,Usage,Backup,4000.00,MONEY",
                "ex-b,2026-03-09,Credit,Compute,-1000.00,MONEY",
                "ex-own,2026-03-10,Usage,Compute,500.00,MONEY",
                "ex-c,2026-03-05,Usage,Compute,30000.00,MONEY",
                "ex-c,2026-03-06,Usage,Backup,10000.00,MONEY",
                "ex-c,2026-03-07,Usage,Marketplace,5000.00,MONEY",
                "ex-c,2026-03-08,Usage,Storage,2500.00,BONUS");
        assertThat(imported.status()).as(imported.raw()).isEqualTo(201);
        Api.Response closed = api.post("/api/v1/periods/2026-03/close", OPERATOR, "{}");
        assertThat(closed.status()).as(closed.raw()).isEqualTo(200);

        // Reseller, 15 % on main services (+5 % for customer A's approved deal; cap 20 % holds), Backup at its own 5 %:
        //   A: list 40 000.00 + 10 000.00 + 2 000.00 + 1 000.00 = 53 000.00; Marketplace 2 000.00 and the
        //      grant-funded 1 000.00 excluded: -3 000.00; eligible main 50 000.00 x 20 % = 10 000.00;
        //      the grant paid 1 000.00.
        //   B: list 20 000.30 + 4 000.00 = 24 000.30 (the credit is no consumption);
        //      main 20 000.30 x 15 % = 3 000.045, rounded half-up on its line to 3 000.05;
        //      Backup 4 000.00 x 5 % = 200.00; the credit paid 1 000.00.
        //   own account ex-own: 500.00 at list, never eligible.
        //   list 53 000.00 + 24 000.30 + 500.00 = 77 500.30; eligible 50 000.00 + 24 000.30 = 74 000.30;
        //   discount 10 000.00 + 3 000.05 + 200.00 = 13 200.05;
        //   payable 77 500.30 - 13 200.05 - 1 000.00 (grant) - 1 000.00 (credit) = 62 300.25.
        JsonNode resellerMarch = statement(reseller, "2026-03");
        assertThat(totals(resellerMarch)).containsExactly("listCost 77500.30", "eligibleCost 74000.30",
                "discount 13200.05", "reward 0.00", "rebate 0.00", "bonus 0.00", "payable 62300.25");
        assertThat(lines(resellerMarch)).containsExactlyInAnyOrder(
                "LIST_COST 53000.00", "EXCLUSION -3000.00", "DISCOUNT 50000.00 x 20 % = 10000.00", "PROVIDER_PAID 1000.00",
                "LIST_COST 24000.30", "DISCOUNT 20000.30 x 15 % = 3000.05", "DISCOUNT 4000.00 x 5 % = 200.00",
                "PROVIDER_PAID 1000.00",
                "LIST_COST 500.00", "EXCLUSION -500.00");

        // Agent, 8 % of all eligible consumption (no deal part: a reward model) and 5 000.00 per technical presale:
        //   C: list 30 000.00 + 10 000.00 + 5 000.00 + 2 500.00 = 47 500.00; Marketplace 5 000.00 and the
        //      bonus-funded 2 500.00 excluded: -7 500.00; eligible 40 000.00 x 8 % = 3 200.00 (Backup too:
        //      the agent's rate covers every eligible service); bonus paid 2 500.00.
        //   presale completed 2026-03-20: 5 000.00. reward 3 200.00 + 5 000.00 = 8 200.00.
        //   The provider invoices an agent's customers: the agent pays nothing (payable 0.00).
        JsonNode agentMarch = statement(agent, "2026-03");
        assertThat(totals(agentMarch)).containsExactly("listCost 47500.00", "eligibleCost 40000.00",
                "discount 0.00", "reward 8200.00", "rebate 0.00", "bonus 0.00", "payable 0.00");
        assertThat(lines(agentMarch)).containsExactlyInAnyOrder("LIST_COST 47500.00", "EXCLUSION -7500.00",
                "REWARD 40000.00 x 8 % = 3200.00", "PROVIDER_PAID 2500.00", "REWARD 5000.00");

        Api.Response again = api.post("/api/v1/periods/2026-03/close", OPERATOR, "{}");
        assertThat(again.status()).as(again.raw()).isEqualTo(200);
        assertThat(again.body().get("closedNow")).as("closing again changes nothing").isEmpty();
        assertThat(statement(reseller, "2026-03")).isEqualTo(resellerMarch);
    }

    private long partner(String model, String accountId) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("programId", "example-cloud", "model", model,
                "name", "Example " + model + " " + Api.unique(), "legalForm", "LEGAL_ENTITY", "taxId", Api.unique(),
                "registeredOn", "2015-01-01", "country", "RU", "contractDate", "2026-03-01"));
        if (accountId != null) {
            body.put("accountId", accountId);
        }
        return created(api.post("/api/v1/partners", OPERATOR, body));
    }

    private void customer(long partner, String accountId) {
        long customer = created(api.post("/api/v1/customers", OPERATOR,
                Map.of("name", "Customer " + accountId, "taxId", "tax-" + accountId, "accountId", accountId)));
        created(api.post("/api/v1/partners/" + partner + "/customers", OPERATOR,
                Map.of("customerId", customer, "from", "2026-03-01")));
    }

    private void approvedDeal(long partner, String accountId, String registeredOn, String extraPercent) {
        long deal = created(api.post("/api/v1/deals", OPERATOR, Map.of("partnerId", partner, "customerTaxId",
                "tax-" + accountId, "customerName", "Customer " + accountId, "title", "Deal for " + accountId,
                "registeredOn", registeredOn)));
        Api.Response approved = api.post("/api/v1/deals/" + deal + "/approve", OPERATOR,
                Map.of("extraDiscountPercent", extraPercent));
        assertThat(approved.status()).as(approved.raw()).isEqualTo(200);
    }

    private void completedTechnicalPresale(long partner, String requestedOn, String completedOn) {
        long presale = created(api.post("/api/v1/presales", OPERATOR, Map.of("partnerId", partner,
                "title", "Migration design", "technical", true, "requestedOn", requestedOn)));
        Api.Response answered = api.post("/api/v1/presales/" + presale + "/answer", OPERATOR,
                Map.of("answer", "An architect joins the call", "answeredOn", requestedOn));
        assertThat(answered.status()).as(answered.raw()).isEqualTo(200);
        Api.Response completed = api.post("/api/v1/presales/" + presale + "/complete", OPERATOR,
                Map.of("completedOn", completedOn));
        assertThat(completed.status()).as(completed.raw()).isEqualTo(200);
    }

    /** A FOCUS export of "account,day,category,service,amount,funding" rows, each charged at noon Moscow time. */
    private Api.Response usage(String... rows) {
        StringBuilder csv = new StringBuilder(
                "SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,ListCost,BillingCurrency,x_FundingSource\n");
        for (String row : rows) {
            String[] f = row.split(",");
            csv.append(String.join(",", f[0], f[1] + "T09:00:00Z", f[2], f[3], f[4], "RUB", f[5])).append('\n');
        }
        return api.upload("/api/v1/usage/imports?format=focus", OPERATOR, csv.toString().getBytes(StandardCharsets.UTF_8),
                "text/csv");
    }

    private JsonNode statement(long partner, String period) {
        Api.Response statement = api.get("/api/v1/partners/" + partner + "/statements/" + period, OPERATOR);
        assertThat(statement.status()).as(statement.raw()).isEqualTo(200);
        return statement.body();
    }

    private static List<String> totals(JsonNode statement) {
        List<String> totals = new ArrayList<>();
        for (String name : List.of("listCost", "eligibleCost", "discount", "reward", "rebate", "bonus", "payable")) {
            totals.add(name + " " + statement.get("totals").get(name).asString());
        }
        return totals;
    }

    /** Each line as "DISCOUNT 50000.00 x 20 % = 10000.00" when a rate applies, else "LIST_COST 53000.00". */
    private static List<String> lines(JsonNode statement) {
        List<String> lines = new ArrayList<>();
        statement.get("lines").forEach(line -> {
            JsonNode rate = line.get("rate");
            lines.add(line.get("kind").asString() + " " + (rate == null || rate.isNull() ? line.get("amount").asString()
                    : line.get("base").asString() + " x " + rate.asString() + " % = " + line.get("amount").asString()));
        });
        return lines;
    }

    private static long created(Api.Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.id();
    }
}
