package io.partnerhub.incentive;

import io.partnerhub.Api;
import io.partnerhub.ApiFixture;
import io.partnerhub.PlatformTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.partnerhub.ApiFixture.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The incentives' quotas and rules over real HTTP (Oblakoteka's numbers from oblakoteka.yaml), each
 * refusal with its exact words: bonus codes (10 a quarter, 30 000.00 a quarter, one per customer),
 * trials, free months (2 per customer, one month between two, never the month after the trial's),
 * the sandbox (one per partner, Professional) and one-off bonuses. The shared platform closes no
 * month, so the months of 2027 are open; "today" is the real one, so quarters are computed from it.
 */
@PlatformTest
class IncentiveApiTest {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    @LocalServerPort
    int port;

    private Api api;
    private ApiFixture fixture;

    @BeforeEach
    void connect() {
        api = new Api(port);
        fixture = new ApiFixture(api);
    }

    private static String quarter() {
        LocalDate today = LocalDate.now(MOSCOW);
        return today.getYear() + "-Q" + ((today.getMonthValue() + 2) / 3);
    }

    private Api.Response code(long partner, String token, String amount) {
        return api.post("/api/v1/partners/" + partner + "/bonus-codes", token, Map.of("amount", amount));
    }

    /** Codes issued one after another, then the next one: its answer and, when refused, its words. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # name                       | issued before                                            | next     | status | detail (the quarter is Q)
            the tenth code               | 1000.00 x9                                               | 1000.00  | 201    |
            the eleventh code            | 1000.00 x10                                              | 1000.00  | 422    | the quarter's quota of 10 codes is used: 10 codes issued in Q; left: 0 codes, 20000.00
            up to exactly 30 000.00      | 10000.00 x2; 9999.99                                     | 0.01     | 201    |
            30 000.01                    | 10000.00 x2; 9999.99                                     | 0.02     | 422    | a code of 0.02 would exceed the quarter's 30000.00 of codes: 29999.99 issued in Q; left: 0.01 in 7 codes
            one code over the amount     |                                                          | 30000.01 | 422    | a code of 30000.01 would exceed the quarter's 30000.00 of codes: 0.00 issued in Q; left: 30000.00 in 10 codes
            """)
    void theQuartersQuotaOfCodes(String name, String before, String next, int status, String detail) {
        long partner = fixture.partner("oblakoteka", "RESELLER", "2024-01-01");
        String token = fixture.token(partner);
        for (String amount : amounts(before)) {
            assertThat(code(partner, token, amount).status()).isEqualTo(201);
        }

        Api.Response answer = code(partner, token, next);

        assertThat(answer.status()).as(answer.raw()).isEqualTo(status);
        if (status == 422) {
            assertThat(answer.text("detail")).isEqualTo(detail.replace("Q", quarter()).replace("quarter()s", "quarter's"));
            assertThat(ApiFixture.fields(answer)).containsExactly("amount");
        } else {
            assertThat(answer.text("amount")).isEqualTo(next);
            assertThat(answer.text("quarter")).isEqualTo(quarter());
            assertThat(answer.text("code")).matches("BC-[A-Z2-9]{5}-[A-Z2-9]{5}");
        }
    }

    private static List<String> amounts(String cell) {
        List<String> amounts = new ArrayList<>();
        if (cell == null || cell.isBlank()) {
            return amounts;
        }
        for (String part : cell.split(";")) {
            String[] f = part.strip().split(" x");
            for (int i = 0; i < (f.length > 1 ? Integer.parseInt(f[1]) : 1); i++) {
                amounts.add(f[0]);
            }
        }
        return amounts;
    }

    @Test
    void twoRequestsRacingForTheTenthCodeGetOneCode() throws Exception {
        long partner = fixture.partner("oblakoteka", "RESELLER", "2024-01-01");
        String token = fixture.token(partner);
        for (int i = 0; i < 9; i++) {
            assertThat(code(partner, token, "100.00").status()).isEqualTo(201);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Integer>> racing = List.of(() -> code(partner, token, "100.00").status(),
                    () -> code(partner, token, "100.00").status());
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : pool.invokeAll(racing)) {
                statuses.add(answer.get());
            }
            assertThat(statuses).containsExactlyInAnyOrder(201, 422);
        } finally {
            pool.shutdown();
        }
        JsonNode overview = api.get("/api/v1/partners/" + partner + "/incentives", token).body();
        assertThat(overview.get("bonusCodes").get("codesIssued").asInt()).isEqualTo(10);
        assertThat(overview.get("bonusCodes").get("codesLeft").asInt()).isZero();
        assertThat(overview.get("bonusCodes").get("amountLeft").asString()).isEqualTo("29000.00");
    }

    /** A client retrying its request for a code with the same Idempotency-Key gets the same code, not a second one. */
    @Test
    void aRetriedRequestIssuesOneCode() {
        long partner = fixture.partner("oblakoteka", "RESELLER", "2024-01-01");
        String token = fixture.token(partner);
        String key = "code-" + Api.unique();

        Api.Response first = api.post("/api/v1/partners/" + partner + "/bonus-codes", token, Map.of("amount", "2500.00"),
                "Idempotency-Key", key);
        Api.Response retry = api.post("/api/v1/partners/" + partner + "/bonus-codes", token, Map.of("amount", "2500.00"),
                "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.text("code")).isEqualTo(first.text("code"));
        JsonNode quota = api.get("/api/v1/partners/" + partner + "/incentives", token).body().get("bonusCodes");
        assertThat(quota.get("codesIssued").asInt()).isEqualTo(1);
        assertThat(quota.get("amountLeft").asString()).isEqualTo("27500.00");
    }

    @Test
    void aCustomerRedeemsOneCodeEverAndACodeIsRedeemedOnce() {
        long partner = fixture.partner("oblakoteka", "RESELLER", "2024-01-01");
        String token = fixture.token(partner);
        String first = code(partner, token, "5000.00").text("code");
        String second = code(partner, token, "3000.00").text("code");
        long customer = fixture.customer();
        long other = fixture.customer();
        String today = LocalDate.now(MOSCOW).toString();

        Api.Response redeemed = api.post("/api/v1/bonus-codes/" + first + "/redemptions", OPERATOR, Map.of("customerId", customer));
        Api.Response again = api.post("/api/v1/bonus-codes/" + second + "/redemptions", OPERATOR, Map.of("customerId", customer));
        Api.Response taken = api.post("/api/v1/bonus-codes/" + first + "/redemptions", OPERATOR, Map.of("customerId", other));
        Api.Response byPartner = api.post("/api/v1/bonus-codes/" + second + "/redemptions", token, Map.of("customerId", other));

        assertThat(redeemed.status()).as(redeemed.raw()).isEqualTo(201);
        assertThat(redeemed.text("redeemedOn")).isEqualTo(today);
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.text("detail")).isEqualTo("customer " + customer + " redeemed code " + first + " on " + today
                + ": a customer redeems one code, ever");
        assertThat(taken.status()).isEqualTo(422);
        assertThat(taken.text("detail")).isEqualTo("code " + first + " was redeemed by customer " + customer + " on " + today);
        assertThat(byPartner.status()).isEqualTo(403);

        JsonNode report = api.get("/api/v1/bonus-codes/report?quarter=" + quarter(), OPERATOR).body();
        JsonNode row = report.valueStream().filter(r -> r.get("partnerId").asLong() == partner).findFirst().orElseThrow();
        assertThat(row.get("issued").asInt()).isEqualTo(2);
        assertThat(row.get("issuedAmount").asString()).isEqualTo("8000.00");
        assertThat(row.get("redeemed").asInt()).isEqualTo(1);
        assertThat(row.get("redeemedAmount").asString()).isEqualTo("5000.00");
        assertThat(row.get("unusedAmount").asString()).isEqualTo("3000.00");
    }

    @Test
    void programsWithoutIncentivesRefuseThemAndAPartnerNeverReachesAnothersQuota() {
        long vk = fixture.partner("vk-cloud", "PARTNER", "2024-01-01");
        long a = fixture.partner("oblakoteka", "RESELLER", "2024-01-01");
        long b = fixture.partner("oblakoteka", "RESELLER", "2024-01-01");

        Api.Response refused = code(vk, OPERATOR, "1000.00");
        Api.Response sandbox = api.post("/api/v1/partners/" + vk + "/sandbox", OPERATOR,
                Map.of("platform", "KVM", "resourceId", "vm-1"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("detail")).isEqualTo("bonus top-up codes is not offered by the program: VK Cloud (terms from"
                + " 2020-01-01) has no such rule");
        assertThat(sandbox.status()).isEqualTo(422);
        assertThat(code(b, fixture.token(a), "1000.00").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/partners/" + b + "/incentives", fixture.token(a)).status()).isEqualTo(404);
        List<JsonNode> events = api.get("/api/v1/events?partnerId=" + vk + "&type=bonus-code", OPERATOR).body().get("events")
                .valueStream().toList();
        assertThat(events).extracting(e -> e.get("type").asString()).containsExactly("bonus-code.refused");
    }

    /** Basic: 14 days, to = from + 13; Professional: until the operator ends it. One trial per customer. */
    @Test
    void trialsLastTheirTiersDaysOrUntilEnded() {
        long basic = fixture.partner("oblakoteka", "RESELLER", "2024-01-01");
        long professional = fixture.partner("oblakoteka", "WHITE_LABEL", "2024-01-01");
        long customer = fixture.customer();
        long other = fixture.customer();
        linked(basic, customer, "2027-01-01");
        linked(professional, other, "2027-01-01");

        Api.Response fourteen = trial(customer, basic, OPERATOR, "2027-02-01");
        Api.Response open = trial(other, professional, OPERATOR, "2027-02-01");
        Api.Response second = trial(customer, basic, OPERATOR, "2027-03-01");
        Api.Response endedByPartner = api.post("/api/v1/customers/" + other + "/trials/" + open.id() + "/end",
                fixture.token(professional), Map.of("on", "2027-02-20"));
        Api.Response ended = api.post("/api/v1/customers/" + other + "/trials/" + open.id() + "/end", OPERATOR,
                Map.of("on", "2027-02-20"));

        assertThat(fourteen.status()).as(fourteen.raw()).isEqualTo(201);
        assertThat(fourteen.text("to")).isEqualTo("2027-02-14");
        assertThat(open.status()).isEqualTo(201);
        assertThat(open.text("to")).isNull();
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.text("detail")).isEqualTo("customer " + customer + " had its trial #" + fourteen.id()
                + " from 2027-02-01 under partner " + basic + ": one trial per customer");
        assertThat(endedByPartner.status()).isEqualTo(403);
        assertThat(ended.status()).as(ended.raw()).isEqualTo(200);
        assertThat(ended.text("to")).isEqualTo("2027-02-20");
    }

    /** An operator's link from a later day, the customer's consent obtained today. */
    private void linked(long partner, long customer, String from) {
        ApiFixture.created(fixture.link(OPERATOR, partner, customer, from, null, LocalDate.now(MOSCOW).toString()));
    }

    private Api.Response trial(long customer, long partner, String token, String from) {
        return api.post("/api/v1/customers/" + customer + "/trials", token, Map.of("partnerId", partner, "from", from));
    }

    private Api.Response freeMonth(long customer, long partner, String month) {
        return api.post("/api/v1/customers/" + customer + "/free-months", OPERATOR,
                Map.of("partnerId", partner, "month", month, "resourceIds", List.of("vm-" + month)));
    }

    /**
     * A customer with a trial 2027-02-01..14 (Basic): its free months, asked in this order. March is
     * the month right after the trial's; April is free; May is next to April; June is; a third is refused.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2027-03 | 422 | 2027-03 is the month right after the trial month: trial #T ended on 2027-02-14
            2027-04 | 201 |
            2027-05 | 422 | 2027-05 is next to the free month 2027-04: at least 1 calendar month(s) between two free months
            2027-04 | 422 | 2027-04 is a free month of the customer already
            2027-06 | 201 |
            2027-09 | 422 | customer C has its 2 free months already (2027-04, 2027-06): at most 2 per customer
            """)
    void freeMonthsOfOneCustomer(String month, int status, String detail) {
        // one customer through the whole table: the rows are steps, in order
        if (freeMonthCustomer == 0) {
            freeMonthPartner = fixture.partner("oblakoteka", "RESELLER", "2024-01-01");
            freeMonthCustomer = fixture.customer();
            linked(freeMonthPartner, freeMonthCustomer, "2027-01-01");
            freeMonthTrial = trial(freeMonthCustomer, freeMonthPartner, OPERATOR, "2027-02-01").id();
        }

        Api.Response answer = freeMonth(freeMonthCustomer, freeMonthPartner, month);

        assertThat(answer.status()).as(answer.raw()).isEqualTo(status);
        if (status == 422) {
            assertThat(answer.text("detail")).isEqualTo(detail.replace("#T", "#" + freeMonthTrial)
                    .replace("customer C", "customer " + freeMonthCustomer));
        } else {
            assertThat(answer.text("month")).isEqualTo(month);
            assertThat(answer.body().get("resourceIds").get(0).asString()).isEqualTo("vm-" + month);
        }
    }

    private static long freeMonthPartner;
    private static long freeMonthCustomer;
    private static long freeMonthTrial;

    @Test
    void oneSandboxPerProfessionalPartnerOnItsOwnAccount() {
        long professional = partnerWithAccount("WHITE_LABEL");
        long basic = partnerWithAccount("RESELLER");
        long withoutAccount = fixture.partner("oblakoteka", "WHITE_LABEL", "2024-01-01");

        Api.Response first = sandbox(professional, "KVM", "cloudovka-1");
        Api.Response second = sandbox(professional, "HYPER_V", "cloudovka-2");
        Api.Response underBasic = sandbox(basic, "KVM", "cloudovka-3");
        Api.Response noAccount = sandbox(withoutAccount, "KVM", "cloudovka-4");

        assertThat(first.status()).as(first.raw()).isEqualTo(201);
        assertThat(first.text("status")).isEqualTo("FREE");
        assertThat(first.body().get("vcpu").asInt()).isEqualTo(4);
        assertThat(first.body().get("ramGb").asInt()).isEqualTo(8);
        assertThat(first.body().get("ssdGb").asInt()).isEqualTo(500);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.text("detail")).startsWith("partner " + professional + " has its sandbox #" + first.id()
                + " (KVM, resource cloudovka-1) since ");
        assertThat(underBasic.status()).isEqualTo(422);
        assertThat(underBasic.text("detail")).isEqualTo("the sandbox is for PROFESSIONAL partners only; the partner is"
                + " RESELLER BASIC");
        assertThat(noAccount.status()).isEqualTo(422);
        assertThat(api.get("/api/v1/partners/" + professional + "/sandbox", OPERATOR).text("status")).isEqualTo("FREE");
    }

    private Api.Response sandbox(long partner, String platform, String resource) {
        return api.post("/api/v1/partners/" + partner + "/sandbox", fixture.token(partner),
                Map.of("platform", platform, "resourceId", resource));
    }

    private long partnerWithAccount(String model) {
        String taxId = Api.unique();
        Map<String, Object> application = new LinkedHashMap<>();
        application.put("programId", "oblakoteka");
        application.put("model", model);
        application.put("name", "Partner " + taxId);
        application.put("legalForm", "LEGAL_ENTITY");
        application.put("taxId", taxId);
        application.put("registeredOn", "2020-01-15");
        application.put("country", "RU");
        application.put("contractDate", "2024-01-01");
        application.put("accountId", "own-" + taxId);
        return ApiFixture.created(api.post("/api/v1/partners", OPERATOR, application));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "", textBlock = """
            WHITE_LABEL | CASE_STUDY       |          | 201 | 40000.00
            WHITE_LABEL | CASE_STUDY       | 30000.00 | 422 | the case-study bonus is 40000.00, not 30000.00
            WHITE_LABEL | TELEGRAM_COMMENT | 10000.00 | 201 | 10000.00
            WHITE_LABEL | TELEGRAM_COMMENT | 30000.00 | 201 | 30000.00
            WHITE_LABEL | TELEGRAM_COMMENT | 35000.00 | 422 | the Telegram comment bonus is from 10000.00 to 30000.00, not 35000.00
            WHITE_LABEL | TELEGRAM_COMMENT | 9999.99  | 422 | the Telegram comment bonus is from 10000.00 to 30000.00, not 9999.99
            RESELLER    | CASE_STUDY       |          | 422 | the case-study bonus is for PROFESSIONAL partners only; the partner is RESELLER BASIC
            REFERRAL    | TELEGRAM_COMMENT | 20000.00 | 422 | the Telegram comment bonus is for PROFESSIONAL partners only; the partner is REFERRAL BASIC
            """)
    void oneOffBonusesForPublishedWork(String model, String kind, String amount, int status, String expected) {
        long partner = fixture.partner("oblakoteka", model, "2024-01-01");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("reference", "https://t.me/oblakoteka/" + Api.unique());
        if (amount != null) {
            body.put("amount", amount);
        }

        Api.Response answer = api.post("/api/v1/partners/" + partner + "/bonuses", OPERATOR, body);

        assertThat(answer.status()).as(answer.raw()).isEqualTo(status);
        assertThat(status == 201 ? answer.text("amount") : answer.text("detail")).isEqualTo(expected);
        assertThat(api.post("/api/v1/partners/" + partner + "/bonuses", fixture.token(partner), body).status())
                .isEqualTo(403);
    }

    @Test
    void theSalesManagerBonusIsOncePerCustomer() {
        long a = fixture.partner("oblakoteka", "RESELLER", "2024-01-01");
        long b = fixture.partner("oblakoteka", "RESELLER", "2024-01-01");
        long customer = fixture.customer();
        linked(a, customer, "2027-01-01");

        Api.Response first = salesManager(a, customer, "2027-02");
        Api.Response again = salesManager(a, customer, "2027-03");
        Api.Response notLinked = salesManager(b, customer, "2027-02");

        assertThat(first.status()).as(first.raw()).isEqualTo(201);
        assertThat(first.text("amount")).isNull();
        assertThat(first.text("period")).isEqualTo("2027-02");
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.text("detail")).isEqualTo("customer " + customer + " earned its sales-manager bonus already (#"
                + first.id() + ", 2027-02, partner " + a + "): once per customer");
        assertThat(notLinked.status()).isEqualTo(422);
        assertThat(notLinked.text("detail")).isEqualTo("customer " + customer + " is not linked to partner " + b + " in 2027-02");
    }

    private Api.Response salesManager(long partner, long customer, String month) {
        return api.post("/api/v1/partners/" + partner + "/bonuses", OPERATOR, Map.of("kind", "SALES_MANAGER",
                "customerId", customer, "month", month, "reference", "sales manager " + Api.unique()));
    }
}
