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
 *
 * @param rule              the rule that decided it without an operator (a conflict, the auto-approval, an expiry)
 * @param decidedBy         who approved or rejected it: an operator, or {@code system}
 * @param approvalDeadline  the day the provider answers by: registration plus the program's approval business days
 * @param stage             the partner's pipeline: IN_PROGRESS, WON or LOST (with {@code lostReason})
 * @param stageNote         the note given with the last stage change
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Deal(long id, long partnerId, String customerTaxId, String customerName, String title,
                   @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal expectedMonthlyAmount,
                   LocalDate registeredOn, DealStatus status, String reason, BigDecimal extraDiscountPercent,
                   Instant decidedAt, Instant createdAt, LocalDate endedOn,
                   String customerEmail, String customerDomain, DealRule rule, String decidedBy,
                   LocalDate approvalDeadline, DealStage stage, LostReason lostReason, String stageNote,
                   @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal targetAmount,
                   ConsumptionType consumptionType, LocalDate expectedCloseOn) {
}
