package io.partnerhub.settlement;

import io.partnerhub.ledger.RebateLedger;
import io.partnerhub.partner.Partners;
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

    Consequences(Partners partners, RebateLedger ledger, ObjectMapper json) {
        this.partners = partners;
        this.ledger = ledger;
        this.json = json;
    }

    /** A tier change, accruals to the balance, Bonus returned, and on a final statement the rest of the balance paid out (after the accruals). */
    void carryOut(String actor, Consequence c) {
        c.standingChange().ifPresent(change -> partners.changeStanding(c.partnerId(),
                change.effectiveFrom(), change.model(), change.tier(), ReasonText.english(change.reason()), change.reason().code(),
                json.writeValueAsString(change.reason().jsonArgs())));
        c.accruals().forEach(accrual -> ledger.accrue(actor, c.partnerId(), accrual.amount(), c.period(), accrual.reference()));
        c.bonusReturns().forEach(back -> ledger.returnBonus(actor, c.partnerId(), back.withdrawalEntryId(),
                back.amount(), c.period(), Reason.of("ledger.bonusReturned", c.period())));
        c.finalPayout().ifPresent(payout -> ledger.payOutFinalBalance(actor, c.partnerId(), payout.amount(),
                c.period(), payout.reference()));
    }
}
