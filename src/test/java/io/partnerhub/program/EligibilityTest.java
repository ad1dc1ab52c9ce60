package io.partnerhub.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Eligibility of the shipped programs, each row a case from PROGRAMS.md. */
class EligibilityTest {

    private static final ProgramCatalog CATALOG = new ProgramCatalog("");

    @ParameterizedTest(name = "{0} {1} {2} registered {3} applying {5}: {6}")
    @CsvSource(delimiter = '|', textBlock = """
            vk-cloud     | AGENT     | INDIVIDUAL_ENTREPRENEUR | 2025-09-30 | RU | 2026-10-01 | ''
            vk-cloud     | AGENT     | INDIVIDUAL_ENTREPRENEUR | 2025-10-01 | RU | 2026-10-01 | must have been registered for more than 1 year
            vk-cloud     | AGENT     | LEGAL_ENTITY            | 2026-09-01 | RU | 2026-10-01 | ''
            vk-cloud     | PARTNER   | INDIVIDUAL_ENTREPRENEUR | 2026-09-01 | RU | 2026-10-01 | ''
            yandex-cloud | RESELLER  | LEGAL_ENTITY            | 2020-01-01 | KZ | 2025-12-31 | ''
            yandex-cloud | RESELLER  | LEGAL_ENTITY            | 2020-01-01 | KZ | 2026-01-01 | residency: the program admits businesses resident in [RU], not KZ
            yandex-cloud | RESELLER  | LEGAL_ENTITY            | 2020-01-01 | RU | 2026-01-01 | ''
            oblakoteka   | REFERRAL  | INDIVIDUAL_ENTREPRENEUR | 2026-09-01 | RU | 2026-10-01 | ''
            """)
    void refusesExactlyWhatTheProgramRefuses(String programId, PartnerModel model, LegalForm form, LocalDate registeredOn,
                                             String country, LocalDate appliedOn, String expectedRefusal) {
        ProgramVersion terms = CATALOG.find(programId).orElseThrow().versionOn(appliedOn).orElseThrow();

        List<String> refusals = terms.refusals(new Applicant(model, form, registeredOn, country, appliedOn));

        if (expectedRefusal.isEmpty()) {
            assertThat(refusals).isEmpty();
        } else {
            assertThat(refusals).singleElement().asString().contains(expectedRefusal);
        }
    }
}
