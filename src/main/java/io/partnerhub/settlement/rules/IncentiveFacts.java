package io.partnerhub.settlement.rules;

import io.partnerhub.program.IncentiveRule.BonusKind;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a partner's incentives change in a month (docs/incentives.md): the trials, free months and
 * sandbox whose consumption the provider pays, that consumption of the chosen resources, and the
 * one-off bonuses the statement pays out.
 *
 * @param resourceUsage the period's consumption of the resources free months and the sandbox name
 */
public record IncentiveFacts(List<TrialFact> trials, List<FreeMonthFact> freeMonths, SandboxFact sandbox,
                             List<ResourceSum> resourceUsage, List<BonusFact> bonuses) {

    public static final IncentiveFacts NONE = new IncentiveFacts(List.of(), List.of(), null, List.of(), List.of());

    public IncentiveFacts {
        trials = List.copyOf(trials);
        freeMonths = List.copyOf(freeMonths);
        resourceUsage = List.copyOf(resourceUsage);
        bonuses = List.copyOf(bonuses);
    }

    /** A customer's trial from {@code from} to {@code to}, both included; {@code to} null: not ended yet. */
    public record TrialFact(long id, long customerId, LocalDate from, LocalDate to) {

        public boolean covers(LocalDate day) {
            return !day.isBefore(from) && (to == null || !day.isAfter(to));
        }
    }

    /** A free month of a customer's chosen resources. */
    public record FreeMonthFact(long id, long customerId, YearMonth month, Set<String> resourceIds) {

        public FreeMonthFact {
            resourceIds = Set.copyOf(resourceIds);
        }
    }

    /**
     * The partner's sandbox machine, and the partner's tiers by the day each took effect (its
     * standings up to the period), which decide whether it is still free.
     */
    public record SandboxFact(long id, String platform, String resourceId, LocalDate requestedOn,
                              NavigableMap<LocalDate, String> tierSince) {

        public SandboxFact {
            tierSince = java.util.Collections.unmodifiableNavigableMap(new TreeMap<>(tierSince));
        }
    }

    /**
     * Consumption of one resource on one day. {@code customerId} null: the partner's own account.
     */
    public record ResourceSum(Long customerId, String resourceId, String service, String fundingSource,
                              String chargeCategory, LocalDate day, BigDecimal listCost) {
    }

    /**
     * A one-off bonus for the period: {@code amount} fixed, or null for a share of the customer's
     * month the statement computes (the sales-manager bonus).
     */
    public record BonusFact(long id, BonusKind kind, BigDecimal amount, Long customerId, String reference,
                            LocalDate publishedOn) {
    }
}
