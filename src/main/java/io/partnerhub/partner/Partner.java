package io.partnerhub.partner;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.partnerhub.program.LegalForm;
import io.partnerhub.program.PartnerModel;

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
}
