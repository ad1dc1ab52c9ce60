package io.partnerhub.billing;

import io.partnerhub.partner.Partners;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.Money;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;

/**
 * How the provider bills a partner (API.md, {@code PUT /partners/{id}/billing}): advance payment
 * (PREPAYMENT) or postpayment, the billing threshold of a postpaid partner, the days its invoices
 * give to pay (the platform's default when unset). A change counts from the next invoice on.
 */
@Component
public class BillingTerms {

    private final Partners partners;
    private final PartnerInvoices invoices;
    private final BillingSettings settings;

    BillingTerms(Partners partners, PartnerInvoices invoices, BillingSettings settings) {
        this.partners = partners;
        this.invoices = invoices;
        this.settings = settings;
    }

    /** {@code dueDays} is what the partner's invoices give: its own, or the default. */
    public record Terms(long partnerId, String paymentTerms, String billingThreshold, int dueDays) {
    }

    @Transactional
    public Terms set(Caller caller, long partnerId, String paymentTerms, BigDecimal billingThreshold, Integer dueDays) {
        partners.changeBillingTerms(caller, partnerId, paymentTerms, billingThreshold, dueDays);
        return of(caller, partnerId);
    }

    public Terms of(Caller caller, long partnerId) {
        partners.find(caller, partnerId);
        PartnerInvoices.Payer payer = invoices.payer(partnerId);
        return new Terms(partnerId, payer.paymentTerms(),
                payer.billingThreshold() == null ? null : Money.twoPlaces(payer.billingThreshold()),
                payer.dueDays() == null ? settings.dueDays() : payer.dueDays());
    }
}
