package io.partnerhub.deal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What the claim rules look at for some registrations: the customers with their tax ids, those
 * customers' links and project registrations, the days their accounts consumed, and the active
 * deals that share a tax id, an e-mail or a related domain with one of them.
 */
record ClaimFacts(List<CustomerFact> customers, List<LinkFact> links, List<ProjectFact> projects,
                  Map<String, ConsumptionDays> consumption, List<ActiveDeal> activeDeals) {

    /** A customer; {@code createdByPartner}: a partner made the record, not the operator. */
    record CustomerFact(long id, String taxId, String accountId, boolean createdByPartner) {
    }

    /** A customer's link to a partner; {@code to} is exclusive, null while open. */
    record LinkFact(long id, long partnerId, long customerId, LocalDate from, LocalDate to) {

        boolean inForceOnOrAfter(LocalDate day) {
            return to == null || to.isAfter(day);
        }
    }

    record ProjectFact(long id, long partnerId, long customerId, LocalDate registeredOn, LocalDate validUntil) {
    }

    /** A pending or approved deal. */
    record ActiveDeal(long id, long partnerId, String taxId, LocalDate registeredOn, String email, String domain) {
    }

    ConsumptionDays consumptionOf(String accountId) {
        return consumption.getOrDefault(accountId, ConsumptionDays.NONE);
    }

    /**
     * A customer record only a partner vouches for: a partner created it and its account never
     * consumed. Anyone can type a tax id, so such a record (and a link to it) proves no relationship
     * with the company: it never rejects another partner's deal, the operator decides (tax-id
     * squatting, docs/deals.md).
     */
    boolean unproven(CustomerFact customer) {
        return customer.createdByPartner() && !consumptionOf(customer.accountId()).any();
    }
}
