package io.partnerhub.deal;

/** Why a partner lost a deal; {@code OTHER} needs a note saying what happened. */
public enum LostReason {
    PRICE, COMPETITOR, NO_BUDGET, NO_DECISION, OTHER
}
