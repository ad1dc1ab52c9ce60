package io.partnerhub.demo;

import io.partnerhub.billing.BillingTerms;
import io.partnerhub.billing.PartnerAccounts;
import io.partnerhub.billing.Payments;
import io.partnerhub.partner.Partner;
import io.partnerhub.shared.Caller;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.List;

/**
 * The demo's partner billing, for the billing pages to show something: the closes issued the
 * monthly invoices; each partner paid all but its last two (by their numbers, from its own tax id),
 * and the second Yandex Cloud partner pays after consumption (postpayment).
 */
@Component
class DemoBilling {

    private final Payments payments;
    private final PartnerAccounts accounts;
    private final BillingTerms terms;

    DemoBilling(Payments payments, PartnerAccounts accounts, BillingTerms terms) {
        this.payments = payments;
        this.accounts = accounts;
        this.terms = terms;
    }

    void pay(Caller demo, List<Partner> partners) {
        for (Partner partner : partners) {
            List<PartnerAccounts.InvoiceStatus> invoices = accounts.invoices(demo, partner.id());
            for (PartnerAccounts.InvoiceStatus invoice : invoices.subList(0, Math.max(0, invoices.size() - 2))) {
                payments.enter(demo, new Payments.NewPayment(new BigDecimal(invoice.amount()), invoice.dueOn().minusDays(3),
                        partner.taxId(), "Оплата по счёту № " + invoice.number(), "demo-" + invoice.number()));
            }
        }
        partners.stream().filter(p -> p.programId().equals("yandex-cloud")).skip(1).findFirst()
                .ifPresent(p -> terms.set(demo, p.id(), "POSTPAYMENT", null, 15));
    }
}
