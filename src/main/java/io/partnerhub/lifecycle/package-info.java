/**
 * What happens across features when a partner leaves the program: on its exit date (a daily task,
 * and inside a month's close for exits due by the month's end) or at once for a revocation, its
 * customer links end, its deals and project registrations are released and its open link requests
 * are withdrawn, once. The final statement's payout of the rebate balance is the close's work.
 */
package io.partnerhub.lifecycle;
