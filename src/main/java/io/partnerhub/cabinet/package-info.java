/**
 * The customer cabinet (docs/whitelabel.md): people of a partner's customer, invited by the
 * partner, sign in at {@code /cabinet/{partnerId}/} under the partner's brand and read their
 * consumption at their prices, their invoices and their balance, and nothing else. A cabinet
 * session is its own kind of sign-in: it never counts as a portal user, an operator or a token.
 */
package io.partnerhub.cabinet;
