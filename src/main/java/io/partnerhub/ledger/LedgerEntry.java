package io.partnerhub.ledger;

import java.time.Instant;
import java.time.YearMonth;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of a partner's rebate ledger. {@code amount} is a decimal string with two places:
 * positive for an accrual, negative for a withdrawal.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LedgerEntry(long id, String kind, String amount, String currency, YearMonth period, String destination,
                          String reference, Long corrects, Instant createdAt, String createdBy) {
}
