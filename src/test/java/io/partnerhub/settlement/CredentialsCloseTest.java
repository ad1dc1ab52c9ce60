package io.partnerhub.settlement;

import io.partnerhub.Api;
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
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.partnerhub.settlement.CloseFixture.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What certifications do at the close, on a database of its own with a fixed clock (2026-08-10).
 *
 * <pre>
 * VK Cloud partners, contracted 2026-01-01, 1 000 000.00 of Cloud Servers a month: 2026-Q1 has the
 * 3 000 000.00 Gold needs; Gold also needs 2 employees certified in a status course on 2026-03-31.
 *   expiring     Anna (no expiry) + Boris, expiresOn 2026-03-31: Boris no longer counts  -> Silver
 *   valid        Anna (no expiry) + Boris, expiresOn 2026-04-01: valid on 2026-03-31     -> Gold from 04-01
 *   otherCourse  Anna in two status courses (one employee) + Clara in a course that is no
 *                status course                                                           -> Silver
 * Oblakoteka agents, contracted 2026-01-01, 5 000.00 of KVM a month (below 30 000.00): the first
 * window is 2026-01..06.
 *   examCourse   a certification in "Oblakoteka partner exam" on 2026-03-10: the exam, passed
 *                in March, meets the requirement                                          -> Professional
 *   salesCourse  a certification in another course                                        -> Basic, Referral from 07-01
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "partnerhub.data-dir=target/test-data-credentials-close",
        "partnerhub.db-clean=true",
        "partnerhub.admin-token=" + Api.OPERATOR_TOKEN,
        "partnerhub.demo=false"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CredentialsCloseTest {

    @TestConfiguration
    static class FixedClock {
        @Bean
        @Primary
        Clock credentialsClock() {
            return Clock.fixed(Instant.parse("2026-08-10T09:00:00Z"), ZoneOffset.UTC);
        }
    }

    @LocalServerPort
    int port;

    private Api api;
    private CloseFixture fixture;
    private StatementBook book;

    private long expiring;
    private long valid;
    private long otherCourse;
    private long examCourse;
    private long salesCourse;

    @BeforeAll
    void partners() {
        api = new Api(port);
        fixture = new CloseFixture(api);
        book = new StatementBook(api);
        expiring = vkPartner("cr-vk-1");
        valid = vkPartner("cr-vk-2");
        otherCourse = vkPartner("cr-vk-3");
        examCourse = oblakotekaAgent("cr-ob-1");
        salesCourse = oblakotekaAgent("cr-ob-2");
        List<String> usage = new ArrayList<>();
        for (int month = 1; month <= 6; month++) {
            String day = "2026-0" + month + "-05";
            for (String account : List.of("cr-vk-1", "cr-vk-2", "cr-vk-3")) {
                usage.add(account + "," + day + ",Cloud Servers,1000000.00");
            }
            usage.add("cr-ob-1," + day + ",ElasticCloud KVM,5000.00");
            usage.add("cr-ob-2," + day + ",ElasticCloud KVM,5000.00");
        }
        fixture.usageOfDays(usage.toArray(String[]::new));
    }

    @Test
    @Order(1)
    void anExpiredCertificationNoLongerCountsAtTheQuartersClose() {
        fixture.certification(expiring, "Anna Petrova", "VK Cloud Architect", "2026-01-10", null);
        fixture.certification(expiring, "Boris Ivanov", "VK Cloud Engineer", "2026-01-10", "2026-03-31");
        fixture.certification(valid, "Anna Petrova", "VK Cloud Architect", "2026-01-10", null);
        fixture.certification(valid, "Boris Ivanov", "VK Cloud Engineer", "2026-01-10", "2026-04-01");
        fixture.certification(otherCourse, "Anna Petrova", "VK Cloud Architect", "2026-01-10", null);
        fixture.certification(otherCourse, "anna petrova", "VK Cloud Sales", "2026-01-12", null);
        fixture.certification(otherCourse, "Clara Smirnova", "Spreadsheets for managers", "2026-01-10", null);

        fixture.close("2026-03", "2026-01", "2026-02", "2026-03");

        book.of(expiring, "2026-03").settledAs("2020-01-01", "PARTNER", "SILVER");
        assertThat(standing(expiring)).extracting(s -> s.get("tier").asString()).containsExactly("SILVER");
        assertThat(standing(valid)).extracting(s -> s.get("tier").asString()).containsExactly("SILVER", "GOLD");
        assertThat(standing(valid).getLast().get("effectiveFrom").asString()).isEqualTo("2026-04-01");
        assertThat(standing(valid).getLast().get("reason").asString())
                .isEqualTo("SILVER to GOLD: 2026-Q1 eligible consumption 3 000 000.00, 2 certified employees");
        // the same change in Russian (Accept-Language): the same code and arguments, the words as pages write them
        JsonNode russian = api.get("/api/v1/partners/" + valid + "/standing", OPERATOR, "Accept-Language", "ru")
                .body().get(1);
        assertThat(russian.get("reason").asString()).isEqualTo("Серебряный → Золотой: учитываемое потребление за"
                + " 1\u00A0кв.\u00A02026 3\u00A0000\u00A0000,00\u00A0₽, сертифицированных сотрудников 2");
        assertThat(russian.get("reasonCode").asString()).isEqualTo(standing(valid).getLast().get("reasonCode").asString())
                .isEqualTo("standing.quarter");
        assertThat(russian.get("reasonArgs")).isEqualTo(standing(valid).getLast().get("reasonArgs"));
        assertThat(standing(otherCourse)).extracting(s -> s.get("tier").asString()).containsExactly("SILVER");
    }

    @Test
    @Order(2)
    void theForecastCountsTheSameEmployeesAsTheClose() {
        // After March the forecast is about 2026-04 and the quarter ending 2026-06: Boris of the
        // second partner expires on 2026-04-01, so by 2026-06-30 each has one certified employee.
        String expiringForecast = forecast(expiring);
        String validForecast = forecast(valid);

        assertThat(expiringForecast).contains("GOLD: ", "1 of 2 certified employees");
        assertThat(validForecast).contains("1 of 2 certified employees");
    }

    @Test
    @Order(3)
    void aCertificationInTheExamCourseIsTheExamPassedOnItsDate() {
        fixture.certification(examCourse, "Olga Kuznetsova", "Oblakoteka partner exam", "2026-03-10", "2027-03-10");
        fixture.certification(salesCourse, "Olga Kuznetsova", "Oblakoteka sales basics", "2026-03-10", null);

        fixture.close("2026-06", "2026-04", "2026-05", "2026-06");

        book.of(examCourse, "2026-06").settledAs("2020-01-01", "AGENT", "PROFESSIONAL");
        assertThat(standing(examCourse)).extracting(s -> s.get("tier").asString()).containsExactly("PROFESSIONAL");
        assertThat(forecast(examCourse)).isEqualTo("The training exam is passed (2026-03-10): every month meets the"
                + " requirement, PROFESSIONAL holds.");
        book.of(salesCourse, "2026-06").settledAs("2020-01-01", "AGENT", "PROFESSIONAL");
        assertThat(standing(salesCourse).getLast().get("effectiveFrom").asString()).isEqualTo("2026-07-01");
        assertThat(standing(salesCourse).getLast().get("model").asString()).isEqualTo("REFERRAL");
        assertThat(standing(salesCourse).getLast().get("tier").asString()).isEqualTo("BASIC");
    }

    @Test
    @Order(4)
    void nothingIsDatedInsideAClosedMonth() {
        long presale = api.post("/api/v1/presales", OPERATOR, Map.of("partnerId", examCourse, "title", "Sizing",
                "requestedOn", "2026-05-04")).id();
        api.post("/api/v1/presales/" + presale + "/answer", OPERATOR, Map.of("answer", "Yes", "answeredOn", "2026-05-05"));
        long declared = api.post("/api/v1/partners/" + examCourse + "/specializations", OPERATOR,
                Map.of("specialization", "devops", "from", "2026-07-01")).id();

        Api.Response completed = api.post("/api/v1/presales/" + presale + "/complete", OPERATOR,
                Map.of("completedOn", "2026-05-20"));
        Api.Response from = api.post("/api/v1/partners/" + examCourse + "/specializations", OPERATOR,
                Map.of("specialization", "ml", "from", "2026-06-30"));
        Api.Response to = api.post("/api/v1/partners/" + examCourse + "/specializations/" + declared + "/end", OPERATOR,
                Map.of("to", "2026-06-15"));

        assertThat(completed.status()).isEqualTo(422);
        assertThat(completed.text("detail")).isEqualTo("period 2026-05 is closed");
        assertThat(from.status()).isEqualTo(422);
        assertThat(from.text("detail")).startsWith("period 2026-06 is closed and its statements are issued: 2026-06-30");
        assertThat(to.status()).isEqualTo(422);
        assertThat(to.text("detail")).startsWith("'devops' is held from 2026-07-01; it ends on a later day");
    }

    private long vkPartner(String account) {
        long partner = fixture.partner("vk-cloud", "PARTNER", "2026-01-01", null);
        fixture.customer(partner, account, "2026-01-01");
        return partner;
    }

    private long oblakotekaAgent(String account) {
        long partner = fixture.partner("oblakoteka", "AGENT", "2026-01-01", null);
        fixture.customer(partner, account, "2026-01-01");
        return partner;
    }

    private List<JsonNode> standing(long partner) {
        List<JsonNode> changes = new ArrayList<>();
        api.get("/api/v1/partners/" + partner + "/standing", OPERATOR).body().forEach(changes::add);
        return changes;
    }

    private String forecast(long partner) {
        Api.Response qualification = api.get("/api/v1/partners/" + partner + "/qualification", OPERATOR);
        assertThat(qualification.status()).as(qualification.raw()).isEqualTo(200);
        return qualification.text("forecast");
    }
}
