package io.partnerhub.deal;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A partner's registration of a project (cloud or folder) at a direct customer: a rebate of
 * {@code ratePercent} of the project's consumption growth from {@code registeredOn} until
 * {@code validUntil} (exclusive).
 */
public record ProjectRegistration(long id, long partnerId, long customerId, String projectId, LocalDate registeredOn,
                                  LocalDate validUntil, BigDecimal ratePercent) {
}
