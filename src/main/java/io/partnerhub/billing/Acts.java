package io.partnerhub.billing;

import io.partnerhub.partner.Partners;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.Money;
import io.partnerhub.shared.NotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * The month's service report (act, «акт оказанных услуг»): what the provider rendered to the partner
 * in a closed month, read from the issued statement: the services at list price, the partner's
 * discount and bonus, the amount (the statement's payable, VAT included) and the invoices that
 * billed it. One for each month whose statement has a payable; it changes no more than the statement.
 */
@Component
public class Acts {

    private final JdbcClient jdbc;
    private final Partners partners;
    private final PartnerInvoices invoices;
    private final BillingSettings settings;

    Acts(JdbcClient jdbc, Partners partners, PartnerInvoices invoices, BillingSettings settings) {
        this.jdbc = jdbc;
        this.partners = partners;
        this.invoices = invoices;
        this.settings = settings;
    }

    /**
     * {@code otherDeductions}: what else the statement took off the list cost (consumption paid by the
     * provider's grants, trials, free months, the sandbox). {@code number}: the program's prefix, "A"
     * and the period (VK-A-2026-03); {@code date}: the period's last day.
     */
    public record Act(long partnerId, String programId, String number, String period, LocalDate date, String listCost,
                      String discount, String bonus, String otherDeductions, String amount, String vatRate, String vat,
                      String currency, List<String> invoices) {
    }

    public Act of(Caller caller, long partnerId, YearMonth period) {
        partners.find(caller, partnerId);
        return jdbc.sql("""
                        select * from settlement_statement_total_view
                         where partner_id = :partner and period = :period and payable > 0""")
                .param("partner", partnerId).param("period", period.atDay(1))
                .query((rs, i) -> {
                    BigDecimal payable = rs.getBigDecimal("payable");
                    String programId = rs.getString("program_id");
                    List<String> billedBy = invoices.ofPartner(partnerId).stream()
                            .filter(invoice -> invoice.period().equals(period.toString()))
                            .map(PartnerInvoices.Invoice::number).toList();
                    return new Act(partnerId, programId, settings.prefix(programId) + "-A-" + period, period.toString(),
                            period.atEndOfMonth(), rs.getBigDecimal("list_cost").toPlainString(),
                            rs.getBigDecimal("discount").toPlainString(), rs.getBigDecimal("bonus").toPlainString(),
                            rs.getBigDecimal("list_cost").subtract(rs.getBigDecimal("discount"))
                                    .subtract(rs.getBigDecimal("bonus")).subtract(payable).toPlainString(),
                            payable.toPlainString(), settings.vatRate().stripTrailingZeros().toPlainString(),
                            PartnerInvoices.vatIncluded(new Money(payable, rs.getString("currency")), settings.vatRate())
                                    .toPlainString(),
                            rs.getString("currency"), billedBy);
                })
                .optional().orElseThrow(() -> new NotFound("act of partner " + partnerId + " for", period));
    }
}
