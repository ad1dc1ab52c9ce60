package io.partnerhub.program;

/**
 * One model a program version allows.
 *
 * @param id          the model
 * @param settlement  discount on the partner's invoice, or reward paid out
 * @param initialTier the tier a partner contracting in this model starts in; null when the
 *                    program has no tiers for it
 */
public record ModelTerms(PartnerModel id, Settlement settlement, String initialTier) {
}
