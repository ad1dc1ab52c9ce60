package io.partnerhub.deal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A registered deal. An approved deal's {@code extraDiscountPercent} applies to the customer's
 * consumption from {@code registeredOn} on, until {@code endedOn} when its protection ended
 * (EXPIRED or RELEASED, with the reason).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Deal(long id, long partnerId, String customerTaxId, String customerName, String title,
                   @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal expectedMonthlyAmount,
                   LocalDate registeredOn, DealStatus status, String reason, BigDecimal extraDiscountPercent,
                   Instant decidedAt, Instant createdAt, LocalDate endedOn) {
}
