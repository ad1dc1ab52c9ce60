package io.partnerhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import io.partnerhub.client.ApiClient;
import io.partnerhub.client.ApiException;
import io.partnerhub.client.api.CustomersApi;
import io.partnerhub.client.api.PartnersApi;
import io.partnerhub.client.api.PeriodsAndStatementsApi;
import io.partnerhub.client.api.UsageApi;
import io.partnerhub.client.model.Customer;
import io.partnerhub.client.model.FieldError;
import io.partnerhub.client.model.ImportOutcome;
import io.partnerhub.client.model.LegalForm;
import io.partnerhub.client.model.LinkOutcome;
import io.partnerhub.client.model.NewCustomer;
import io.partnerhub.client.model.NewLink;
import io.partnerhub.client.model.NewPartner;
import io.partnerhub.client.model.Partner;
import io.partnerhub.client.model.PartnerModel;
import io.partnerhub.client.model.Problem;
import io.partnerhub.client.model.Result;
import io.partnerhub.client.model.StatementView;

/**
 * The API used as an outside client uses it: through the Java client the build generates from the
 * contract kept in the repository ({@code src/main/openapi/partnerhub-api.json}, equal to what the
 * platform serves), over real HTTP. A Yandex Cloud reseller contracted in November 2025 (the 2025
 * terms: a 20 % base discount), one customer, 100 000.00 RUB of Compute Cloud in November:
 * <pre>
 *   discount 100 000.00 x 20 % = 20 000.00, payable 100 000.00 - 20 000.00 = 80 000.00
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "partnerhub.data-dir=target/test-data-api-client",
        "partnerhub.db-clean=true",
        "partnerhub.admin-token=" + Api.OPERATOR_TOKEN,
        "partnerhub.demo=false"})
@Import(ApiClientTest.ScenarioClock.class)
class ApiClientTest {

    private static final AtomicReference<Instant> NOW = new AtomicReference<>(noon("2025-11-01"));

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

    @Test
    void aGeneratedClientRunsAMonthFromPartnerToStatementAndReadsARefusalAsAProblem() throws Exception {
        ApiClient client = new ApiClient().setRequestInterceptor(
                request -> request.header("Authorization", "Bearer " + Api.OPERATOR_TOKEN));
        client.updateBaseUri("http://localhost:" + port);
        PartnersApi partners = new PartnersApi(client);
        CustomersApi customers = new CustomersApi(client);

        NOW.set(noon("2025-11-01"));
        Partner partner = partners.registerPartner(new NewPartner().programId("yandex-cloud").model(PartnerModel.RESELLER)
                .name("ООО Облачный реселлер").legalForm(LegalForm.LEGAL_ENTITY).taxId("7701234567")
                .registeredOn(LocalDate.parse("2020-01-15")).country("RU").contractDate(LocalDate.parse("2025-11-01")));
        Customer customer = customers.createCustomer(new NewCustomer().name("ООО Клиент").taxId("7709876543")
                .accountId("yc-account-1"));
        LinkOutcome link = customers.link(partner.getId(), new NewLink().customerId(customer.getId())
                .from(LocalDate.parse("2025-11-01")).consentObtainedOn(LocalDate.parse("2025-11-01")));
        assertThat(link.getStatus()).as("linked at once, not waiting").isNull();
        assertThat(link.getId()).isNotNull();
        assertThat(link.getCustomerId()).isEqualTo(customer.getId());

        ImportOutcome imported = new UsageApi(client).importUsage("focus", """
                SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,ListCost,BillingCurrency
                yc-account-1,2025-11-10T09:00:00Z,Usage,Compute Cloud,100000.00,RUB
                """, "usage.csv", null);
        assertThat(imported.getRowsAccepted()).isEqualTo(1);
        assertThat(imported.getPeriods()).containsExactly("2025-11");

        NOW.set(noon("2025-12-05"));
        PeriodsAndStatementsApi periods = new PeriodsAndStatementsApi(client);
        Result closed = periods.close("2025-11");
        assertThat(closed.getStatus()).isEqualTo("CLOSED");
        StatementView statement = periods.getStatement(partner.getId(), "2025-11", null);
        assertThat(statement.getTotals().getListCost()).isEqualTo("100000.00");
        assertThat(statement.getTotals().getDiscount()).isEqualTo("20000.00");
        assertThat(statement.getTotals().getPayable()).isEqualTo("80000.00");

        ApiException refused = catchThrowableOfType(ApiException.class, () -> partners.registerPartner(new NewPartner()
                .programId("yandex-cloud").model(PartnerModel.RESELLER).name("ООО Без ИНН").legalForm(LegalForm.LEGAL_ENTITY)
                .taxId(" ").registeredOn(LocalDate.parse("2020-01-15")).country("RU")));
        assertThat(refused.getCode()).isEqualTo(422);
        assertThat(refused.getResponseHeaders().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        Problem problem = client.getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
        assertThat(problem.getStatus()).isEqualTo(422);
        assertThat(problem.getErrors()).extracting(FieldError::getField).isNotEmpty().containsOnly("taxId");
        assertThat(problem.getDetail()).startsWith("taxId ");
    }

    private static Instant noon(String day) {
        return LocalDate.parse(day).atTime(12, 0).toInstant(ZoneOffset.UTC);
    }
}
