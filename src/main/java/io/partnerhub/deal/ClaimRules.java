package io.partnerhub.deal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.partnerhub.deal.ClaimFacts.ActiveDeal;
import io.partnerhub.deal.ClaimFacts.CustomerFact;
import io.partnerhub.deal.ClaimFacts.LinkFact;
import io.partnerhub.deal.ClaimFacts.ProjectFact;
import io.partnerhub.program.DealTerms;
import io.partnerhub.program.DealTerms.ClaimKind;

/**
 * Which rules a deal registration breaks, in the order they are judged (docs/deals.md): the claims
 * the program's {@code claimPrecedence} puts before a deal and the deals of other partners, in that
 * order; then a direct customer of the provider; then, where the program registers deals for new
 * customers only, consumption before the registration date. Pure: the facts come in.
 */
final class ClaimRules {

    private ClaimRules() {
    }

    /**
     * A registration, or a pending deal judged again ({@code dealId} set, so it does not conflict
     * with itself). {@code madeOn} is the day the registration was made: an operator may date it
     * earlier ({@code registeredOn}), yet whether the customer is new is judged on what was known
     * that day, so a backdated registration cannot make a consuming customer new again.
     */
    record Candidate(Long dealId, long partnerId, String taxId, LocalDate registeredOn, LocalDate madeOn, String email,
                     String domain, DealTerms terms, String programName) {

        /** The day the new-customer rule looks before: the registration date, or the day it was made if later. */
        LocalDate newCustomerOn() {
            return madeOn == null || madeOn.isBefore(registeredOn) ? registeredOn : madeOn;
        }
    }

    /** The web domains a registration gives: its domain, and its e-mail's unless a public mail provider's. */
    static Set<String> webDomains(String email, String domain, PublicMailDomains publicMail) {
        Set<String> domains = new LinkedHashSet<>();
        if (domain != null) {
            domains.add(domain);
        }
        String ofEmail = CustomerContacts.domainOf(email);
        if (ofEmail != null && !publicMail.isPublic(ofEmail)) {
            domains.add(ofEmail);
        }
        return domains;
    }

    static List<ClaimConflict> conflicts(Candidate c, ClaimFacts facts, PublicMailDomains publicMail) {
        List<ClaimConflict> conflicts = new ArrayList<>();
        List<CustomerFact> customers = facts.customers().stream().filter(x -> x.taxId().equals(c.taxId())).toList();
        for (ClaimKind kind : c.terms().claimPrecedence()) {
            if (kind == ClaimKind.DEAL) {
                conflicts.addAll(otherDeals(c, facts, publicMail));
            } else if (c.terms().precedes(kind, ClaimKind.DEAL)) {
                conflicts.addAll(kind == ClaimKind.LINK ? otherLinks(c, customers, facts) : otherProjects(c, customers, facts));
            }
        }
        direct(c, customers, facts).ifPresent(conflicts::add);
        if (c.terms().newCustomerOnly()) {
            consumedBefore(c, customers, facts).ifPresent(conflicts::add);
        }
        return conflicts;
    }

    private static List<ClaimConflict> otherDeals(Candidate c, ClaimFacts facts, PublicMailDomains publicMail) {
        Set<String> domains = webDomains(c.email(), c.domain(), publicMail);
        List<ClaimConflict> conflicts = new ArrayList<>();
        for (ActiveDeal d : facts.activeDeals()) {
            if (d.partnerId() == c.partnerId() || Long.valueOf(d.id()).equals(c.dealId())) {
                continue;
            }
            String claim = "deal/" + d.id();
            if (d.taxId().equals(c.taxId())) {
                conflicts.add(new ClaimConflict(DealRule.ACTIVE_DEAL_TAX_ID, DealWords.of("deals.reason.ACTIVE_DEAL_TAX_ID",
                        c.taxId(), d.registeredOn()), claim, d.partnerId()));
            } else if (c.email() != null && c.email().equals(d.email())) {
                conflicts.add(new ClaimConflict(DealRule.ACTIVE_DEAL_EMAIL, DealWords.of("deals.reason.ACTIVE_DEAL_EMAIL",
                        c.email(), d.registeredOn()), claim, d.partnerId()));
            } else {
                Set<String> theirs = webDomains(d.email(), d.domain(), publicMail);
                domains.stream().filter(w -> theirs.stream().anyMatch(x -> CustomerContacts.related(w, x))).findFirst()
                        .ifPresent(w -> conflicts.add(new ClaimConflict(DealRule.ACTIVE_DEAL_DOMAIN, w.equals(c.domain())
                                ? DealWords.of("deals.reason.ACTIVE_DEAL_DOMAIN", CustomerContacts.shown(w), d.registeredOn())
                                : DealWords.of("deals.reason.ACTIVE_DEAL_DOMAIN_OF_EMAIL", CustomerContacts.shown(w),
                                        c.email(), d.registeredOn()),
                                claim, d.partnerId())));
            }
        }
        return conflicts;
    }

