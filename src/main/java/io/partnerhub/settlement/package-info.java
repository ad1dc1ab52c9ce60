/**
 * The monthly close: the pure rules ({@link io.partnerhub.settlement.rules}) turn one partner's facts
 * for a period into an explained statement, and {@link io.partnerhub.settlement.PeriodClose} gathers
 * those facts set-wise, stores the statements and seals the period in one transaction, so a close
 * interrupted at any point leaves nothing behind and running it again gives the same result; or,
 * shared by the instances ({@code SharedClose}), in parts staged apart and issued by one finishing
 * transaction, to the same statements. Lines
 * explain themselves with a {@link io.partnerhub.shared.Reason} (a code and its arguments);
 * {@link io.partnerhub.shared.ReasonText} puts it in the reader's language from the bundles.
 */
package io.partnerhub.settlement;
