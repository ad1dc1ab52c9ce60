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

    record CustomerFact(long id, String taxId, String accountId) {
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
}
