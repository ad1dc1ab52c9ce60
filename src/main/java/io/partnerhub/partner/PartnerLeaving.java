package io.partnerhub.partner;

/**
 * What other features do when a partner's exit or revocation takes effect (its links end, its
 * deals and projects are released): the partner feature records the exit notice or revocation and
 * calls every implementation when the end is due, without knowing those features. Implementations
 * run in the caller's transaction and do nothing for a partner whose end already took effect.
 */
public interface PartnerLeaving {

    /** Carries out what is due now that the partner's end date (exit or revocation) has come. */
    void takeEffect(String actor, long partnerId);
}
