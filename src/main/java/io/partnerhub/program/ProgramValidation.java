package io.partnerhub.program;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.partnerhub.shared.Today;

/**
 * The checks a parsed program definition must pass before the platform starts with it; each
 * problem is reported as {@code path: what is wrong}.
 */
final class ProgramValidation {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final List<String> problems = new ArrayList<>();

    private ProgramValidation() {
    }

    static List<String> problems(Program program, String expectedId) {
        ProgramValidation validation = new ProgramValidation();
        validation.program(program, expectedId);
        return validation.problems;
    }

    private void program(Program p, String expectedId) {
        require(p.id() != null && p.id().matches("[a-z0-9-]+"), "id", "must be lower-case letters, digits and dashes");
        require(p.id() == null || p.id().equals(expectedId), "id",
                "'" + p.id() + "' must match the file name '" + expectedId + "'");
        require(notBlank(p.name()), "name", "is required");
        require(p.currency() != null && p.currency().matches("[A-Z]{3}"), "currency", "must be an ISO 4217 code such as RUB");
        require(p.timeZone() != null, "timeZone", "is required (e.g. Europe/Moscow)");
        require(p.timeZone() == null || p.timeZone().equals(Today.ZONE), "timeZone",
                p.timeZone() + " is not supported: the platform decides every program's days and months in "
                        + Today.ZONE + " (usage periods, link and deal dates, closes), so a program must declare "
                        + Today.ZONE);
        require(p.calendar() != null && p.calendar().weekend() != null && p.calendar().holidays() != null,
                "calendar", "weekend and holidays are required");
        require(!p.versions().isEmpty(), "versions", "at least one version is required");
        LocalDate previous = null;
        for (int i = 0; i < p.versions().size(); i++) {
            ProgramVersion v = p.versions().get(i);
            String at = "versions[" + i + "]";
            if (v == null) {
                problems.add(at + ": is empty");
                continue;
            }
            if (v.effectiveFrom() == null) {
                problems.add(at + ".effectiveFrom: is required");
            } else if (previous != null && !v.effectiveFrom().isAfter(previous)) {
                problems.add(at + ".effectiveFrom: " + v.effectiveFrom() + " must be after the previous version's " + previous);
            } else {
                previous = v.effectiveFrom();
            }
            version(v, at);
        }
    }

    private void version(ProgramVersion v, String at) {
        require(notBlank(v.source()), at + ".source", "name the terms this version comes from");
        if (v.models() == null || v.models().isEmpty()) {
            problems.add(at + ".models: at least one model is required");
            return;
        }
        Set<PartnerModel> models = new HashSet<>();
        Set<String> tierIds = v.tiers().stream().map(TierRule::id).collect(Collectors.toSet());
        for (int i = 0; i < v.models().size(); i++) {
            ModelTerms m = v.models().get(i);
            String mat = at + ".models[" + i + "]";
            require(m.id() != null, mat + ".id", "is required");
            require(m.id() == null || models.add(m.id()), mat + ".id", m.id() + " is listed twice");
            require(m.settlement() != null, mat + ".settlement", "is required (DISCOUNT or REWARD)");
            require(m.initialTier() == null || tierIds.contains(m.initialTier()), mat + ".initialTier",
                    "'" + m.initialTier() + "' is not one of the tiers " + tierIds);
        }
        eligibility(v, at, models);
        services(v, at);
        rates(v, at, models);
        rebates(v, at, models);
        tiers(v, at, models);
        training(v, at);
        incentives(v, at, models);
        require(v.unknownServices() != null, at + ".unknownServices", "is required (MAIN or OTHER)");
        require(v.deals() != null, at + ".deals", "is required");
        if (v.deals() != null) {
            percent(v.deals().extraPercentCap(), at + ".deals.extraPercentCap", true);
            percent(v.deals().totalDiscountPercentCap(), at + ".deals.totalDiscountPercentCap", false);
            positive(v.deals().protectionDays(), at + ".deals.protectionDays");
            positive(v.deals().approvalBusinessDays(), at + ".deals.approvalBusinessDays");
            deals(v.deals(), at + ".deals");
        }
        if (v.projects() != null) {
            percent(v.projects().ratePercentCap(), at + ".projects.ratePercentCap", true);
            require(v.projects().months() > 0, at + ".projects.months", "must be positive");
            require(v.projects().baselineMonths() > 0, at + ".projects.baselineMonths", "must be positive");
        }
        require(v.exitNoticeDays() != null && v.exitNoticeDays() >= 0, at + ".exitNoticeDays", "is required and must not be negative");
        positive(v.presaleSlaBusinessDays(), at + ".presaleSlaBusinessDays");
        for (String source : v.excludedFundingSources()) {
            require(Set.of("MONEY", "BONUS", "GRANT").contains(source), at + ".excludedFundingSources",
                    "'" + source + "' is not a funding source (MONEY, BONUS, GRANT)");
        }
    }

