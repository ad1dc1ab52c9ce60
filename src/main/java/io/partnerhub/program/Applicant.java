package io.partnerhub.program;

import java.time.LocalDate;

/** What eligibility rules look at in a partner application. */
public record Applicant(PartnerModel model, LegalForm legalForm, LocalDate registeredOn, String country,
                        LocalDate appliedOn) {
}
