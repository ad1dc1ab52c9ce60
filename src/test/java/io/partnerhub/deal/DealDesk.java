package io.partnerhub.deal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.partnerhub.Api;

/** Partners, customers, links, usage and deals made through the API, for the deal desk's tests. */
final class DealDesk {

    static final String OPERATOR = Api.OPERATOR_TOKEN;
    private static final String FOCUS_HEADER =
            "SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,ListCost,BillingCurrency,x_FundingSource\n";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Api api;
    private final String base;

    DealDesk(Api api, int port) {
        this.api = api;
        this.base = "http://localhost:" + port;
    }

    /** A partner named "{name} {tax id}"; returns its id. */
    long partner(String programId, String model, String name, String contractDate) {
        String taxId = Api.unique();
        Map<String, Object> application = new LinkedHashMap<>();
        application.put("programId", programId);
        application.put("model", model);
        application.put("name", name + " " + taxId);
        application.put("legalForm", "LEGAL_ENTITY");
        application.put("taxId", taxId);
        application.put("registeredOn", "2020-01-15");
        application.put("country", "RU");
        application.put("contractDate", contractDate);
        return created(api.post("/api/v1/partners", OPERATOR, application));
    }

    String name(long partnerId) {
        return api.get("/api/v1/partners/" + partnerId, OPERATOR).text("name");
    }

    /** A customer with its tax id and account; returns its id. */
    long customer(String taxId, String accountId) {
        return created(api.post("/api/v1/customers", OPERATOR,
                Map.of("name", "Customer " + accountId, "taxId", taxId, "accountId", accountId)));
    }

    /**
     * Links the customer to the partner from {@code from}, the operator stating the customer's
     * consent was obtained that day (Yandex Cloud requires it); returns the link id.
     */
    long link(long partnerId, long customerId, LocalDate from) {
        return created(api.post("/api/v1/partners/" + partnerId + "/customers", OPERATOR,
                Map.of("customerId", customerId, "from", from.toString(), "consentObtainedOn", from.toString())));
    }

    void endLink(long partnerId, long linkId, LocalDate to) {
        Api.Response ended = api.post("/api/v1/partners/" + partnerId + "/customers/links/" + linkId + "/end", OPERATOR,
                Map.of("to", to.toString()));
        assertThat(ended.status()).as(ended.raw()).isEqualTo(200);
    }

    /** Imports Usage rows "account,day,service,amount" (charged at noon Moscow time), expecting them all accepted. */
    void usage(String... rows) {
        StringBuilder csv = new StringBuilder(FOCUS_HEADER);
        for (String row : rows) {
            String[] f = row.split(",");
            csv.append(String.join(",", f[0], f[1] + "T09:00:00Z", "Usage", f[2], f[3], "RUB", "MONEY")).append('\n');
        }
        Api.Response imported = api.upload("/api/v1/usage/imports?format=focus", OPERATOR,
                csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(imported.status()).as(imported.raw()).isEqualTo(201);
        assertThat(imported.body().get("rowsAccepted").asInt()).as(imported.raw()).isEqualTo(rows.length);
    }

    /** A registration; {@code extra} adds or replaces fields, given as name, value, name, value, ... */
    Api.Response register(long partnerId, String taxId, String token, Object... extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("partnerId", partnerId);
        body.put("customerTaxId", taxId);
        body.put("customerName", "Customer " + taxId);
        body.put("title", "Migration to the cloud");
        for (int i = 0; i < extra.length; i += 2) {
            body.put((String) extra[i], extra[i + 1]);
        }
        Api.Response response = api.post("/api/v1/deals", token, body);
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response;
    }

    Api.Response approve(long dealId, String percent) {
        Api.Response approved = api.post("/api/v1/deals/" + dealId + "/approve", OPERATOR,
                Map.of("extraDiscountPercent", percent));
        assertThat(approved.status()).as(approved.raw()).isEqualTo(200);
        return approved;
    }

    Api.Response deal(long dealId) {
        return api.get("/api/v1/deals/" + dealId, OPERATOR);
    }

    String token(long partnerId) {
        Api.Response issued = api.post("/api/v1/partners/" + partnerId + "/tokens", OPERATOR, "{}");
        assertThat(issued.status()).as(issued.raw()).isEqualTo(201);
        return issued.text("token");
    }

    /** The partner's events of a type, oldest first. */
    List<JsonNode> events(long partnerId, String type) {
        Api.Response page = api.get("/api/v1/events?partnerId=" + partnerId + "&type=" + type + "&limit=1000", OPERATOR);
        assertThat(page.status()).as(page.raw()).isEqualTo(200);
        return page.body().get("events").valueStream().toList();
    }

    List<JsonNode> activities(long dealId, String token) {
        Api.Response log = api.get("/api/v1/deals/" + dealId + "/activities", token);
        assertThat(log.status()).as(log.raw()).isEqualTo(200);
        return log.body().valueStream().toList();
    }

    /** A PATCH with a JSON body (the shared client sends GET and POST only). */
    Api.Response patch(String path, String token, Object body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Api.Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body()), response.body(),
                    response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void assertProblem(Api.Response response, int status) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    static long created(Api.Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.id();
    }
}
