package io.partnerhub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** Partners, customers, tokens and links made through the API, and problem checks, for lifecycle tests. */
public final class ApiFixture {

    public static final String OPERATOR = Api.OPERATOR_TOKEN;

    private final Api api;

    public ApiFixture(Api api) {
        this.api = api;
    }

    /** A partner of {@code programId} contracted on {@code contractDate}. */
    public long partner(String programId, String model, String contractDate) {
        String taxId = Api.unique();
        Map<String, Object> application = new LinkedHashMap<>();
        application.put("programId", programId);
        application.put("model", model);
        application.put("name", "Partner " + taxId);
        application.put("legalForm", "LEGAL_ENTITY");
        application.put("taxId", taxId);
        application.put("registeredOn", "2020-01-15");
        application.put("country", "RU");
        application.put("contractDate", contractDate);
        return created(api.post("/api/v1/partners", OPERATOR, application));
    }

    /** A customer with a fresh account; its name is "Customer &lt;account&gt;", its contact {@link #contactOf}. */
    public long customer() {
        String account = "acc-" + Api.unique();
        return created(api.post("/api/v1/customers", OPERATOR, Map.of("name", "Customer " + account,
                "taxId", Api.unique(), "accountId", account, "contactEmail", account + "@customers.test")));
    }

    /**
     * A customer the partner recorded itself (so it may link it), with a contact the operator set
     * (so the customer, not the partner, receives the confirmation).
     */
    public long customerOf(long partner, String partnerToken) {
        String account = "acc-" + Api.unique();
        long customer = created(api.post("/api/v1/customers", partnerToken,
                Map.of("name", "Customer " + account, "taxId", Api.unique(), "accountId", account)));
        Api.Response contact = api.post("/api/v1/customers/" + customer + "/contact", OPERATOR,
                Map.of("email", account + "@customers.test"));
        assertThat(contact.status()).as(contact.raw()).isEqualTo(200);
        return customer;
    }

    /** The contact of a customer made by {@link #customer()} or {@link #customerOf}. */
    public String contactOf(long customer) {
        return api.get("/api/v1/customers/" + customer, OPERATOR).text("contactEmail");
    }

    public String token(long partner) {
        Api.Response issued = api.post("/api/v1/partners/" + partner + "/tokens", OPERATOR, "{}");
        assertThat(issued.status()).as(issued.raw()).isEqualTo(201);
        return issued.text("token");
    }

    /** Asks for a link with {@code token}; {@code consentObtainedOn} and {@code to} may be null. */
    public Api.Response link(String token, long partner, long customer, String from, String to, String consentObtainedOn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", customer);
        body.put("from", from);
        if (to != null) {
            body.put("to", to);
        }
        if (consentObtainedOn != null) {
            body.put("consentObtainedOn", consentObtainedOn);
        }
        return api.post("/api/v1/partners/" + partner + "/customers", token, body);
    }

    /** An operator's link, with the customer's consent obtained on {@code from}; returns the link id. */
    public long linked(long partner, long customer, String from) {
        return created(link(OPERATOR, partner, customer, from, null, from));
    }

    public List<JsonNode> linksOf(long partner) {
        Api.Response listed = api.get("/api/v1/partners/" + partner + "/customers", OPERATOR);
        assertThat(listed.status()).as(listed.raw()).isEqualTo(200);
        return listed.body().valueStream().toList();
    }

    /**
     * The one-time token of a pending request naming its customer, read where only the customer's
     * mail sender reads it: the operators' outbox, addressed to the customer's contact. Fails if no
     * message was sent for the request.
     */
    public String confirmationToken(Api.Response pending) {
        assertThat(pending.status()).as(pending.raw()).isIn(201, 202);
        return confirmationToken(pending.body().get("customerId").asLong(), pending.body().get("requestId").asLong());
    }

    public String confirmationToken(long customer, long requestId) {
        return messagesTo(contactOf(customer)).stream()
                .filter(m -> m.path("linkRequestId").asLong() == requestId)
                .map(m -> m.get("path").asString()).findFirst()
                .map(path -> path.substring("/api/v1/consents/".length()))
                .orElseThrow(() -> new AssertionError("no message for request " + requestId));
    }

    /** Every message in the outbox to {@code recipient}, oldest first. */
    public List<JsonNode> messagesTo(String recipient) {
        Api.Response messages = api.get("/api/v1/outbound-messages?all=true&recipient="
                + java.net.URLEncoder.encode(recipient, java.nio.charset.StandardCharsets.UTF_8), OPERATOR);
        assertThat(messages.status()).as(messages.raw()).isEqualTo(200);
        return messages.body().valueStream().toList();
    }

    public static long created(Api.Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.id();
    }

    public static List<String> fields(Api.Response problem) {
        return problem.body().path("errors").findValuesAsString("field");
    }

    public static void assertProblem(Api.Response response, int status) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("status").asInt()).isEqualTo(status);
    }
}
