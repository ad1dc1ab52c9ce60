/**
 * Partner billing: payments read from the bank's statement in the 1C exchange format
 * ({@code 1CClientBankExchange}), so that each incoming payment can be matched to its partner by tax id
 * and to its invoice by the number in the payment purpose. The reader is pure: bytes in, records or
 * every problem of the file out, no I/O, no Spring, no clock.
 */
package io.partnerhub.billing;
