/**
 * Demo data for a first look: on the first start of an empty embedded database, a few partners of
 * each program with customers, deals and months of usage, made through the same services the API
 * uses. The story holds together: each approval is given within its program's approval deadline, and
 * the files of tokens and sign-ins name each partner as the demo's closes left it ({@code DemoDataTest}).
 * {@code PARTNERHUB_DEMO=false} skips it.
 */
package io.partnerhub.demo;
