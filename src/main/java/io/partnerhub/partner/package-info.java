/**
 * Partners: joining a program under its eligibility rules, their model and tier over time,
 * API tokens, exam passes, exit notices and revocation.
 */
package io.partnerhub.partner;
