package io.partnerhub.settlement;

import io.partnerhub.Api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Partners, customers, deals, credentials, presales, project registrations and FOCUS usage made
 * through the API, for close tests.
 */
final class CloseFixture {

    static final String OPERATOR = Api.OPERATOR_TOKEN;
    private static final String FOCUS_HEADER =
            "SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,ListCost,BillingCurrency,x_FundingSource\n";
    private static final String FOCUS_PROJECT_HEADER = "SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,"
            + "ListCost,BillingCurrency,x_FundingSource,x_ProjectId\n";

    private final Api api;

    CloseFixture(Api api) {
        this.api = api;
    }

    /** A statement's totals: listCost, eligibleCost, discount, reward, rebate, bonus and payable. */
    static java.util.List<String> totals(Api.Response statement) {
        var t = statement.body().get("totals");
        return java.util.stream.Stream.of("listCost", "eligibleCost", "discount", "reward", "rebate", "bonus", "payable")
                .map(name -> t.get(name).asString()).toList();
    }

    long partner(String program, String model, String contractDate, String accountId) {
        Map<String, Object> body = new HashMap<>(Map.of("programId", program, "model", model,
                "name", "Close " + Api.unique(), "legalForm", "LEGAL_ENTITY", "taxId", Api.unique(),
                "registeredOn", "2015-01-01", "country", "RU", "contractDate", contractDate));
        if (accountId != null) {
            body.put("accountId", accountId);
        }
        return created(api.post("/api/v1/partners", OPERATOR, body));
    }

    /**
     * A customer with account {@code accountId}, linked to the partner from {@code from} (the
     * customer's consent, where the program requires it, obtained that day); returns the customer id.
     */
    long customer(long partner, String accountId, String from) {
        String taxId = "tax-" + accountId;
        long customer = created(api.post("/api/v1/customers", OPERATOR,
                Map.of("name", "Customer " + accountId, "taxId", taxId, "accountId", accountId)));
        created(api.post("/api/v1/partners/" + partner + "/customers", OPERATOR,
                Map.of("customerId", customer, "from", from, "consentObtainedOn", from)));
        return customer;
    }

    long approvedDeal(long partner, String accountId, String registeredOn, String extraPercent) {
        long deal = created(api.post("/api/v1/deals", OPERATOR, Map.of("partnerId", partner, "customerTaxId", "tax-" + accountId,
                "customerName", "Customer " + accountId, "title", "Deal for " + accountId, "registeredOn", registeredOn)));
        Api.Response approved = api.post("/api/v1/deals/" + deal + "/approve", OPERATOR,
                Map.of("extraDiscountPercent", extraPercent));
        assertThat(approved.status()).as(approved.raw()).isEqualTo(200);
        return deal;
    }

    /** Imports FOCUS rows given as "account,start,category,service,amount,funding" lines. */
    Api.Response usage(String... rows) {
        StringBuilder csv = new StringBuilder(FOCUS_HEADER);
        for (String row : rows) {
            String[] f = row.split(",");
            csv.append(String.join(",", f[0], f[1], f[2], f[3], f[4], "RUB", f[5])).append('\n');
        }
        return api.upload("/api/v1/usage/imports?format=focus", OPERATOR, csv.toString().getBytes(StandardCharsets.UTF_8),
                "text/csv");
    }

    /** Like {@link #usage}, every row billed in the month starting {@code billingPeriodStart} (FOCUS BillingPeriodStart). */
    Api.Response usageBilledIn(String billingPeriodStart, String... rows) {
        StringBuilder csv = new StringBuilder(FOCUS_HEADER.replace("\n", ",BillingPeriodStart\n"));
        for (String row : rows) {
            String[] f = row.split(",");
            csv.append(String.join(",", f[0], f[1], f[2], f[3], f[4], "RUB", f[5], billingPeriodStart)).append('\n');
        }
        return api.upload("/api/v1/usage/imports?format=focus", OPERATOR, csv.toString().getBytes(StandardCharsets.UTF_8),
                "text/csv");
    }

