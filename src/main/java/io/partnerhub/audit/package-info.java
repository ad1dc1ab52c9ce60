/**
 * The audit log: every state-changing API request and portal form post (sign-in and sign-out
 * included) with who made it, what it asked, when, and how it ended. Entries are append-only; the
 * database refuses updates and deletes. Others read it only through {@link io.partnerhub.audit.AuditLog}.
 */
package io.partnerhub.audit;
