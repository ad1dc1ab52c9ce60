package io.partnerhub.deal;

/**
 * The rule that decided a deal without an operator: a conflict that rejected the registration,
 * the auto-approval, or the end of its protection. Reasons built from these rules never name
 * another partner.
 */
public enum DealRule {
    /** Another partner holds an active deal for the same customer tax id. */
    ACTIVE_DEAL_TAX_ID,
    /** The customer's web domain (or its e-mail's) matches an active deal of another partner. */
    ACTIVE_DEAL_DOMAIN,
    /** The customer's e-mail address matches an active deal of another partner. */
    ACTIVE_DEAL_EMAIL,
    /** A customer with the tax id is linked to another partner, and a link precedes a deal. */
    LINKED_TO_ANOTHER_PARTNER,
    /** Another partner registered a project at a customer with the tax id, and a project precedes a deal. */
    PROJECT_OF_ANOTHER_PARTNER,
    /** A customer with the tax id consumes and is linked to no partner: the provider serves it. */
    DIRECT_CUSTOMER,
    /** The program registers deals for new customers only, and this one consumed before the registration date. */
    NOT_A_NEW_CUSTOMER,
    /** Approved at registration by the program's auto-approval rule. */
    AUTO_APPROVAL,
    /** Expired: not linked to the partner and consuming within the protection days after approval. */
    NOT_LINKED_AND_CONSUMING,
    /** Expired: the customer's link to the partner ended and was not renewed within the protection days. */
    LINK_ENDED
}
