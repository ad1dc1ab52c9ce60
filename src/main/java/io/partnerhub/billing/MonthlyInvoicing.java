package io.partnerhub.billing;

import io.partnerhub.shared.AfterClose;
import io.partnerhub.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * The close's invoices (API.md, "Partner billing"): for each partner whose statement has a payable,
 * a {@code MONTHLY} invoice of the payable less the month's {@code THRESHOLD} invoices; a negative
 * remainder (threshold invoices above the payable, after a restatement) is a credit on the partner's
 * account, never a negative invoice. In the close's transaction: a close rolled back issues nothing,
 * and numbers stay gapless under concurrent closes.
 */
@Component
class MonthlyInvoicing implements AfterClose {

    private final JdbcClient jdbc;
    private final PartnerInvoices invoices;
    private final PartnerAccounts accounts;

    MonthlyInvoicing(JdbcClient jdbc, PartnerInvoices invoices, PartnerAccounts accounts) {
        this.jdbc = jdbc;
        this.invoices = invoices;
        this.accounts = accounts;
    }

    private record Due(PartnerInvoices.Payer payer, Money payable, Money invoiced) {
    }

    @Override
    public void afterClose(String actor, YearMonth month) {
        var due = jdbc.sql("""
                        select p.*, s.currency, s.payable,
                               coalesce((select sum(i.amount) from partner_invoice i
                                          where i.partner_id = s.partner_id and i.period = s.period), 0) as invoiced
                          from settlement_statement_total_view s
                          join partner_billing_view p on p.partner_id = s.partner_id
                         where s.period = :period
                           and (s.payable > 0 or exists (select 1 from partner_invoice i
                                                          where i.partner_id = s.partner_id and i.period = s.period))
                         order by p.program_id, s.partner_id""")
                .param("period", month.atDay(1))
                .query((rs, i) -> new Due(PartnerInvoices.payer(rs), money(rs.getBigDecimal("payable"), rs.getString("currency")),
                        money(rs.getBigDecimal("invoiced"), rs.getString("currency"))))
                .list();
        List<PartnerInvoices.Bill> bills = new ArrayList<>();
        for (Due d : due) {
            Money remainder = d.payable().minus(d.invoiced());
            if (remainder.isPositive()) {
                bills.add(new PartnerInvoices.Bill(d.payer(), remainder));
            } else if (remainder.isNegative()) {
                jdbc.sql("""
                                insert into partner_account_credit (partner_id, period, amount, currency)
                                values (:partner, :period, :amount, :currency)""")
                        .param("partner", d.payer().partnerId()).param("period", month.atDay(1))
                        .param("amount", remainder.negate().amount()).param("currency", remainder.currency()).update();
            }
        }
        invoices.issueMonthly(month, bills);
        accounts.announceLowBalances(actor, month);
    }

    private static Money money(BigDecimal amount, String currency) {
        return Money.stored(amount, currency);
    }
}
