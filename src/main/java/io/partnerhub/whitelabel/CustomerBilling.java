package io.partnerhub.whitelabel;

import io.partnerhub.customer.Customers;
import io.partnerhub.partner.Partner;
import io.partnerhub.partner.Partners;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.Refusals;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * How a partner bills its customers: its VAT rate (none on a simplified tax system) and the days a
 * postpaid customer has to pay; each customer's payment model (POSTPAID unless set, or PREPAID: paid
 * from the balance its payments make).
 */
@Component
public class CustomerBilling {

    /** The VAT rate when the partner set none: the standard Russian rate from 2026 (Configured). */
    static final BigDecimal DEFAULT_VAT_RATE = new BigDecimal("22");
    static final int DEFAULT_DUE_DAYS = 10;

    private final JdbcClient jdbc;
    private final Partners partners;
    private final Customers customers;
    private final Refusals refusals;

    CustomerBilling(JdbcClient jdbc, Partners partners, Customers customers, Refusals refusals) {
        this.jdbc = jdbc;
        this.partners = partners;
        this.customers = customers;
        this.refusals = refusals;
    }

    /** {@code vatRate} null: the partner charges no VAT (simplified tax system). */
    public record Invoicing(long partnerId, BigDecimal vatRate, int dueDays) {
    }

    public record PaymentModel(long partnerId, long customerId, String model, Integer dueDays) {
    }

    @Transactional
    public Invoicing setInvoicing(Caller caller, long partnerId, boolean simplifiedTaxSystem, BigDecimal vatRate,
                                  Integer dueDays) {
        Partner partner = partners.find(caller, partnerId);
        partner.refuseNewClaimsIfGone("invoicing settings");
        if (simplifiedTaxSystem && vatRate != null && vatRate.signum() != 0) {
            throw refusals.violation("vatRate", "invoicing.simplifiedNoVat", vatRate.stripTrailingZeros().toPlainString());
        }
        BigDecimal rate = simplifiedTaxSystem ? null : vatRate == null ? DEFAULT_VAT_RATE : vatRate;
        jdbc.sql("""
                        insert into customer_invoicing (partner_id, vat_rate, due_days, updated_by)
                        values (:partner, :vat, :due, :by)
                        on conflict (partner_id) do update set vat_rate = :vat, due_days = :due, updated_by = :by""")
                .param("partner", partnerId).param("vat", rate).param("due", dueDays == null ? DEFAULT_DUE_DAYS : dueDays)
                .param("by", caller.name()).update();
        return invoicing(partnerId);
    }

    /** The partner's settings; the defaults where it set none. */
    public Invoicing invoicing(long partnerId) {
        return jdbc.sql("select * from customer_invoicing where partner_id = :partner").param("partner", partnerId)
                .query((rs, i) -> new Invoicing(partnerId, rs.getBigDecimal("vat_rate"), rs.getInt("due_days")))
                .optional().orElse(new Invoicing(partnerId, DEFAULT_VAT_RATE, DEFAULT_DUE_DAYS));
    }

    @Transactional
    public PaymentModel setPaymentModel(Caller caller, long partnerId, long customerId, String model, Integer dueDays) {
        partners.find(caller, partnerId);
        refuseNotItsCustomer(caller, partnerId, customerId);
        if (model.equals("PREPAID") && dueDays != null) {
            throw refusals.violation("dueDays", "paymentModel.prepaidNoDueDays");
        }
        jdbc.sql("""
                        insert into customer_payment_model (partner_id, customer_id, model, due_days, updated_by)
                        values (:partner, :customer, :model, :due, :by)
                        on conflict (partner_id, customer_id) do update set model = :model, due_days = :due, updated_by = :by""")
                .param("partner", partnerId).param("customer", customerId).param("model", model).param("due", dueDays)
                .param("by", caller.name()).update();
        return paymentModel(partnerId, customerId);
    }

    /** The customer's model with the partner: POSTPAID with the partner's due days unless set. */
    public PaymentModel paymentModel(long partnerId, long customerId) {
        return jdbc.sql("select * from customer_payment_model where partner_id = :partner and customer_id = :customer")
                .param("partner", partnerId).param("customer", customerId)
                .query((rs, i) -> new PaymentModel(partnerId, customerId, rs.getString("model"),
                        (Integer) rs.getObject("due_days")))
                .optional().orElse(new PaymentModel(partnerId, customerId, "POSTPAID", null));
    }

    /** Refuses a customer never linked to the partner, as one that does not exist. */
    void refuseNotItsCustomer(Caller caller, long partnerId, long customerId) {
        boolean its = customers.linksOfPartner(caller, partnerId).stream().anyMatch(l -> l.customerId() == customerId);
        if (!its) {
            throw new io.partnerhub.shared.NotFound("customer of partner " + partnerId, customerId);
        }
    }

    /** Today's day for payments recorded without one. */
    static LocalDate orToday(LocalDate day, LocalDate today) {
        return day == null ? today : day;
    }
}
