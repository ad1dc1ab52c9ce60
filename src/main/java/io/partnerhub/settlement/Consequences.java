package io.partnerhub.settlement;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import io.partnerhub.ledger.RebateLedger;
import io.partnerhub.event.Events;
import io.partnerhub.whitelabel.CustomerInvoices;
import io.partnerhub.partner.Partners;
import io.partnerhub.shared.AfterClose;
import io.partnerhub.shared.Reason;
import io.partnerhub.shared.ReasonText;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Carries out what statements decide besides themselves, in the close's transaction, after every
 * statement of the month is stored: the one-transaction close and the finish of a shared close alike.
 */
@Component
class Consequences {

    private final Partners partners;
    private final RebateLedger ledger;
    private final ObjectMapper json;
    private final Events events;
    private final CustomerInvoices customerInvoices;
    private final List<AfterClose> afterClose;

    Consequences(Partners partners, RebateLedger ledger, ObjectMapper json, Events events,
                 CustomerInvoices customerInvoices, List<AfterClose> afterClose) {
        this.afterClose = afterClose;
        this.customerInvoices = customerInvoices;
        this.partners = partners;
        this.ledger = ledger;
        this.json = json;
        this.events = events;
    }

    /**
     * A tier change, accruals to the balance, Bonus returned, on a final statement the rest of the balance
     * paid out (after the accruals), an event for each one-off bonus paid out, and the invoices of a
     * partner that bills its customers through the platform.
     */
    void carryOut(String actor, Consequence c) {
        c.standingChange().ifPresent(change -> partners.changeStanding(c.partnerId(),
                change.effectiveFrom(), change.model(), change.tier(), ReasonText.english(change.reason()), change.reason().code(),
                json.writeValueAsString(change.reason().jsonArgs())));
        c.accruals().forEach(accrual -> ledger.accrue(actor, c.partnerId(), accrual.amount(), c.period(), accrual.reference()));
        c.bonusReturns().forEach(back -> ledger.returnBonus(actor, c.partnerId(), back.withdrawalEntryId(),
                back.amount(), c.period(), Reason.of("ledger.bonusReturned", c.period())));
        c.finalPayout().ifPresent(payout -> ledger.payOutFinalBalance(actor, c.partnerId(), payout.amount(),
                c.period(), payout.reference()));
        c.bonusPayouts().forEach(bonus -> events.record(actor, c.partnerId(), "bonus.paid-out",
                "statement/" + c.partnerId() + "/" + c.period(), "One-off bonus of " + bonus.amount().toDecimalString()
                        + " paid out on the statement of " + c.period() + ": " + ReasonText.english(bonus.reason()),
                Map.of("period", c.period(), "lineNo", bonus.lineNo(), "amount", bonus.amount().toDecimalString())));
        if (!c.customerConsumption().isEmpty()) {
            customerInvoices.issue(actor, c.partnerId(), c.period(), c.customerConsumption());
        }
    }

    /** What follows from the month's statements as a whole (the partners' invoices), once they are all stored. */
    void monthIssued(String actor, YearMonth month) {
        afterClose.forEach(step -> step.afterClose(actor, month));
    }
}
