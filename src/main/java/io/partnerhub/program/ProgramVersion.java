package io.partnerhub.program;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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
 * @param statusCourses          courses whose valid certifications count as certified employees for
 *                               tiers; none listed: every course counts
 * @param examCourse             a certification in this course counts as passing the training exam on its date
 * @param declaredSpecializations specializations a partner declares for itself (Oblakoteka's warm leads)
 * @param specializationConditions what a partner needs on the day it is granted (or declares) a
 *                               specialization, by specialization name
 * @param incentives             the incentives the program offers (bonus codes, trials, free months,
 *                               the sandbox, one-off bonuses, co-marketing, warm leads); none listed: none
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
        CustomerConsent customerConsent,
        List<String> statusCourses,
        String examCourse,
        List<String> declaredSpecializations,
        Map<String, SpecializationCondition> specializationConditions,
        List<IncentiveRule> incentives) {

    public ProgramVersion {
        customerConsent = customerConsent == null ? CustomerConsent.NOT_REQUIRED : customerConsent;
        eligibility = eligibility == null ? List.of() : List.copyOf(eligibility);
        rebates = rebates == null ? List.of() : List.copyOf(rebates);
        tiers = tiers == null ? List.of() : List.copyOf(tiers);
        excludedFundingSources = excludedFundingSources == null ? Set.of() : Set.copyOf(excludedFundingSources);
        statusCourses = statusCourses == null ? List.of() : List.copyOf(statusCourses);
        declaredSpecializations = declaredSpecializations == null ? List.of() : List.copyOf(declaredSpecializations);
        incentives = incentives == null ? List.of() : List.copyOf(incentives);
        specializationConditions = specializationConditions == null ? Map.of()
                : Collections.unmodifiableMap(new TreeMap<>(specializationConditions));
    }

    public Optional<ModelTerms> model(PartnerModel model) {
        return models.stream().filter(m -> m.id() == model).findFirst();
    }

    public boolean allows(PartnerModel model) {
        return model(model).isPresent();
    }

    /** Every eligibility refusal for the applicant, in the order the file lists the rules. */
    public List<String> refusals(Applicant applicant) {
        return refusalsByField(applicant).stream().map(Refusal::reason).toList();
    }

    /** An eligibility refusal and the application field its rule judges. */
    public record Refusal(String field, String reason) {
    }

    /** {@link #refusals} with the field each concerns, for a form that shows them next to it. */
    public List<Refusal> refusalsByField(Applicant applicant) {
        return eligibility.stream()
                .filter(rule -> rule.appliesTo(applicant.model()))
                .flatMap(rule -> rule.refusal(applicant).map(reason -> new Refusal(rule.field(), reason)).stream())
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

    /** Specializations the provider grants: those its quarterly specialization rebate pays for. */
    public Set<String> grantedSpecializations() {
        Set<String> names = new TreeSet<>();
        rebates.forEach(rule -> {
            if (rule instanceof RebateRule.QuarterlySpecialization s && s.specializations() != null) {
                names.addAll(s.specializations().keySet());
            }
        });
        return names;
    }

    /** Every specialization of this version, granted or declared, by name. */
    public Set<String> specializations() {
        Set<String> names = new TreeSet<>(grantedSpecializations());
        names.addAll(declaredSpecializations);
        return names;
    }

    /** Whether a tier counts certified employees (VK Cloud statuses). */
    public boolean countsCertifiedEmployees() {
        return tiers.stream().anyMatch(t -> t.qualification() instanceof TierRule.QuarterlyVolume q && q.certifiedEmployees() > 0);
    }

    /** Whether a tier counts the training exam (Oblakoteka's Professional requirement). */
    public boolean countsTheExam() {
        return tiers.stream().anyMatch(t -> t.qualification() instanceof TierRule.MonthlyRequirementWindow w && w.examCounts());
    }

    /** The incentive rule of a kind these terms give, if any (one per kind; one-off bonuses: {@link #bonus}). */
    public <R extends IncentiveRule> Optional<R> incentive(Class<R> kind) {
        return incentives.stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }

    /** The one-off bonus rule of a kind these terms give, if any. */
    public Optional<IncentiveRule.OneOffBonus> bonus(IncentiveRule.BonusKind kind) {
        return incentives.stream().filter(IncentiveRule.OneOffBonus.class::isInstance)
                .map(IncentiveRule.OneOffBonus.class::cast).filter(b -> b.bonus() == kind).findFirst();
    }

    /** What holding {@code specialization} needs, if anything. */
    public Optional<SpecializationCondition> conditionOf(String specialization) {
        return Optional.ofNullable(specializationConditions.get(specialization));
    }
}
