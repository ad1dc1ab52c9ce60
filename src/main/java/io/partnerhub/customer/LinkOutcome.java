package io.partnerhub.customer;

/**
 * What asking for a link gives: the {@link Link} itself, or, where the program requires the
 * customer's consent and a partner asked, a {@link PendingLink} waiting for the customer.
 */
public sealed interface LinkOutcome permits Link, PendingLink {
}
