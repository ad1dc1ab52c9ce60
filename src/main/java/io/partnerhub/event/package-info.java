/**
 * Lifecycle events: an append-only record of what happened to partners, customers, links and
 * deals, readable since a cursor by the portal and by outside systems.
 */
package io.partnerhub.event;
