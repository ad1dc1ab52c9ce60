package io.partnerhub.whitelabel;

import io.partnerhub.customer.Customer;
import io.partnerhub.customer.Customers;
import io.partnerhub.customer.Link;
import io.partnerhub.partner.Partner;
import io.partnerhub.partner.Partners;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.Money;
import io.partnerhub.shared.Today;
import io.partnerhub.usage.ServiceConsumption;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What each customer would have paid in a month (by default last month) under a draft price list,
 * beside what it paid under the price list in force then: the same per-service pricing and
 * rounding the invoices use, VAT left out. Nothing is stored; a draft below the partner's cost is
 * refused as setting it would be.
 */
@Component
public class PricePreview {

    private final Partners partners;
    private final Customers customers;
    private final PriceLists priceLists;
    private final ServiceConsumption consumption;
    private final ProgramCatalog programs;
    private final Today today;

    PricePreview(Partners partners, Customers customers, PriceLists priceLists, ServiceConsumption consumption,
                 ProgramCatalog programs, Today today) {
        this.partners = partners;
        this.programs = programs;
        this.customers = customers;
        this.priceLists = priceLists;
        this.consumption = consumption;
        this.today = today;
    }

    /** {@code current} null where no price list was in force that month. */
    public record CustomerPreview(long customerId, String customerName, String current, String draft, String difference) {
    }

    public record Preview(long partnerId, String period, List<CustomerPreview> customers, String current, String draft) {
    }

    public Preview of(Caller caller, long partnerId, YearMonth month, BigDecimal defaultMarkup,
                      List<PriceLists.ServiceMarkup> services) {
        Partner partner = partners.find(caller, partnerId);
        YearMonth period = month == null ? YearMonth.from(today.date()).minusMonths(1) : month;
        priceLists.checkDraft(partner, period.atDay(1), defaultMarkup, services);
        PriceLists.PriceList draft = new PriceLists.PriceList(0, partnerId, period.atDay(1), defaultMarkup, services);
        Optional<PriceLists.PriceList> inForce = priceLists.inForce(partnerId, period);
        String currency = programs.find(partner.programId()).map(Program::currency).orElseThrow();
        Money totalCurrent = Money.zero(currency).rounded();
        Money totalDraft = Money.zero(currency).rounded();
        List<CustomerPreview> rows = new ArrayList<>();
        TreeSet<Long> linked = new TreeSet<>();
        for (Link link : customers.linksOfPartner(caller, partnerId)) {
            if (link.from().isBefore(period.plusMonths(1).atDay(1)) && (link.to() == null || link.to().isAfter(period.atDay(1)))) {
                linked.add(link.customerId());
            }
        }
        for (long customerId : linked) {
            Customer customer = customers.find(caller, customerId);
            List<ServiceConsumption.ServiceMonth> used = consumption.ofAccount(customer.accountId(), period).stream()
                    .filter(s -> s.month().equals(period)).toList();
            if (used.isEmpty()) {
                continue;
            }
            Money draftSum = Money.zero(currency).rounded();
            Money currentSum = Money.zero(currency).rounded();
            for (ServiceConsumption.ServiceMonth service : used) {
                Money list = new Money(service.listCost(), currency);
                draftSum = draftSum.plus(price(list, draft.markupOf(service.service())));
                if (inForce.isPresent()) {
                    currentSum = currentSum.plus(price(list, inForce.get().markupOf(service.service())));
                }
            }
            totalDraft = totalDraft.plus(draftSum);
            totalCurrent = totalCurrent.plus(currentSum);
            rows.add(new CustomerPreview(customerId, customer.name(), inForce.isPresent() ? currentSum.toDecimalString() : null,
                    draftSum.toDecimalString(), inForce.isPresent() ? draftSum.minus(currentSum).toDecimalString() : null));
        }
        return new Preview(partnerId, period.toString(), rows, inForce.isPresent() ? totalCurrent.toDecimalString() : null,
                totalDraft.toDecimalString());
    }

    /** A customer's price for a service's list cost: the invoices' pricing, rounded per line. */
    static Money price(Money list, BigDecimal markup) {
        return list.plus(list.percent(markup)).rounded();
    }
}
