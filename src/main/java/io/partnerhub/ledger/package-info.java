/**
 * The rebate ledger: rebates accrue to a partner's balance and are withdrawn to Bonus (applied to
 * an open period's payable) or to the bank account (a payout). Entries are never edited; a
 * withdrawal never exceeds the balance, also when several arrive at once.
 */
package io.partnerhub.ledger;
