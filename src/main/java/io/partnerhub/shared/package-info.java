/**
 * Plumbing every feature shares: money, time, the database (embedded or external), security and
 * problem details. Nothing here knows a partner program's rules.
 */
package io.partnerhub.shared;
