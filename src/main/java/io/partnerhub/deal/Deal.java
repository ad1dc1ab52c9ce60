package io.partnerhub.deal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.partnerhub.shared.Phrase;

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
 * @param reason            why it was rejected, waits for review or ended: in English unless rendered {@link #in} a
 *                          language; the platform's own reasons also carry {@code reasonWords} (shown to clients as
 *                          {@code reasonCode} and {@code reasonArgs}), an operator's or one stored before them only text
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Deal(long id, long partnerId, String customerTaxId, String customerName, String title,
                   @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal expectedMonthlyAmount,
                   LocalDate registeredOn, DealStatus status, String reason, BigDecimal extraDiscountPercent,
                   Instant decidedAt, Instant createdAt, LocalDate endedOn,
                   String customerEmail, String customerDomain, DealRule rule, String decidedBy,
                   LocalDate approvalDeadline, DealStage stage, LostReason lostReason, String stageNote,
                   @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal targetAmount,
                   ConsumptionType consumptionType, LocalDate expectedCloseOn, @JsonIgnore Phrase reasonWords) {

    /** The key of the reason's wording in the deal bundles; null for an operator's words or a reason stored before. */
    @JsonProperty
    public String reasonCode() {
        return reasonWords == null ? null : reasonWords.key();
    }

    /** The reason's arguments: text, or {@code {code, args}} for words inside it. */
    @JsonProperty
    public List<Object> reasonArgs() {
        return DealWords.argsOf(reasonWords);
    }

    /** The deal with its reason in {@code locale} (a reason without words stays as it was written). */
    public Deal in(Locale locale) {
        if (reasonWords == null) {
            return this;
        }
        return new Deal(id, partnerId, customerTaxId, customerName, title, expectedMonthlyAmount, registeredOn, status,
                DealWords.in(reasonWords, locale), extraDiscountPercent, decidedAt, createdAt, endedOn, customerEmail,
                customerDomain, rule, decidedBy, approvalDeadline, stage, lostReason, stageNote, targetAmount,
                consumptionType, expectedCloseOn, reasonWords);
    }
}
