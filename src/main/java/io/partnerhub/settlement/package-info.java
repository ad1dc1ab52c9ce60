/**
 * The monthly close: a pure rules engine ({@link io.partnerhub.settlement.StatementRules}) turns one
 * partner's facts for a period into an explained statement, and {@link io.partnerhub.settlement.PeriodClose}
 * gathers those facts set-wise, stores the statements and seals the period in one transaction, so a
 * close interrupted at any point leaves nothing behind and running it again gives the same result.
 */
package io.partnerhub.settlement;
