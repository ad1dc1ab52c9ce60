package io.partnerhub.portal;

import io.partnerhub.program.Calendar;
import io.partnerhub.program.DealTerms;
import io.partnerhub.program.EligibilityRule;
import io.partnerhub.program.LegalForm;
import io.partnerhub.program.ModelTerms;
import io.partnerhub.program.PartnerModel;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramVersion;
import io.partnerhub.program.ProjectTerms;
import io.partnerhub.program.RateRule;
import io.partnerhub.program.RebateRule;
import io.partnerhub.program.Service;
import io.partnerhub.program.TierRule;
import io.partnerhub.shared.Formats;
import org.springframework.context.MessageSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Month;
import java.time.Period;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A program version's terms in words, for people: every rule kind of the definition becomes a
 * sentence or a table row in the reader's language, with the numbers from the program file.
 */
final class ProgramTerms {

    /** A label and what it says, for the sections that read as a list of terms. */
    record Term(String label, String value) {
    }

    record ModelRow(String model, String earns, String initialTier) {
    }

    record RateRow(String models, String rule, String rate) {
    }

    record ServiceRow(String name, String category, String rate, boolean excluded) {
    }

    record TierRow(String id, String tier, String models, String extra, String qualification) {
    }

    record RebateRow(String models, String rule, String payout) {
    }

    /** Everything the program page shows for one version. */
    record Reading(List<ModelRow> models, List<String> eligibility, List<RateRow> rates, List<ServiceRow> services,
                   List<String> serviceNotes, List<TierRow> tiers, List<String> tierNotes, List<RebateRow> rebates,
                   List<Term> deals, List<Term> projects, List<Term> payouts, List<Term> other,
                   List<Term> calendar) {
    }

    private final MessageSource messages;
    private final Locale locale;
    private final String currency;

    ProgramTerms(MessageSource messages, Locale locale, String currency) {
        this.messages = messages;
        this.locale = locale;
        this.currency = currency;
    }

    Reading read(Program program, ProgramVersion v) {
        return new Reading(models(v), eligibility(v), rates(v), services(v), serviceNotes(v), tiers(v), tierNotes(v),
                rebates(v), deals(v.deals()), projects(v.projects()), payouts(v), other(v), calendar(program));
    }

    // ----- models, eligibility, rates

    private List<ModelRow> models(ProgramVersion v) {
        return v.models().stream().map(m -> new ModelRow(model(m.id()),
                text("programs.settlement." + m.settlement()),
                tier(m.initialTier()))).toList();
    }

    private List<String> eligibility(ProgramVersion v) {
        return v.eligibility().stream().map(rule -> switch (rule) {
            case EligibilityRule.LegalFormAllowed r -> text("programs.eligibility.legalForm", models(r.models()),
                    legalForms(r.allowed()));
            case EligibilityRule.RegisteredForMoreThan r -> text("programs.eligibility.registered",
                    models(r.models()),
                    r.legalForms() == null || r.legalForms().isEmpty() ? text("programs.eligibility.anyApplicant")
                            : legalForms(r.legalForms()),
                    period(r.period()));
            case EligibilityRule.Residency r -> text("programs.eligibility.residency", models(r.models()),
                    String.join(", ", r.countries()));
        }).toList();
    }

    private List<RateRow> rates(ProgramVersion v) {
        return v.rates().stream().map(rule -> switch (rule) {
            case RateRule.PercentOfConsumption r -> new RateRow(models(r.models()),
                    text("programs.rate.monthly", scope(r.scope())) + referral(r.referralOption()), percent(r.percent()));
            case RateRule.FirstMonthOfConsumption r -> new RateRow(models(r.models()),
                    text("programs.rate.firstMonth", scope(r.scope())) + referral(r.referralOption()),
                    percent(r.percent()));
            case RateRule.FixedPerPresale r -> new RateRow(models(r.models()), text("programs.rate.presale"),
                    money(r.amount()));
        }).toList();
    }

