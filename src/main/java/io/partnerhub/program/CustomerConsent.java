package io.partnerhub.program;

/**
 * Whether a customer must accept a partner's link before it counts. Where it is {@link #REQUIRED},
 * a link a partner asks for waits for the customer's confirmation, and an operator who links a
 * customer states the day the customer consented.
 */
public enum CustomerConsent {
    /** The partner's word is enough: a link counts from its first day (the default). */
    NOT_REQUIRED,
    /** The customer confirms the link (a confirmation link, or an operator stating the consent). */
    REQUIRED
}
