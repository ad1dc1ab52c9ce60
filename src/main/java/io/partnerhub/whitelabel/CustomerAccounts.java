package io.partnerhub.whitelabel;

import io.partnerhub.partner.Partners;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.Money;
import io.partnerhub.shared.Refusals;
import io.partnerhub.shared.Today;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A customer's account with its partner: payments credit it, invoices (VAT included) debit it.
 * Payments settle invoices oldest first, so each invoice reads PAID, OPEN or, past its due day
 * (postpaid), OVERDUE; a prepaid customer is warned when its balance runs low.
 */
@Component
public class CustomerAccounts {

    private final JdbcClient jdbc;
    private final Partners partners;
    private final CustomerBilling billing;
    private final CustomerInvoices invoices;
    private final Refusals refusals;
    private final Today today;

    CustomerAccounts(JdbcClient jdbc, Partners partners, CustomerBilling billing, CustomerInvoices invoices,
                     Refusals refusals, Today today) {
        this.jdbc = jdbc;
        this.partners = partners;
        this.billing = billing;
        this.invoices = invoices;
        this.refusals = refusals;
        this.today = today;
    }
    @Schema(name = "CustomerPayment")

    public record Payment(long id, long partnerId, long customerId, String amount, LocalDate receivedOn, String reference) {
    }

    /** An invoice and how far payments settled it. */
    @Schema(name = "CustomerInvoiceStatus")
    public record InvoiceStatus(int number, String period, String total, String paid, String status, LocalDate dueOn) {
    }

    /**
     * @param balance  payments less invoice totals (VAT included)
     * @param lowBalance a prepaid customer whose balance would not cover its last invoice again
     */
    @Schema(name = "CustomerAccount")
    public record Account(long partnerId, long customerId, String paymentModel, String balance, String paid,
                          String invoiced, boolean lowBalance, List<InvoiceStatus> invoices, List<Payment> payments) {
    }

    /** A payment the customer made to the partner; the same reference again changes nothing. */
    @Transactional
    public Payment record(Caller caller, long partnerId, long customerId, BigDecimal amount, LocalDate receivedOn,
                          String reference) {
        partners.find(caller, partnerId);
        billing.refuseNotItsCustomer(caller, partnerId, customerId);
        LocalDate day = receivedOn == null ? today.date() : receivedOn;
        if (day.isAfter(today.date())) {
            throw refusals.violation("receivedOn", "payment.notFuture", today.date());
        }
        if (amount.signum() <= 0) {
            throw refusals.violation("amount", "payment.positive", amount.toPlainString());
        }
        jdbc.sql("""
                        insert into customer_payment (partner_id, customer_id, amount, received_on, reference, recorded_by)
                        values (:partner, :customer, :amount, :day, :reference, :by)
                        on conflict (partner_id, customer_id, reference) do nothing""")
                .param("partner", partnerId).param("customer", customerId).param("amount", amount).param("day", day)
                .param("reference", reference.strip()).param("by", caller.name()).update();
        return payments(partnerId, customerId).stream().filter(p -> p.reference().equals(reference.strip()))
                .findFirst().orElseThrow();
    }

    public Account of(Caller caller, long partnerId, long customerId) {
        partners.find(caller, partnerId);
        billing.refuseNotItsCustomer(caller, partnerId, customerId);
        return account(partnerId, customerId);
    }

    /** The account without a caller's check: for the customer's own cabinet, which checked its user. */
    public Account account(long partnerId, long customerId) {
        List<Payment> payments = payments(partnerId, customerId);
        BigDecimal paid = payments.stream().map(p -> new BigDecimal(p.amount())).reduce(BigDecimal.ZERO, BigDecimal::add);
        List<CustomerInvoices.Invoice> issued = new ArrayList<>(invoices.ofCustomer(partnerId, customerId));
        issued.sort(java.util.Comparator.comparingInt(CustomerInvoices.Invoice::number));
        BigDecimal left = paid;
        BigDecimal invoiced = BigDecimal.ZERO;
        List<InvoiceStatus> statuses = new ArrayList<>();
        for (CustomerInvoices.Invoice invoice : issued) {
            BigDecimal total = new BigDecimal(invoice.total());
            invoiced = invoiced.add(total);
            BigDecimal covered = left.min(total).max(BigDecimal.ZERO);
            left = left.subtract(covered);
            String status = covered.compareTo(total) >= 0 ? "PAID"
                    : invoice.dueOn() != null && today.date().isAfter(invoice.dueOn()) ? "OVERDUE" : "OPEN";
            statuses.add(new InvoiceStatus(invoice.number(), invoice.period(), invoice.total(), Money.twoPlaces(covered),
                    status, invoice.dueOn()));
        }
        BigDecimal balance = paid.subtract(invoiced);
        String model = billing.paymentModel(partnerId, customerId).model();
        BigDecimal lastInvoice = issued.isEmpty() ? BigDecimal.ZERO : new BigDecimal(issued.getLast().total());
        boolean low = model.equals("PREPAID") && balance.compareTo(lastInvoice) < 0;
        return new Account(partnerId, customerId, model, Money.twoPlaces(balance), Money.twoPlaces(paid),
                Money.twoPlaces(invoiced), low, statuses.reversed(), payments);
    }

    private List<Payment> payments(long partnerId, long customerId) {
        return jdbc.sql("""
                        select * from customer_payment where partner_id = :partner and customer_id = :customer
                         order by received_on, id""")
                .param("partner", partnerId).param("customer", customerId)
                .query((rs, i) -> new Payment(rs.getLong("id"), partnerId, customerId,
                        rs.getBigDecimal("amount").toPlainString(), rs.getObject("received_on", LocalDate.class),
                        rs.getString("reference"))).list();
    }
}
