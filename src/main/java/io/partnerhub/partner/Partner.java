package io.partnerhub.partner;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.partnerhub.program.LegalForm;
import io.partnerhub.program.PartnerModel;
import io.partnerhub.shared.RuleViolation;

/** A partner as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Partner(
        long id,
        String programId,
        PartnerModel model,
        String tier,
        PartnerStatus status,
        String name,
        LegalForm legalForm,
        String taxId,
        LocalDate registeredOn,
        String country,
        LocalDate contractDate,
        String accountId,
        String paymentTerms,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal billingThreshold,
        LocalDate exitDate,
        LocalDate revokedOn,
        String revocationReason,
        Instant createdAt) {

    /** Refuses new customers, deals or projects once the partner has left or been revoked. */
    public void refuseNewClaimsIfGone(String what) {
        if (status == PartnerStatus.REVOKED || status == PartnerStatus.EXITED) {
            throw RuleViolation.of("partnerId", "partner " + id + " is " + status + " and can take no " + what);
        }
    }
}
