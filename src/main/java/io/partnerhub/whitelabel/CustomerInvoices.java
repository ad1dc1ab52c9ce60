package io.partnerhub.whitelabel;

import io.partnerhub.event.Events;
import io.partnerhub.partner.Partner;
import io.partnerhub.partner.Partners;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.Money;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.Today;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Invoices in the partner's name to its customers (Oblakoteka resellers "invoice the end customer
 * in their own name", seed 002; VK Cloud White Label sets the prices its customers see): issued by
 * the close for each customer with consumption it pays itself, at the price list in force on the
 * period's first day, one line per service rounded on its own, VAT at the partner's rate on the
 * subtotal, numbered per partner without gaps. Never a list price or the partner's discount.
 */
@Component
public class CustomerInvoices {

    private final JdbcClient jdbc;
    private final Partners partners;
    private final PriceLists priceLists;
    private final CustomerBilling billing;
    private final Events events;
    private final Today today;

    CustomerInvoices(JdbcClient jdbc, Partners partners, PriceLists priceLists, CustomerBilling billing, Events events,
                     Today today) {
        this.events = events;
        this.jdbc = jdbc;
        this.partners = partners;
        this.priceLists = priceLists;
        this.billing = billing;
        this.today = today;
    }

    public record Line(int lineNo, String service, String amount) {
    }

    /** An issued invoice; {@code dueOn} null for a prepaid customer (paid from its balance). */
    public record Invoice(long id, long partnerId, long customerId, String period, int number, LocalDate issuedOn,
                          String paymentModel, LocalDate dueOn, List<Line> lines, String subtotal, String vatRate,
                          String vat, String total, String currency) {
    }

    /**
     * Issues the period's invoices of a partner, in the close's transaction: {@code consumption} is
     * each customer's list cost per service that it pays itself (the statement's figures).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void issue(String actor, long partnerId, YearMonth period, Map<Long, Map<String, Money>> consumption) {
        PriceLists.PriceList prices = priceLists.inForce(partnerId, period).orElseThrow(() ->
                new IllegalStateException("partner " + partnerId + " bills its customers in " + period + " without a price list"));
        CustomerBilling.Invoicing invoicing = billing.invoicing(partnerId);
        LocalDate issuedOn = today.date();
        for (Map.Entry<Long, Map<String, Money>> customer : new java.util.TreeMap<>(consumption).entrySet()) {
            List<Line> lines = new ArrayList<>();
            Money subtotal = null;
            for (Map.Entry<String, Money> service : new java.util.TreeMap<>(customer.getValue()).entrySet()) {
                Money list = service.getValue();
                Money price = PricePreview.price(list, prices.markupOf(service.getKey()));
                if (price.isZero()) {
                    continue;
                }
                lines.add(new Line(lines.size() + 1, service.getKey(), price.toDecimalString()));
                subtotal = subtotal == null ? price : subtotal.plus(price);
            }
            if (subtotal == null) {
                continue;
            }
            Money vat = invoicing.vatRate() == null ? Money.zero(subtotal.currency()).rounded()
                    : subtotal.percent(invoicing.vatRate()).rounded();
            CustomerBilling.PaymentModel model = billing.paymentModel(partnerId, customer.getKey());
            LocalDate dueOn = model.model().equals("PREPAID") ? null
                    : issuedOn.plusDays(model.dueDays() == null ? invoicing.dueDays() : model.dueDays());
            int number = jdbc.sql("""
                            insert into customer_invoice_counter (partner_id, last_number) values (:partner, 1)
                            on conflict (partner_id) do update set last_number = customer_invoice_counter.last_number + 1
                            returning last_number""")
                    .param("partner", partnerId).query(Integer.class).single();
            long id = jdbc.sql("""
                            insert into customer_invoice (partner_id, customer_id, period, number, issued_on, payment_model,
                                                          due_on, price_list_id, subtotal, vat_rate, vat, total, currency)
                            values (:partner, :customer, :period, :number, :issuedOn, :model, :dueOn, :priceList, :subtotal,
                                    :vatRate, :vat, :total, :currency) returning id""")
                    .param("partner", partnerId).param("customer", customer.getKey()).param("period", period.atDay(1))
                    .param("number", number).param("issuedOn", issuedOn).param("model", model.model())
                    .param("dueOn", dueOn).param("priceList", prices.id()).param("subtotal", subtotal.amount())
                    .param("vatRate", invoicing.vatRate()).param("vat", vat.amount())
                    .param("total", subtotal.plus(vat).amount()).param("currency", subtotal.currency())
                    .query(Long.class).single();
            for (Line line : lines) {
                jdbc.sql("insert into customer_invoice_line (invoice_id, line_no, service, amount) values (:id, :no, :service, :amount)")
                        .param("id", id).param("no", line.lineNo()).param("service", line.service())
                        .param("amount", new BigDecimal(line.amount())).update();
            }
            if (model.model().equals("PREPAID")) {
                warnWhenLow(actor, partnerId, customer.getKey(), number, subtotal.plus(vat));
            }
        }
    }

    /**
     * A prepaid customer whose balance no longer covers an invoice like this one is announced
     * ({@code customer.balance-low}), one whose balance went below zero too ({@code customer.balance-out}):
     * the partner tells its customer to pay.
     */
    private void warnWhenLow(String actor, long partnerId, long customerId, int number, Money total) {
        BigDecimal balance = jdbc.sql("""
                        select coalesce((select sum(amount) from customer_payment
                                          where partner_id = :partner and customer_id = :customer), 0)
                             - coalesce((select sum(total) from customer_invoice
                                          where partner_id = :partner and customer_id = :customer), 0)""")
                .param("partner", partnerId).param("customer", customerId).query(BigDecimal.class).single();
        if (balance.compareTo(total.amount()) >= 0) {
            return;
        }
        String type = balance.signum() < 0 ? "customer.balance-out" : "customer.balance-low";
        events.record(actor, partnerId, type, "customer/" + customerId, "Customer " + customerId + "'s balance is "
                        + Money.twoPlaces(balance) + " after invoice " + number + " of " + total.toDecimalString(),
                Map.of("customerId", customerId, "balance", Money.twoPlaces(balance), "invoice", number));
    }

