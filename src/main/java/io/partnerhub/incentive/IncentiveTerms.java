package io.partnerhub.incentive;

import io.partnerhub.partner.Partner;
import io.partnerhub.program.IncentiveRule;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.program.ProgramVersion;
import io.partnerhub.shared.Conflict;
import io.partnerhub.shared.Money;
import io.partnerhub.shared.Phrase;
import io.partnerhub.shared.Refusals;
import io.partnerhub.shared.RuleViolation;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.TreeSet;

/**
 * The incentive rules a partner may use on a day, and the refusals of the rules, worded from the
 * bundle {@code i18n/incentives}: the API reads them in English, the portal in its reader's language.
 */
@Component
class IncentiveTerms {

    private final ProgramCatalog programs;
    private final Refusals refusals;

    IncentiveTerms(ProgramCatalog programs, Refusals refusals) {
        this.programs = programs;
        this.refusals = refusals;
    }

    /** The terms of the partner's program in force on {@code day}. */
    ProgramVersion on(Partner partner, LocalDate day) {
        Program program = program(partner);
        return program.versionOn(day).orElseThrow(() -> refusal(null, "incentive.noTerms", program.name(), day));
    }

    Program program(Partner partner) {
        return programs.find(partner.programId()).orElseThrow();
    }

    /**
     * The rule of {@code kind} the partner may use on {@code day}: refused when its program does not
     * offer it, or not to the partner's model and tier (as of {@code day}, the request's).
     */
    <R extends IncentiveRule> R require(Partner partner, Class<R> kind, LocalDate day) {
        ProgramVersion terms = on(partner, day);
        R rule = terms.incentive(kind).orElseThrow(() -> notOffered(partner, terms, kind.getSimpleName()));
        return offered(partner, rule, kind.getSimpleName());
    }

    /** The one-off bonus rule of {@code kind} for the partner on {@code day}, refused likewise. */
    IncentiveRule.OneOffBonus requireBonus(Partner partner, IncentiveRule.BonusKind kind, LocalDate day) {
        ProgramVersion terms = on(partner, day);
        IncentiveRule.OneOffBonus rule = terms.bonus(kind).orElseThrow(() -> notOffered(partner, terms, kind.name()));
        return offered(partner, rule, kind.name());
    }

    private <R extends IncentiveRule> R offered(Partner partner, R rule, String what) {
        if (!rule.offeredTo(partner.model(), partner.tier())) {
            String whom = rule.tiers() == null || rule.tiers().isEmpty() ? String.valueOf(rule.models())
                    : String.join(", ", new TreeSet<>(rule.tiers()));
            throw refusal("partnerId", "incentive.notForPartner", words("incentive.kind." + what), whom,
                    partner.model() + (partner.tier() == null ? "" : " " + partner.tier()));
        }
        return rule;
    }

    private RuleViolation notOffered(Partner partner, ProgramVersion terms, String what) {
        return refusal("partnerId", "incentive.notOffered", words("incentive.kind." + what), program(partner).name(),
                terms.effectiveFrom());
    }

    /** A refusal (422) in the bundle's words: English for the API, the key and arguments for the portal. */
    RuleViolation refusal(String field, String key, Object... args) {
        return refusals.violation(field, key, args);
    }

    /** A conflict (409) with what is stored already, in the bundle's words. */
    Conflict conflict(String key, Object... args) {
        return refusals.conflict(key, args);
    }

    private Phrase words(String key) {
        return Phrase.of(key);
    }

    /**
     * An amount of the partner's program for a refusal's words ({@link Phrase}): two places, in the
     * program's currency, so the API reads it as ever and a page as it writes money.
     */
    Money amount(Partner partner, BigDecimal amount) {
        return amount(amount, program(partner).currency());
    }

    /** The same, of an amount the API's way ("28100.00"). */
    Money amount(Partner partner, String amount) {
        return amount(partner, new BigDecimal(amount));
    }

    static Money amount(BigDecimal amount, String currency) {
        return new Money(amount, currency).rounded();
    }

    /** An amount as the API writes money: two places. */
    static String money(BigDecimal amount) {
        return amount == null ? null : Money.twoPlaces(amount);
    }

}