    private void deals(DealTerms deals, String at) {
        List<DealTerms.ClaimKind> order = deals.claimPrecedence();
        require(order.size() == DealTerms.ClaimKind.values().length && Set.copyOf(order).size() == order.size(),
                at + ".claimPrecedence",
                "list each of " + List.of(DealTerms.ClaimKind.values()) + " once, strongest first; was " + order);
        DealTerms.AutoApproval auto = deals.autoApproval();
        if (auto == null) {
            return;
        }
        require(auto.maxExpectedMonthlyAmount() != null && auto.maxExpectedMonthlyAmount().signum() > 0,
                at + ".autoApproval.maxExpectedMonthlyAmount", "must be a positive amount");
        percent(auto.extraDiscountPercent(), at + ".autoApproval.extraDiscountPercent", true);
        require(auto.extraDiscountPercent() == null || deals.extraPercentCap() == null
                        || auto.extraDiscountPercent().compareTo(deals.extraPercentCap()) <= 0,
                at + ".autoApproval.extraDiscountPercent", "must not exceed extraPercentCap " + deals.extraPercentCap());
    }

    private void eligibility(ProgramVersion v, String at, Set<PartnerModel> models) {
        for (int i = 0; i < v.eligibility().size(); i++) {
            EligibilityRule rule = v.eligibility().get(i);
            String rat = at + ".eligibility[" + i + "]";
            modelsKnown(rule.models(), rat, models);
            switch (rule) {
                case EligibilityRule.LegalFormAllowed r ->
                        require(r.allowed() != null && !r.allowed().isEmpty(), rat + ".allowed", "list at least one legal form");
                case EligibilityRule.RegisteredForMoreThan r ->
                        require(r.period() != null && !r.period().isNegative() && !r.period().isZero(),
                                rat + ".period", "must be a positive ISO-8601 period such as P1Y");
                case EligibilityRule.Residency r -> require(r.countries() != null && !r.countries().isEmpty()
                        && r.countries().stream().allMatch(c -> c.matches("[A-Z]{2}")),
                        rat + ".countries", "list ISO 3166 alpha-2 codes such as RU");
            }
        }
    }

    private void services(ProgramVersion v, String at) {
        if (v.services() == null || v.services().isEmpty()) {
            problems.add(at + ".services: the service catalogue is required");
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < v.services().size(); i++) {
            Service s = v.services().get(i);
            String sat = at + ".services[" + i + "]";
            require(notBlank(s.name()), sat + ".name", "is required");
            require(s.name() == null || names.add(s.name().toLowerCase(Locale.ROOT)), sat + ".name",
                    "'" + s.name() + "' is listed twice (names match case-insensitively)");
            require(s.excluded() || s.category() != null, sat + ".category", "is required (MAIN or OTHER) unless excluded");
            percent(s.ratePercent(), sat + ".ratePercent", false);
        }
    }

