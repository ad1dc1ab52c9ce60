package io.partnerhub.ledger;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of a partner's rebate ledger. {@code amount} is a decimal string with two places:
 * positive for an accrual, negative for a withdrawal. {@code reference} says why, in the reader's
 * language, from {@code reasonCode} and {@code reasonArgs} (docs/settlement.md, "Reason codes"); an
 * entry made before V33 has neither and shows its stored English words.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LedgerEntry(long id, String kind, String amount, String currency, YearMonth period, String destination,
                          String reference, String reasonCode, List<Object> reasonArgs, Long corrects,
                          Instant createdAt, String createdBy) {
}