    /**
     * Imports one file of Usage rows given as "account,day,service,amount[,funding[,project]]"
     * (funding MONEY and no project by default; the day's charge starts at noon Moscow time) and
     * expects it accepted whole.
     */
    void usageOfDays(String... rows) {
        StringBuilder csv = new StringBuilder(FOCUS_PROJECT_HEADER);
        for (String row : rows) {
            String[] f = row.split(",");
            csv.append(String.join(",", f[0], f[1] + "T09:00:00Z", "Usage", f[2], f[3], "RUB",
                    f.length > 4 ? f[4] : "MONEY", f.length > 5 ? f[5] : "")).append('\n');
        }
        Api.Response imported = api.upload("/api/v1/usage/imports?format=focus", OPERATOR,
                csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(imported.status()).as(imported.raw()).isEqualTo(201);
        assertThat(imported.body().get("rowsAccepted").asInt()).as(imported.raw()).isEqualTo(rows.length);
    }

    /** A direct customer of the provider: linked to no partner. */
    long directCustomer(String accountId) {
        return created(api.post("/api/v1/customers", OPERATOR,
                Map.of("name", "Customer " + accountId, "taxId", "tax-" + accountId, "accountId", accountId)));
    }

    void examPass(long partner, String passedOn) {
        created(api.post("/api/v1/partners/" + partner + "/exam-passes", OPERATOR, Map.of("passedOn", passedOn)));
    }

    /** A certification in VK Cloud Architect, a status course of VK Cloud, that does not expire. */
    void certification(long partner, String employee, String certifiedOn) {
        certification(partner, employee, "VK Cloud Architect", certifiedOn, null);
    }

    /** A certification in {@code course}; {@code expiresOn} (the first day it no longer holds) may be null. */
    void certification(long partner, String employee, String course, String certifiedOn, String expiresOn) {
        Map<String, Object> body = new HashMap<>(Map.of("employee", employee, "course", course, "certifiedOn", certifiedOn));
        if (expiresOn != null) {
            body.put("expiresOn", expiresOn);
        }
        created(api.post("/api/v1/partners/" + partner + "/certifications", OPERATOR, body));
    }

    void specialization(long partner, String specialization, String from) {
        created(api.post("/api/v1/partners/" + partner + "/specializations", OPERATOR,
                Map.of("specialization", specialization, "from", from)));
    }

    /** A presale requested on {@code requestedOn}, answered that day and completed on {@code completedOn}. */
    void completedPresale(long partner, String title, boolean technical, String requestedOn, String completedOn) {
        long presale = created(api.post("/api/v1/presales", OPERATOR, Map.of("partnerId", partner, "title", title,
                "technical", technical, "requestedOn", requestedOn)));
        Api.Response answered = api.post("/api/v1/presales/" + presale + "/answer", OPERATOR,
                Map.of("answer", "An architect joins the call", "answeredOn", requestedOn));
        assertThat(answered.status()).as(answered.raw()).isEqualTo(200);
        Api.Response completed = api.post("/api/v1/presales/" + presale + "/complete", OPERATOR,
                Map.of("completedOn", completedOn));
        assertThat(completed.status()).as(completed.raw()).isEqualTo(200);
    }

    void project(long partner, long customer, String projectId, String registeredOn, String ratePercent) {
        created(api.post("/api/v1/projects", OPERATOR, Map.of("partnerId", partner, "customerId", customer,
                "projectId", projectId, "registeredOn", registeredOn, "ratePercent", ratePercent)));
    }

    /** Closes {@code period} and expects exactly the months {@code closedNow} to have been closed by it. */
    void close(String period, String... closedNow) {
        Api.Response closed = api.post("/api/v1/periods/" + period + "/close", OPERATOR, "{}");
        assertThat(closed.status()).as(closed.raw()).isEqualTo(200);
        List<String> months = new ArrayList<>();
        closed.body().get("closedNow").forEach(month -> months.add(month.asString()));
        assertThat(months).as(closed.raw()).containsExactly(closedNow);
    }

    String token(long partner) {
        return api.post("/api/v1/partners/" + partner + "/tokens", OPERATOR, "{}").text("token");
    }

    private static long created(Api.Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.id();
    }
}