    private String scope(RateRule.Scope scope) {
        return text("programs.scope." + (scope == null ? RateRule.Scope.ELIGIBLE : scope));
    }

    private String referral(String option) {
        return option == null ? "" : " " + text("programs.referral." + option);
    }

    // ----- services and exclusions

    private List<ServiceRow> services(ProgramVersion v) {
        return v.services().stream().map(s -> new ServiceRow(s.name(),
                s.excluded() || s.category() == null ? "—" : text("programs.category." + s.category()),
                s.category() == Service.ServiceCategory.OTHER
                        ? percent(s.ratePercent() == null ? BigDecimal.ZERO : s.ratePercent()) : "",
                s.excluded())).toList();
    }

    private List<String> serviceNotes(ProgramVersion v) {
        List<String> notes = new ArrayList<>();
        if (v.unknownServices() != null) {
            notes.add(text("programs.services.unknown", text("programs.category." + v.unknownServices())));
        }
        if (!v.excludedFundingSources().isEmpty()) {
            notes.add(text("programs.services.funding", v.excludedFundingSources().stream().sorted()
                    .map(f -> text("programs.funding." + f)).collect(Collectors.joining(", "))));
        }
        return notes;
    }

    // ----- tiers

    private List<TierRow> tiers(ProgramVersion v) {
        return v.tiers().stream().map(t -> new TierRow(t.id(), tier(t.id()), models(t.models()),
                t.extraDiscountPercent() == null || t.extraDiscountPercent().signum() == 0 ? "—"
                        : "+" + percent(t.extraDiscountPercent()),
                qualification(t.qualification()))).toList();
    }

    private String qualification(TierRule.Qualification q) {
        return switch (q) {
            case null -> text("programs.tier.entry");
            case TierRule.QuarterlyVolume r -> text("programs.tier.quarterlyVolume", money(r.eligibleCostAtLeast()),
                    r.certifiedEmployees());
            case TierRule.MonthlyRequirementWindow r -> text(r.examCounts() ? "programs.tier.windowWithExam"
                            : "programs.tier.window", money(r.monthlyListCostAtLeast()), r.windowMonths(),
                    modelMoves(r.downgradeModels()), modelMoves(r.upgradeModels()));
        };
    }

