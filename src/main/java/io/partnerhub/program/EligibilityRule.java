package io.partnerhub.program;

import java.time.Period;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A condition an applicant must meet to join a program in some models. Each kind names the rule
 * it broke, so a refusal can say exactly why.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = EligibilityRule.LegalFormAllowed.class, name = "LEGAL_FORM"),
        @JsonSubTypes.Type(value = EligibilityRule.RegisteredForMoreThan.class, name = "REGISTERED_FOR_MORE_THAN"),
        @JsonSubTypes.Type(value = EligibilityRule.Residency.class, name = "RESIDENCY")})
public sealed interface EligibilityRule {

    /** Models the rule applies to; empty means every model. */
    Set<PartnerModel> models();

    /** The reason the applicant is refused, or empty when the rule is met. */
    Optional<String> refusal(Applicant applicant);

    /** The application field the rule judges, so a form can show a refusal next to it. */
    String field();

    default boolean appliesTo(PartnerModel model) {
        return models() == null || models().isEmpty() || models().contains(model);
    }

    /** The applicant's legal form must be one of {@code allowed}. */
    record LegalFormAllowed(Set<PartnerModel> models, Set<LegalForm> allowed) implements EligibilityRule {
        @Override
        public String field() {
            return "legalForm";
        }

        @Override
        public Optional<String> refusal(Applicant a) {
            return allowed.contains(a.legalForm()) ? Optional.empty()
                    : Optional.of("legal form " + a.legalForm() + " may not join as " + a.model()
                    + "; allowed: " + allowed);
        }
    }

    /** Applicants of the given legal forms must have been registered for more than {@code period}. */
    record RegisteredForMoreThan(Set<PartnerModel> models, Set<LegalForm> legalForms, Period period)
            implements EligibilityRule {
        @Override
        public String field() {
            return "registeredOn";
        }

        @Override
        public Optional<String> refusal(Applicant a) {
            if (legalForms != null && !legalForms.isEmpty() && !legalForms.contains(a.legalForm())) {
                return Optional.empty();
            }
            boolean longEnough = a.registeredOn().plus(period).isBefore(a.appliedOn());
            return longEnough ? Optional.empty()
                    : Optional.of(a.legalForm() + " joining as " + a.model() + " must have been registered for more than "
                    + readable(period) + " before applying (registered " + a.registeredOn() + ", applied " + a.appliedOn() + ")");
        }
    }

    private static String readable(Period p) {
        StringBuilder s = new StringBuilder();
        if (p.getYears() != 0) {
            s.append(p.getYears()).append(p.getYears() == 1 ? " year" : " years");
        }
        if (p.getMonths() != 0) {
            s.append(s.isEmpty() ? "" : " ").append(p.getMonths()).append(p.getMonths() == 1 ? " month" : " months");
        }
        if (p.getDays() != 0) {
            s.append(s.isEmpty() ? "" : " ").append(p.getDays()).append(p.getDays() == 1 ? " day" : " days");
        }
        return s.toString();
    }

    /** The applicant must be resident in one of {@code countries} (ISO 3166 alpha-2). */
    record Residency(Set<PartnerModel> models, List<String> countries) implements EligibilityRule {
        @Override
        public String field() {
            return "country";
        }

        @Override
        public Optional<String> refusal(Applicant a) {
            return countries.contains(a.country()) ? Optional.empty()
                    : Optional.of("residency: the program admits businesses resident in " + countries
                    + ", not " + a.country());
        }
    }
}
