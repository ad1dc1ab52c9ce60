package io.partnerhub.program;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The terms of a program from {@code effectiveFrom} until the next version starts. A period is
 * settled with the version in force on its first day.
 *
 * @param source                 where the terms come from (seed and section)
 * @param unknownServices        the category of a service name the catalogue does not know
 * @param excludedFundingSources usage funding sources (BONUS, GRANT) never eligible for discounts or rewards
 * @param exitNoticeDays         the least number of days between an exit notice and the exit date
 * @param presaleSlaBusinessDays the provider answers a presale request within this many business days
 * @param customerConsent        whether a customer must accept a partner's link (absent: not required)
 */
public record ProgramVersion(
        LocalDate effectiveFrom,
        String source,
        List<ModelTerms> models,
        List<EligibilityRule> eligibility,
        List<Service> services,
        Service.ServiceCategory unknownServices,
        Set<String> excludedFundingSources,
        List<RateRule> rates,
        List<RebateRule> rebates,
        List<TierRule> tiers,
        DealTerms deals,
        ProjectTerms projects,
        Integer exitNoticeDays,
        Integer presaleSlaBusinessDays,
        CustomerConsent customerConsent) {

    public ProgramVersion {
        customerConsent = customerConsent == null ? CustomerConsent.NOT_REQUIRED : customerConsent;
        eligibility = eligibility == null ? List.of() : List.copyOf(eligibility);
        rebates = rebates == null ? List.of() : List.copyOf(rebates);
        tiers = tiers == null ? List.of() : List.copyOf(tiers);
        excludedFundingSources = excludedFundingSources == null ? Set.of() : Set.copyOf(excludedFundingSources);
    }

    public Optional<ModelTerms> model(PartnerModel model) {
        return models.stream().filter(m -> m.id() == model).findFirst();
    }

    public boolean allows(PartnerModel model) {
        return model(model).isPresent();
    }

    /** Every eligibility refusal for the applicant, in the order the file lists the rules. */
    public List<String> refusals(Applicant applicant) {
        return eligibility.stream()
                .filter(rule -> rule.appliesTo(applicant.model()))
                .flatMap(rule -> rule.refusal(applicant).stream())
                .toList();
    }

    /** The catalogue entry for a usage row's service name, matched case-insensitively. */
    public Optional<Service> service(String name) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        return services.stream().filter(s -> s.name().toLowerCase(Locale.ROOT).equals(key)).findFirst();
    }

    /** Whether a customer must accept a link to a partner under these terms. */
    public boolean requiresCustomerConsent() {
        return customerConsent == CustomerConsent.REQUIRED;
    }

    public Optional<ProjectTerms> projectRegistration() {
        return Optional.ofNullable(projects);
    }
}