    /**
     * The earliest link to another partner in force on the registration date or later. A link to a
     * customer record a partner created and whose account never consumed is only for the operator's
     * review; any other such link rejects.
     */
    private static List<ClaimConflict> otherLinks(Candidate c, List<CustomerFact> customers, ClaimFacts facts) {
        Set<Long> unproven = customers.stream().filter(facts::unproven).map(CustomerFact::id).collect(Collectors.toSet());
        List<LinkFact> others = linksOf(customers, facts).stream()
                .filter(l -> l.partnerId() != c.partnerId() && l.inForceOnOrAfter(c.registeredOn()))
                .sorted(Comparator.comparing(LinkFact::from))
                .toList();
        Optional<LinkFact> rejecting = others.stream().filter(l -> !unproven.contains(l.customerId())).findFirst();
        if (rejecting.isPresent()) {
            LinkFact l = rejecting.get();
            return List.of(new ClaimConflict(DealRule.LINKED_TO_ANOTHER_PARTNER, DealWords.of(
                    "deals.reason.LINKED_TO_ANOTHER_PARTNER", c.taxId(), l.from()), "link/" + l.id(), l.partnerId()));
        }
        return others.stream().limit(1)
                .map(l -> new ClaimConflict(DealRule.LINKED_TO_ANOTHER_PARTNER, DealWords.of(
                        "deals.reason.LINKED_TO_UNPROVEN_CUSTOMER", c.taxId(), l.from()), "link/" + l.id(),
                        l.partnerId(), true))
                .toList();
    }

    private static List<ClaimConflict> otherProjects(Candidate c, List<CustomerFact> customers, ClaimFacts facts) {
        Set<Long> ids = customers.stream().map(CustomerFact::id).collect(Collectors.toSet());
        return facts.projects().stream()
                .filter(p -> ids.contains(p.customerId()) && p.partnerId() != c.partnerId()
                        && p.validUntil().isAfter(c.registeredOn()))
                .sorted(Comparator.comparing(ProjectFact::registeredOn))
                .limit(1)
                .map(p -> new ClaimConflict(DealRule.PROJECT_OF_ANOTHER_PARTNER, DealWords.of(
                        "deals.reason.PROJECT_OF_ANOTHER_PARTNER", c.taxId(), p.registeredOn(), p.validUntil(),
                        c.programName()), "project/" + p.id(), p.partnerId()))
                .toList();
    }

    /** A customer with the tax id that consumes and has no link in force on or after the registration date. */
    private static Optional<ClaimConflict> direct(Candidate c, List<CustomerFact> customers, ClaimFacts facts) {
        return customers.stream()
                .filter(x -> facts.links().stream().noneMatch(l -> l.customerId() == x.id() && l.inForceOnOrAfter(c.registeredOn())))
                .filter(x -> facts.consumptionOf(x.accountId()).any())
                .findFirst()
                .map(x -> new ClaimConflict(DealRule.DIRECT_CUSTOMER, DealWords.of("deals.reason.DIRECT_CUSTOMER",
                        c.taxId(), c.registeredOn()), "customer/" + x.id(), null,
                        c.terms().directCustomer() == DealTerms.DirectCustomer.REVIEW));
    }

    /**
     * Yandex Cloud's new-customer rule, judged on the consumption before the registration date, or
     * before the day the registration was made where an operator dated it earlier.
     */
    private static Optional<ClaimConflict> consumedBefore(Candidate c, List<CustomerFact> customers, ClaimFacts facts) {
        CustomerFact first = null;
        LocalDate firstDay = null;
        LocalDate judgedOn = c.newCustomerOn();
        for (CustomerFact customer : customers) {
            Optional<LocalDate> day = facts.consumptionOf(customer.accountId()).firstBefore(judgedOn);
            if (day.isPresent() && (firstDay == null || day.get().isBefore(firstDay))) {
                first = customer;
                firstDay = day.get();
            }
        }
        if (first == null) {
            return Optional.empty();
        }
        return Optional.of(new ClaimConflict(DealRule.NOT_A_NEW_CUSTOMER, judgedOn.equals(c.registeredOn())
                ? DealWords.of("deals.reason.NOT_A_NEW_CUSTOMER", c.taxId(), firstDay, c.registeredOn(), c.programName())
                : DealWords.of("deals.reason.NOT_A_NEW_CUSTOMER_BACKDATED", c.taxId(), firstDay, c.registeredOn(),
                        judgedOn, c.programName()),
                "customer/" + first.id(), null));
    }

    private static List<LinkFact> linksOf(List<CustomerFact> customers, ClaimFacts facts) {
        Set<Long> ids = customers.stream().map(CustomerFact::id).collect(Collectors.toSet());
        return facts.links().stream().filter(l -> ids.contains(l.customerId())).toList();
    }
}
