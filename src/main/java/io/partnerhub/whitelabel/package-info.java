/**
 * White label and customer billing (docs/whitelabel.md): a white-label partner's brand, the price
 * lists at which a partner that contracts with its customers sells to them, the customers' payment
 * models, payments and accounts, and the invoices in the partner's name the close issues.
 */
package io.partnerhub.whitelabel;