    private void rates(ProgramVersion v, String at, Set<PartnerModel> models) {
        Set<PartnerModel> rated = new HashSet<>();
        List<RateRule> rates = v.rates() == null ? List.of() : v.rates();
        for (int i = 0; i < rates.size(); i++) {
            RateRule rule = rates.get(i);
            String rat = at + ".rates[" + i + "]";
            if (!modelsKnown(rule.models(), rat, models)) {
                continue;
            }
            rated.addAll(rule.models());
            switch (rule) {
                case RateRule.PercentOfConsumption r -> {
                    percent(r.percent(), rat + ".percent", true);
                    require(r.scope() != null, rat + ".scope", "is required (ELIGIBLE or MAIN)");
                }
                case RateRule.FirstMonthOfConsumption r -> {
                    percent(r.percent(), rat + ".percent", true);
                    require(r.scope() != null, rat + ".scope", "is required (ELIGIBLE or MAIN)");
                }
                case RateRule.FixedPerPresale r -> require(r.amount() != null && r.amount().signum() > 0,
                        rat + ".amount", "must be a positive amount");
            }
        }
        for (PartnerModel model : models) {
            require(rated.contains(model), at + ".rates", "no rate is given for model " + model);
        }
    }

    private void rebates(ProgramVersion v, String at, Set<PartnerModel> models) {
        for (int i = 0; i < v.rebates().size(); i++) {
            RebateRule rule = v.rebates().get(i);
            String rat = at + ".rebates[" + i + "]";
            if (!modelsKnown(rule.models(), rat, models)) {
                continue;
            }
            require(rule.payout() != null && rule.payout().keySet().containsAll(rule.models()), rat + ".payout",
                    "give a payout for each of " + rule.models());
            switch (rule) {
                case RebateRule.HalfYearService r -> {
                    require(r.service() != null && v.service(r.service()).isPresent(), rat + ".service",
                            "'" + r.service() + "' is not in the service catalogue");
                    percent(r.percent(), rat + ".percent", true);
                    require(r.accrualMonths() != null && !r.accrualMonths().isEmpty()
                            && r.accrualMonths().stream().allMatch(m -> m >= 1 && m <= 12),
                            rat + ".accrualMonths", "list months 1-12");
                }
                case RebateRule.QuarterlyGrowth r -> percent(r.percent(), rat + ".percent", true);
                case RebateRule.QuarterlySpecialization r -> specializations(v, rat, r.specializations());
            }
        }
    }

    private void specializations(ProgramVersion v, String at, Map<String, RebateRule.Specialization> specializations) {
        if (specializations == null || specializations.isEmpty()) {
            problems.add(at + ".specializations: at least one is required");
            return;
        }
        specializations.forEach((name, s) -> {
            percent(s.percent(), at + ".specializations." + name + ".percent", true);
            for (String service : s.services() == null ? List.<String>of() : s.services()) {
                require(v.service(service).isPresent(), at + ".specializations." + name + ".services",
                        "'" + service + "' is not in the service catalogue");
            }
        });
    }

