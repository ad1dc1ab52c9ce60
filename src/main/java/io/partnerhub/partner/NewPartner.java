package io.partnerhub.partner;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.partnerhub.program.LegalForm;
import io.partnerhub.program.PartnerModel;

/**
 * An application to join a program as it arrives, from the API or the operator's form: both
 * validate it with these constraints before {@link Partners#register} judges eligibility.
 */
public record NewPartner(
        @NotBlank String programId,
        @NotNull PartnerModel model,
        @NotBlank @Size(max = 300) String name,
        @NotNull LegalForm legalForm,
        @NotBlank @Pattern(regexp = "\\s*[0-9A-Za-z-]{5,20}\\s*", message = "must be 5-20 letters or digits") String taxId,
        @NotNull LocalDate registeredOn,
        @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 alpha-2 code such as RU") String country,
        LocalDate contractDate,
        @Size(max = 100) String accountId,
        @Pattern(regexp = "PREPAYMENT|POSTPAYMENT", message = "must be PREPAYMENT or POSTPAYMENT") String paymentTerms,
        @DecimalMin(value = "0.01", message = "must be a positive amount")
        @Digits(integer = 17, fraction = 2, message = "must be an amount with at most 17 digits and 2 decimals") BigDecimal billingThreshold) {

    public Partners.Application application() {
        return new Partners.Application(programId, model, name, legalForm, taxId, registeredOn, country, contractDate,
                accountId, paymentTerms, billingThreshold);
    }
}