    /** The customer's invoice of a period (the partner's own, or an operator's view). */
    public Invoice of(Caller caller, long partnerId, long customerId, YearMonth period) {
        partners.find(caller, partnerId);
        return jdbc.sql("select * from customer_invoice where partner_id = :partner and customer_id = :customer and period = :period")
                .param("partner", partnerId).param("customer", customerId).param("period", period.atDay(1))
                .query(this::invoice).optional()
                .orElseThrow(() -> new NotFound("invoice of customer " + customerId + " for", period));
    }

    /** The partner's invoices of a period, by number. */
    public List<Invoice> ofPeriod(Caller caller, long partnerId, YearMonth period) {
        partners.find(caller, partnerId);
        return jdbc.sql("select * from customer_invoice where partner_id = :partner and period = :period order by number")
                .param("partner", partnerId).param("period", period.atDay(1)).query(this::invoice).list();
    }

    /** A customer's invoices with the partner, latest first. */
    public List<Invoice> ofCustomer(long partnerId, long customerId) {
        return jdbc.sql("select * from customer_invoice where partner_id = :partner and customer_id = :customer order by period desc")
                .param("partner", partnerId).param("customer", customerId).query(this::invoice).list();
    }

    /** The sum of a customer's invoice totals with the partner (for its account). */
    BigDecimal totalInvoiced(long partnerId, long customerId) {
        return jdbc.sql("select coalesce(sum(total), 0) from customer_invoice where partner_id = :partner and customer_id = :customer")
                .param("partner", partnerId).param("customer", customerId).query(BigDecimal.class).single();
    }

    /** The partner the invoices are from: its name on the documents. */
    Optional<Partner> issuer(Caller caller, long partnerId) {
        return Optional.of(partners.find(caller, partnerId));
    }

    private Invoice invoice(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("id");
        List<Line> lines = jdbc.sql("select * from customer_invoice_line where invoice_id = :id order by line_no")
                .param("id", id).query((l, i) -> new Line(l.getInt("line_no"), l.getString("service"),
                        l.getBigDecimal("amount").toPlainString())).list();
        BigDecimal vatRate = rs.getBigDecimal("vat_rate");
        return new Invoice(id, rs.getLong("partner_id"), rs.getLong("customer_id"),
                YearMonth.from(rs.getObject("period", LocalDate.class)).toString(), rs.getInt("number"),
                rs.getObject("issued_on", LocalDate.class), rs.getString("payment_model"),
                rs.getObject("due_on", LocalDate.class), lines, rs.getBigDecimal("subtotal").toPlainString(),
                vatRate == null ? null : vatRate.stripTrailingZeros().toPlainString(), rs.getBigDecimal("vat").toPlainString(),
                rs.getBigDecimal("total").toPlainString(), rs.getString("currency"));
    }
}
