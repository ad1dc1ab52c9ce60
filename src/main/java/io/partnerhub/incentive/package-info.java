/**
 * Incentives a program gives partners to win and keep customers (docs/incentives.md): bonus
 * top-up codes, trials, free months, the sandbox, one-off bonuses, co-marketing and warm leads. The
 * numbers are program data ({@code program.IncentiveRule}); this feature enforces them as of the
 * day of the request and records what was granted; the close settles their money.
 */
package io.partnerhub.incentive;
