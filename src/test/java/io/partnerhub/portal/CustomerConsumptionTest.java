package io.partnerhub.portal;

import io.partnerhub.customer.Link;
import io.partnerhub.usage.ServiceConsumption.ServiceMonth;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which months a customer's page shows, and where it shows services. Today is 2026-05-10; the
 * partner's statements exist for 2026-01 to 2026-04.
 */
class CustomerConsumptionTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 5, 10);
    private static final List<YearMonth> CLOSED = List.of(YearMonth.of(2026, 1), YearMonth.of(2026, 2),
            YearMonth.of(2026, 3), YearMonth.of(2026, 4));

    @Test
    void aMonthHeldInPartShowsNoServicesButTheStatementsFigure() {
        // linked from 2026-03-15: January and February are another's, March is shared, April and May whole
        List<Link> links = List.of(link("2026-03-15", null));
        List<ServiceMonth> usage = List.of(
                usage("2026-02", "Cloud Servers", "999.00"),
                usage("2026-03", "Cloud Servers", "400.00"),
                usage("2026-04", "Cloud Servers", "100.004"),
                usage("2026-04", "Object Storage", "0.005"),
                usage("2026-05", "Cloud Servers", "12.50"));

        CustomerConsumption shown = CustomerConsumption.of(links, CLOSED,
                Map.of(YearMonth.of(2026, 3), "180.00", YearMonth.of(2026, 4), "100.01"), 6,
                YearMonth.of(2026, 4), TODAY, usage, "RUB");

        assertThat(shown.months()).containsExactly(
                new CustomerConsumption.Column(YearMonth.of(2026, 3), true, false, null, "180.00"),
                new CustomerConsumption.Column(YearMonth.of(2026, 4), true, true, "100.01", "100.01"),
                new CustomerConsumption.Column(YearMonth.of(2026, 5), false, true, "12.50", null));
        assertThat(shown.services()).isEqualTo(Map.of(
                "Cloud Servers", Map.of(YearMonth.of(2026, 4), "100.00", YearMonth.of(2026, 5), "12.50"),
                "Object Storage", Map.of(YearMonth.of(2026, 4), "0.01")));
    }

    @Test
    void twoLinksOneAfterTheOtherHoldTheWholeMonthAndOnlyTheLatestClosedMonthsAreShown() {
        List<Link> links = List.of(link("2025-01-01", "2026-02-10"), link("2026-02-10", "2026-04-01"));

        CustomerConsumption shown = CustomerConsumption.of(links, CLOSED, Map.of(), 2, YearMonth.of(2026, 4),
                TODAY, List.of(usage("2026-02", "Kubernetes", "10.00")), "RUB");

        assertThat(shown.months()).containsExactly(
                new CustomerConsumption.Column(YearMonth.of(2026, 2), true, true, "10.00", "0.00"),
                new CustomerConsumption.Column(YearMonth.of(2026, 3), true, true, "0.00", "0.00"));
        assertThat(shown.services()).isEqualTo(Map.of("Kubernetes", Map.of(YearMonth.of(2026, 2), "10.00")));
    }

    private static Link link(String from, String to) {
        return new Link(1, 1, 1, LocalDate.parse(from), to == null ? null : LocalDate.parse(to), null, null);
    }

    private static ServiceMonth usage(String month, String service, String amount) {
        return new ServiceMonth(YearMonth.parse(month), service, "RUB", new BigDecimal(amount));
    }
}