    private void tiers(ProgramVersion v, String at, Set<PartnerModel> models) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < v.tiers().size(); i++) {
            TierRule tier = v.tiers().get(i);
            String tat = at + ".tiers[" + i + "]";
            require(notBlank(tier.id()) && ids.add(tier.id()), tat + ".id", "must be present and unique");
            modelsKnown(tier.models(), tat, models);
            percent(tier.extraDiscountPercent(), tat + ".extraDiscountPercent", false);
            if (tier.qualification() instanceof TierRule.MonthlyRequirementWindow w) {
                require(w.windowMonths() > 0, tat + ".qualification.windowMonths", "must be positive");
                require(w.monthlyListCostAtLeast() != null && w.monthlyListCostAtLeast().signum() > 0,
                        tat + ".qualification.monthlyListCostAtLeast", "must be a positive amount");
                modelMap(w.downgradeModels(), tat + ".qualification.downgradeModels", models);
                modelMap(w.upgradeModels(), tat + ".qualification.upgradeModels", models);
            } else if (tier.qualification() instanceof TierRule.QuarterlyVolume q) {
                require(q.eligibleCostAtLeast() != null && q.eligibleCostAtLeast().signum() > 0,
                        tat + ".qualification.eligibleCostAtLeast", "must be a positive amount");
            }
        }
    }

    /**
     * Courses and specializations: named once each; an exam course only where a tier counts the
     * exam, status courses only where a tier counts certified employees; a condition names a
     * specialization of this version and a positive number of employees in listed courses.
     */
    private void training(ProgramVersion v, String at) {
        names(v.statusCourses(), at + ".statusCourses");
        names(v.declaredSpecializations(), at + ".declaredSpecializations");
        for (String name : v.declaredSpecializations()) {
            require(name == null || name.matches("[a-z0-9-]+"), at + ".declaredSpecializations",
                    "'" + name + "' must be lower-case letters, digits and dashes");
        }
        if (v.examCourse() != null) {
            require(notBlank(v.examCourse()), at + ".examCourse", "name a course or leave it out");
            require(v.countsTheExam(), at + ".examCourse", "no tier of this version counts the exam (examCounts)");
        }
        require(v.statusCourses().isEmpty() || v.countsCertifiedEmployees(), at + ".statusCourses",
                "no tier of this version counts certified employees");
        Set<String> specializations = v.specializations();
        v.specializationConditions().forEach((name, condition) -> {
            String cat = at + ".specializationConditions." + name;
            if (!specializations.contains(name)) {
                problems.add(cat + ": '" + name + "' is not a specialization of this version " + specializations);
                return;
            }
            if (condition == null) {
                problems.add(cat + ": give certifiedEmployees and courses");
                return;
            }
            require(condition.certifiedEmployees() > 0, cat + ".certifiedEmployees", "must be positive");
            require(!condition.courses().isEmpty(), cat + ".courses", "list at least one course");
            names(condition.courses(), cat + ".courses");
        });
    }

    /** Incentive rules: known models and tiers, one rule per kind (per bonus for one-off bonuses), sane numbers. */
    private void incentives(ProgramVersion v, String at, Set<PartnerModel> models) {
        Set<String> tierIds = v.tiers().stream().map(TierRule::id).collect(Collectors.toSet());
        Set<String> kinds = new HashSet<>();
        for (int i = 0; i < v.incentives().size(); i++) {
            IncentiveRule rule = v.incentives().get(i);
            String iat = at + ".incentives[" + i + "]";
            if (rule == null) {
                problems.add(iat + ": is empty");
                continue;
            }
            String kind = rule instanceof IncentiveRule.OneOffBonus b ? "ONE_OFF_BONUS " + b.bonus()
                    : rule.getClass().getSimpleName();
            require(kinds.add(kind), iat + ".kind", kind + " is listed twice");
            if (rule.models() != null && !rule.models().isEmpty()) {
                modelsKnown(rule.models(), iat, models);
            }
            for (String tier : rule.tiers() == null ? Set.<String>of() : rule.tiers()) {
                require(tierIds.contains(tier), iat + ".tiers", "'" + tier + "' is not one of the tiers " + tierIds);
            }
            switch (rule) {
                case IncentiveRule.BonusCodes r -> {
                    require(r.codesPerQuarter() > 0, iat + ".codesPerQuarter", "must be positive");
                    require(r.amountPerQuarter() != null && r.amountPerQuarter().signum() > 0,
                            iat + ".amountPerQuarter", "must be a positive amount");
                    require(r.codesPerCustomer() > 0, iat + ".codesPerCustomer", "must be positive");
                }
                case IncentiveRule.Trial r -> {
                    Set<String> trialTiers = new HashSet<>(r.untilEndedTiers() == null ? Set.of() : r.untilEndedTiers());
                    if (r.daysByTier() != null) {
                        r.daysByTier().forEach((tier, days) -> {
                            require(tierIds.contains(tier), iat + ".daysByTier", "'" + tier + "' is not one of the tiers " + tierIds);
                            require(days != null && days > 0, iat + ".daysByTier." + tier, "must be a positive number of days");
                            require(!trialTiers.contains(tier), iat + ".daysByTier." + tier,
                                    "is also in untilEndedTiers: a tier's trial lasts days or until ended, not both");
                        });
                    }
                    trialTiers.forEach(tier -> require(tierIds.contains(tier), iat + ".untilEndedTiers",
                            "'" + tier + "' is not one of the tiers " + tierIds));
                }
                case IncentiveRule.FreeMonths r -> {
                    require(r.perCustomer() > 0, iat + ".perCustomer", "must be positive");
                    require(r.monthsBetween() >= 0, iat + ".monthsBetween", "must not be negative");
                }
                case IncentiveRule.Sandbox r -> {
                    require(r.platforms() != null && !r.platforms().isEmpty(), iat + ".platforms", "list at least one");
                    require(r.vcpu() > 0 && r.ramGb() > 0 && r.ssdGb() > 0, iat, "vcpu, ramGb and ssdGb must be positive");
                    require(r.paidMonthsAfterDowngrade() >= 0, iat + ".paidMonthsAfterDowngrade", "must not be negative");
                    require(r.tiers() != null && !r.tiers().isEmpty(), iat + ".tiers", "name the tiers the sandbox is free under");
                }
                case IncentiveRule.OneOffBonus r -> bonus(r, iat);
                case IncentiveRule.CoMarketing r -> {
                    percent(r.minPartnerSharePercent(), iat + ".minPartnerSharePercent", true);
                    require(r.providerBudgetPerQuarter() != null && r.providerBudgetPerQuarter().signum() >= 0,
                            iat + ".providerBudgetPerQuarter", "is required and must not be negative");
                }
                case IncentiveRule.WarmLeads r -> {
                    require(r.answerBusinessDays() > 0, iat + ".answerBusinessDays", "must be positive");
                    require(!v.declaredSpecializations().isEmpty(), iat,
                            "warm leads go by declared specialization: list declaredSpecializations");
                }
            }
        }
    }

    private void bonus(IncentiveRule.OneOffBonus r, String at) {
        if (r.bonus() == null) {
            problems.add(at + ".bonus: is required (CASE_STUDY, TELEGRAM_COMMENT or SALES_MANAGER)");
            return;
        }
        switch (r.bonus()) {
            case CASE_STUDY -> require(r.amount() != null && r.amount().signum() > 0, at + ".amount",
                    "a case-study bonus is a positive fixed amount");
            case TELEGRAM_COMMENT -> require(r.minAmount() != null && r.maxAmount() != null && r.minAmount().signum() > 0
                    && r.minAmount().compareTo(r.maxAmount()) <= 0, at, "give 0 < minAmount <= maxAmount");
            case SALES_MANAGER -> {
                percent(r.percentOfMonthAfterDiscount(), at + ".percentOfMonthAfterDiscount", true);
            }
        }
    }

    /** Each name present and listed once (case-insensitively). */
    private void names(List<String> names, String at) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!notBlank(name)) {
                problems.add(at + ": a name is blank");
            } else if (!seen.add(name.strip().toLowerCase(Locale.ROOT))) {
                problems.add(at + ": '" + name + "' is listed twice (names match case-insensitively)");
            }
        }
    }

    private void modelMap(Map<PartnerModel, PartnerModel> map, String at, Set<PartnerModel> models) {
        if (map == null) {
            return;
        }
        map.forEach((from, to) -> require(models.contains(from) && models.contains(to), at,
                from + " -> " + to + " names a model this version does not allow"));
    }

    private boolean modelsKnown(Collection<PartnerModel> ruleModels, String at, Set<PartnerModel> models) {
        if (ruleModels == null || ruleModels.isEmpty()) {
            problems.add(at + ".models: list the models the rule applies to");
            return false;
        }
        for (PartnerModel model : ruleModels) {
            if (!models.contains(model)) {
                problems.add(at + ".models: " + model + " is not a model of this version " + models);
                return false;
            }
        }
        return true;
    }

    private void percent(BigDecimal value, String at, boolean required) {
        if (value == null) {
            require(!required, at, "is required");
            return;
        }
        require(value.signum() >= 0 && value.compareTo(HUNDRED) <= 0, at, value + " is not a percentage from 0 to 100");
    }

    private void positive(Integer value, String at) {
        require(value == null || value > 0, at, "must be positive");
    }

    private void require(boolean condition, String path, String message) {
        if (!condition) {
            problems.add(path + ": " + message);
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
