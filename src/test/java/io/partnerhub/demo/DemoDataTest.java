package io.partnerhub.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import io.partnerhub.Api;

/**
 * The demo data set, loaded as on a first start, tells a consistent story: no deal is decided after
 * the day its program's approval deadline falls on (docs/deals.md, "Approval deadlines"), and the token
 * file names each demo partner's model as it is after the demo's closes, which move some Oblakoteka
 * partners to another model.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "partnerhub.data-dir=" + DemoDataTest.DATA_DIR,
        "partnerhub.db-clean=true",
        "partnerhub.admin-token=" + Api.OPERATOR_TOKEN,
        "partnerhub.demo=true"})
class DemoDataTest {

    static final String DATA_DIR = "target/test-data-demo";
    private static final String OPERATOR = Api.OPERATOR_TOKEN;
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    @LocalServerPort
    int port;

    private Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @Test
    void noDemoDealIsDecidedAfterItsApprovalDeadline() {
        Api.Response listed = api.get("/api/v1/deals?limit=1000", OPERATOR);
        assertThat(listed.status()).as(listed.raw()).isEqualTo(200);
        List<JsonNode> decided = listed.body().valueStream().filter(d -> d.hasNonNull("decidedAt")).toList();

        assertThat(decided).as("the demo approves a deal per partner").hasSizeGreaterThanOrEqualTo(9);
        for (JsonNode deal : decided) {
            LocalDate decidedOn = LocalDate.ofInstant(Instant.parse(deal.get("decidedAt").asString()), MOSCOW);
            assertThat(deal.hasNonNull("approvalDeadline")).as(deal.toString()).isTrue();
            assertThat(decidedOn).as(deal.toString())
                    .isAfterOrEqualTo(LocalDate.parse(deal.get("registeredOn").asString()))
                    .isBeforeOrEqualTo(LocalDate.parse(deal.get("approvalDeadline").asString()));
        }
    }

    /** Every demo Oblakoteka partner has 8 000.00 of codes this quarter; a co-marketing request waits for the operator. */
    @Test
    void theDemosOblakotekaPartnersHaveIncentivesToShow() {
        List<JsonNode> oblakoteka = api.get("/api/v1/partners?programId=oblakoteka", OPERATOR).body().valueStream().toList();
        assertThat(oblakoteka).hasSize(4);
        for (JsonNode partner : oblakoteka) {
            JsonNode quota = api.get("/api/v1/partners/" + partner.get("id").asLong() + "/incentives", OPERATOR).body()
                    .get("bonusCodes");
            assertThat(quota.get("codesIssued").asInt()).isEqualTo(2);
            assertThat(quota.get("amountLeft").asString()).isEqualTo("22000.00");
        }
        assertThat(api.get("/api/v1/co-marketing-events?status=PENDING", OPERATOR).body().size()).isPositive();
    }

    /**
     * The closes billed each partner that buys from the provider: a monthly invoice per closed month
     * with a payable, all but the last two paid; agents and referral partners owe nothing.
     */
    @Test
    void theDemosBuyingPartnersHaveInvoicesAndPayments() {
        for (JsonNode partner : api.get("/api/v1/partners", OPERATOR).body().valueStream().toList()) {
            long id = partner.get("id").asLong();
            List<JsonNode> invoices = api.get("/api/v1/partners/" + id + "/invoices", OPERATOR).body().valueStream().toList();
            String model = partner.get("model").asString();
            if (model.equals("AGENT") || model.equals("REFERRAL")) {
                assertThat(invoices).as(partner.get("name").asString()).isEmpty();
                continue;
            }
            assertThat(invoices).as(partner.get("name").asString()).hasSizeGreaterThanOrEqualTo(3)
                    .allSatisfy(invoice -> assertThat(invoice.get("kind").asString()).isEqualTo("MONTHLY"));
            assertThat(invoices.subList(0, invoices.size() - 2)).allSatisfy(invoice ->
                    assertThat(invoice.get("status").asString()).isEqualTo("PAID"));
            assertThat(invoices.getLast().get("status").asString()).isNotEqualTo("PAID");
        }
    }

    @Test
    void theTokenFileNamesEachPartnersModelAfterTheDemosModelChanges() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(DATA_DIR, "demo-partner-tokens.txt"));
        assertThat(lines).hasSize(9);
        int changed = 0;
        for (String line : lines) {
            String[] fields = line.strip().split("\\s+");
            long id = Long.parseLong(fields[0]);
            String model = fields[2];
            String token = fields[3];
            // the token is the partner's own, and the file names the model it has now
            Api.Response partner = api.get("/api/v1/partners/" + id, token);
            assertThat(partner.status()).as(partner.raw()).isEqualTo(200);
            assertThat(model).as(line).isEqualTo(partner.text("model"));
            List<JsonNode> standing = api.get("/api/v1/partners/" + id + "/standing", OPERATOR).body().valueStream().toList();
            if (!standing.getFirst().get("model").asString().equals(model)) {
                changed++;
            }
        }
        assertThat(changed).as("the demo's closes change some partner's model").isPositive();
    }
}