    private String modelMoves(Map<PartnerModel, PartnerModel> moves) {
        if (moves == null || moves.isEmpty()) {
            return "—";
        }
        return new TreeMap<>(moves).entrySet().stream().map(e -> model(e.getKey()) + " → " + model(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private List<String> tierNotes(ProgramVersion v) {
        List<String> notes = new ArrayList<>();
        if (v.countsCertifiedEmployees()) {
            notes.add(v.statusCourses().isEmpty() ? text("programs.tier.anyCourse")
                    : text("programs.tier.courses", String.join(", ", v.statusCourses())));
        }
        if (v.examCourse() != null) {
            notes.add(text("programs.tier.examCourse", v.examCourse()));
        }
        return notes;
    }

    // ----- rebates and payouts

    private List<RebateRow> rebates(ProgramVersion v) {
        return v.rebates().stream().map(rule -> new RebateRow(models(rule.models()), rebate(rule),
                payout(rule.payout()))).toList();
    }

    private String rebate(RebateRule rule) {
        return switch (rule) {
            case RebateRule.HalfYearService r -> text("programs.rebate.halfYear", percent(r.percent()), r.service(),
                    r.accrualMonths().stream().map(m -> Month.of(m).getDisplayName(TextStyle.FULL_STANDALONE, locale))
                            .collect(Collectors.joining(", ")));
            case RebateRule.QuarterlyGrowth r -> text("programs.rebate.growth", percent(r.percent()));
            case RebateRule.QuarterlySpecialization r -> text("programs.rebate.specialization",
                    new TreeMap<>(r.specializations()).entrySet().stream()
                            .map(e -> e.getKey() + " — " + percent(e.getValue().percent()) + " ("
                                    + String.join(", ", e.getValue().services()) + ")")
                            .collect(Collectors.joining("; ")));
        };
    }

    private String rebateName(RebateRule rule) {
        return switch (rule) {
            case RebateRule.HalfYearService r -> text("programs.rebate.name.service", r.service());
            case RebateRule.QuarterlyGrowth r -> text("programs.rebate.name.growth");
            case RebateRule.QuarterlySpecialization r -> text("programs.rebate.name.specialization");
        };
    }

    private String payout(Map<PartnerModel, RebateRule.Payout> payout) {
        if (payout == null || payout.isEmpty()) {
            return "—";
        }
        return new TreeMap<>(payout).entrySet().stream()
                .map(e -> model(e.getKey()) + ": " + text("programs.payout." + e.getValue()))
                .collect(Collectors.joining("; "));
    }

    /** Where each model's money goes: its monthly discount or reward, then each rebate, then projects. */
    private List<Term> payouts(ProgramVersion v) {
        List<Term> terms = new ArrayList<>();
        for (ModelTerms m : v.models()) {
            List<String> parts = new ArrayList<>();
            parts.add(text("programs.payout.monthly." + m.settlement()));
            for (RebateRule rule : v.rebates()) {
                RebateRule.Payout p = rule.payout() == null ? null : rule.payout().get(m.id());
                if (p != null) {
                    parts.add(rebateName(rule) + ": " + text("programs.payout." + p));
                }
            }
            if (v.projects() != null) {
                parts.add(text("programs.rebate.name.project") + ": " + text("programs.payout." + v.projects().payout()));
            }
            terms.add(new Term(model(m.id()), String.join("; ", parts)));
        }
        return terms;
    }

    // ----- deals and projects

    private List<Term> deals(DealTerms d) {
        if (d == null) {
            return List.of();
        }
        List<Term> terms = new ArrayList<>();
        terms.add(new Term(text("programs.deals.extra"), d.extraPercentCap() == null || d.extraPercentCap().signum() == 0
                ? text("programs.deals.noExtra") : text("programs.deals.upTo", percent(d.extraPercentCap()))));
        terms.add(new Term(text("programs.deals.totalCap"), d.totalDiscountPercentCap() == null
                ? text("programs.deals.noCap") : text("programs.deals.atMost", percent(d.totalDiscountPercentCap()))));
        terms.add(new Term(text("programs.deals.newCustomerOnly"), text(d.newCustomerOnly() ? "programs.yes" : "programs.no")));
        terms.add(new Term(text("programs.deals.protection"), d.protectionDays() == null
                ? text("programs.deals.noExpiry") : text("programs.deals.protectionDays", d.protectionDays())));
        terms.add(new Term(text("programs.deals.approval"), d.approvalBusinessDays() == null ? "—"
                : text("programs.businessDays", d.approvalBusinessDays())));
        terms.add(new Term(text("programs.deals.autoApproval"), d.autoApprovalRule()
                .map(a -> text("programs.deals.autoApprovalRule", money(a.maxExpectedMonthlyAmount()),
                        percent(a.extraDiscountPercent())))
                .orElse(text("programs.deals.noAutoApproval"))));
        terms.add(new Term(text("programs.deals.precedence"), d.claimPrecedence().stream()
                .map(k -> text("programs.claim." + k)).collect(Collectors.joining(" → "))));
        terms.add(new Term(text("programs.deals.directCustomer"), text("programs.deals.directCustomer." + d.directCustomer())));
        return terms;
    }

    private List<Term> projects(ProjectTerms p) {
        if (p == null) {
            return List.of();
        }
        return List.of(
                new Term(text("programs.projects.rate"), text("programs.projects.rateCap", percent(p.ratePercentCap()))),
                new Term(text("programs.projects.months"), text("programs.projects.monthsValue", p.months())),
                new Term(text("programs.projects.baseline"), text("programs.projects.baselineValue", p.baselineMonths())),
                new Term(text("programs.projects.payout"), text("programs.payout." + p.payout())));
    }

    // ----- other terms and the calendar

    private List<Term> other(ProgramVersion v) {
        List<Term> terms = new ArrayList<>();
        terms.add(new Term(text("programs.other.consent"), text("programs.consent." + v.customerConsent())));
        if (v.exitNoticeDays() != null) {
            terms.add(new Term(text("programs.other.exitNotice"), text("programs.calendarDays", v.exitNoticeDays())));
        }
        if (v.presaleSlaBusinessDays() != null) {
            terms.add(new Term(text("programs.other.presale"), text("programs.businessDays", v.presaleSlaBusinessDays())));
        }
        for (String specialization : v.grantedSpecializations()) {
            terms.add(new Term(text("programs.other.specialization", specialization), v.conditionOf(specialization)
                    .map(c -> text("programs.other.specializationCondition", c.certifiedEmployees(),
                            String.join(", ", c.courses())))
                    .orElse(text("programs.other.noCondition"))));
        }
        if (!v.declaredSpecializations().isEmpty()) {
            terms.add(new Term(text("programs.other.declared"), String.join(", ", v.declaredSpecializations())));
        }
        return terms;
    }

    private List<Term> calendar(Program program) {
        List<Term> terms = new ArrayList<>();
        terms.add(new Term(text("programs.calendar.zone"), program.timeZone().getId()));
        Calendar c = program.calendar();
        if (c == null) {
            return terms;
        }
        if (c.weekend() != null) {
            terms.add(new Term(text("programs.calendar.weekend"), c.weekend().stream()
                    .map(d -> d.getDisplayName(TextStyle.FULL_STANDALONE, locale)).collect(Collectors.joining(", "))));
        }
        if (c.holidays() != null) {
            Map<Integer, List<LocalDate>> byYear = c.holidays().stream()
                    .collect(Collectors.groupingBy(LocalDate::getYear, TreeMap::new, Collectors.toList()));
            byYear.forEach((year, days) -> terms.add(new Term(text("programs.calendar.holidays", year.toString()),
                    days.stream().map(LocalDate::toString).collect(Collectors.joining(", ")))));
        }
        return terms;
    }

    // ----- words and numbers

    private String models(Collection<PartnerModel> models) {
        if (models == null || models.isEmpty()) {
            return text("programs.allModels");
        }
        return models.stream().sorted().map(this::model).collect(Collectors.joining(", "));
    }

    private String model(PartnerModel model) {
        return text("model." + model);
    }

    private String legalForms(Collection<LegalForm> forms) {
        return forms.stream().sorted().map(f -> text("programs.legalForm." + f)).collect(Collectors.joining(", "));
    }

    private String period(Period p) {
        List<String> parts = new ArrayList<>();
        if (p.getYears() != 0) {
            parts.add(text("programs.period.years", p.getYears()));
        }
        if (p.getMonths() != 0) {
            parts.add(text("programs.period.months", p.getMonths()));
        }
        if (p.getDays() != 0) {
            parts.add(text("programs.period.days", p.getDays()));
        }
        return String.join(" ", parts);
    }

    /** "27 %" or "27%": the rate as the program file gives it, in the reader's language. */
    private String percent(BigDecimal rate) {
        return Formats.of(locale).percent(rate);
    }

    /** "100 000,00 ₽" or "100,000.00 RUB", as statements show amounts (a file value with more places as it is). */
    String money(BigDecimal amount) {
        return Formats.of(locale).money(amount, currency);
    }

    /** A tier by its name in the reader's language (tier.SILVER), its id where the bundles have none. */
    private String tier(String id) {
        return id == null ? "—" : messages.getMessage("tier." + id, null, id, locale);
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
