/**
 * The audit log: every state-changing API request with who made it, what it asked, when, and
 * how it ended. Entries are append-only; the database refuses updates and deletes.
 */
package io.partnerhub.audit;
