package io.partnerhub.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.partnerhub.event.Events;
import io.partnerhub.partner.Partner;
import io.partnerhub.partner.Partners;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.ClosedPeriods;
import io.partnerhub.shared.ProblemException;
import io.partnerhub.shared.RuleViolation;
import io.partnerhub.shared.Today;

/**
 * A partner asking for a customer it has no relationship with, by the facts the customer gave it
 * (tax id and account id): the answer is the same whether such a customer exists, whom it is
 * linked to, or whether the move is possible, so the partner learns nothing about others'
 * customers. Only the partner's own facts (the day, its membership) are judged aloud. Where a
 * customer matches and could move, its contact on record gets the confirmation link; otherwise
 * the request waits for an operator, or expires.
 */
@Service
class TransferRequests {

    private final LinkRequests requests;
    private final Links links;
    private final Transfers transfers;
    private final Partners partners;
    private final ClosedPeriods closedPeriods;
    private final Events events;
    private final Today today;

    TransferRequests(LinkRequests requests, Links links, Transfers transfers, Partners partners,
                     ClosedPeriods closedPeriods, Events events, Today today) {
        this.requests = requests;
        this.links = links;
        this.transfers = transfers;
        this.partners = partners;
        this.closedPeriods = closedPeriods;
        this.events = events;
        this.today = today;
    }

    /** What the partner is told: that the request is received, and nothing about the customer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Received(String status, long requestId, String kind, long partnerId, String taxId, String accountId,
                    LocalDate on, String referralReward, Instant expiresAt) {
    }

    @Transactional
    Received request(Caller caller, long partnerId, String taxId, String accountId, LocalDate on, String referralReward) {
        Partner partner = partners.find(caller, partnerId);
        if (on.isBefore(today.date())) {
            throw RuleViolation.of("on", "cannot be before today (" + today.date() + "): a transfer a partner asks for"
                    + " takes effect on the day the customer confirms it or later");
        }
        links.refuseOutsideMembership(partner, on, "on");
        closedPeriods.refuseDayIn("on", on);
        LinkRequests.StatedFacts facts = new LinkRequests.StatedFacts(taxId.strip(), accountId.strip());
        String reward = referralReward == null ? "MONTHLY" : referralReward;
        requests.cancelOpenByFacts(caller.name(), partner.id(), facts);
        LinkRequests.Stored stored = requests.store(caller.name(), partner, null, facts, LinkRequests.Kind.TRANSFER,
                on, null, reward);
        Long matched = stored.matchedCustomerId();
        if (matched != null && couldMove(partner, matched, on)) {
            requests.sendToContact(partner, matched, LinkRequests.Kind.TRANSFER, stored);
        }
        events.record(caller.name(), partner.id(), "link.requested", "link-request/" + stored.id(), "Partner "
                        + partner.id() + " asked for the customer with tax id " + facts.taxId() + " and account "
                        + facts.accountId() + " from " + on + "; the request expires " + stored.expiresAt(),
                Map.of("requestId", stored.id(), "kind", LinkRequests.Kind.TRANSFER, "from", on,
                        "expiresAt", stored.expiresAt()));
        return new Received("RECEIVED", stored.id(), LinkRequests.Kind.TRANSFER.name(), partner.id(), facts.taxId(),
                facts.accountId(), on, reward, stored.expiresAt());
    }

    /**
     * Whether the customer could move to the partner on {@code on} now: then it is asked. Otherwise
     * it is not disturbed; the refusal is not told to the partner, and an operator sees it on confirming.
     */
    private boolean couldMove(Partner partner, long customerId, LocalDate on) {
        try {
            if (links.on(customerId, on).isPresent()) {
                transfers.refuseInvalid(partner, customerId, on);
            } else {
                links.refuseInvalid(partner, customerId, on, null);
            }
            return true;
        } catch (ProblemException refused) {
            return false;
        }
    }
}
