/**
 * Incentives a program gives partners (Oblakoteka, seed 002; PROGRAMS.md "Oblakoteka"): joint
 * co-marketing events the provider co-funds within a quarterly budget, and warm leads passed to
 * partners by declared specialization. The numbers are program data ({@code IncentiveRule}); see
 * docs/incentives.md.
 */
package io.partnerhub.incentive;
