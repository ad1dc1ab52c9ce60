/**
 * Demo data for a first look: on the first start of an empty embedded database, a few partners of
 * each program with customers, deals and months of usage, made through the same services the API
 * uses. {@code PARTNERHUB_DEMO=false} skips it.
 */
package io.partnerhub.demo;
