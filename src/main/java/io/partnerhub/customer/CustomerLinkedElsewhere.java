package io.partnerhub.customer;

import io.partnerhub.shared.Conflict;

/**
 * A link would overlap another link of the customer: a customer belongs to one partner at a time.
 * The detail names the holder, for operators; {@link #toldTo} says it without naming another
 * partner, for a partner (docs/lifecycle.md, "What a partner learns").
 */
class CustomerLinkedElsewhere extends Conflict {

    private final long customerId;
    private final long holderId;

    CustomerLinkedElsewhere(long customerId, long holderId, String detail) {
        super(detail);
        this.customerId = customerId;
        this.holderId = holderId;
    }

    /** The conflict as the partner {@code partnerId} may read it: its own link named, another partner's not. */
    Conflict toldTo(long partnerId) {
        String holder = holderId == partnerId ? "this partner" : "another partner";
        return new Conflict("Customer " + customerId + " is linked to " + holder + " for part of that interval;"
                + " a customer belongs to one partner at a time.");
    }
}
