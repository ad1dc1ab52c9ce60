package io.partnerhub.settlement.rules;

import io.partnerhub.program.IncentiveRule;
import io.partnerhub.program.PartnerModel;
import io.partnerhub.program.ProgramVersion;
import io.partnerhub.program.RateRule;
import io.partnerhub.program.Service;
import io.partnerhub.program.Service.ServiceCategory;
import io.partnerhub.program.Settlement;
import io.partnerhub.program.TierRule;
import io.partnerhub.settlement.rules.IncentiveFacts.FreeMonthFact;
import io.partnerhub.settlement.rules.IncentiveFacts.ResourceSum;
import io.partnerhub.settlement.rules.IncentiveFacts.SandboxFact;
import io.partnerhub.settlement.rules.IncentiveFacts.TrialFact;
import io.partnerhub.settlement.rules.PartnerMonth.DealFact;
import io.partnerhub.settlement.rules.PartnerMonth.LinkFact;
import io.partnerhub.settlement.rules.PartnerMonth.Restated;
import io.partnerhub.settlement.rules.PartnerMonth.UsageSum;
import io.partnerhub.settlement.rules.StatementLine.Kind;
import io.partnerhub.shared.Money;
import io.partnerhub.shared.Reason;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The per-customer lines of a statement: consumption at list, what is not eligible and why, the
 * discount or reward at the rate in force (base, tier, deal, cap), and what provider money paid.
 * Rules: PROGRAMS.md "Common terms" (exclusions, own consumption, charge categories, payable) and
 * each program's rates.
 */
final class ConsumptionLines {

    private static final String MONEY = "MONEY";

    private final PartnerMonth month;
    private final ProgramVersion terms;
    private final PartnerModel model;
    private final Settlement settlement;
    private final String currency;
    private final Map<String, Service> catalogue = new HashMap<>();
    private final Map<String, Service> byUsageName = new HashMap<>();
    private final Map<Long, LinkFact> linksById = new HashMap<>();
    private final Set<String> measuredAfterDiscount;
    private final Set<String> measuredEligible;

    final List<StatementLine> lines = new ArrayList<>();
    final Map<String, BigDecimal> measures = new TreeMap<>();
    private final Map<Long, Map<String, Money>> customerConsumption = new TreeMap<>();

    /** One customer's (or the own account's) consumption, summed the ways the lines need. */
    private static final class Account {
        Money list;
        Money credits;
        final Set<String> accountIds = new TreeSet<>();
        final Map<String, Money> excludedServices = new TreeMap<>();
        final Map<String, Money> excludedFunding = new TreeMap<>();
        final Map<String, Money> providerFunding = new TreeMap<>();
        /** Eligible consumption per rate segment and service. */
        final Map<Segment, Map<String, Money>> eligible = new LinkedHashMap<>();
        /** What the customer pays itself, per service: money-funded consumption no incentive paid. */
        final Map<String, Money> customerPays = new TreeMap<>();
        /** Consumption an incentive paid (a trial, a free month, the sandbox): in the list cost, never eligible. */
        final Map<Grant, Money> incentivePaid = new TreeMap<>();

        Account(String currency) {
            list = Money.zero(currency);
            credits = Money.zero(currency);
        }
    }

    /** The incentive that paid for consumption, and the words of its statement line. */
    private record Grant(Kind kind, long id, Reason reason) implements Comparable<Grant> {
        @Override
        public int compareTo(Grant other) {
            int byKind = kind.compareTo(other.kind);
            return byKind != 0 ? byKind : Long.compare(id, other.id);
        }
    }

    /** Consumption under one link and, where one applies, one approved deal. */
    private record Segment(LinkFact link, DealFact deal) {
    }

    ConsumptionLines(PartnerMonth month, Set<String> measuredAfterDiscount, Set<String> measuredEligible) {
        this.month = month;
        this.terms = month.terms();
        this.model = month.partner().model();
        this.settlement = terms.model(model).orElseThrow(() -> new IllegalStateException(
                "model " + model + " is not in the " + month.program().id() + " terms of " + terms.effectiveFrom()))
                .settlement();
        this.currency = month.currency();
        this.measuredAfterDiscount = measuredAfterDiscount;
        this.measuredEligible = measuredEligible;
    }

    Settlement settlement() {
        return settlement;
    }

    /** Per customer and service, what the customer pays itself (only for a partner that bills its customers). */
    Map<Long, Map<String, Money>> customerConsumption() {
        return customerConsumption;
    }

    /**
     * Whose consumption a set of lines is about: a customer (null: the own account) and, for rows
     * charged in an earlier, closed month but billed in this one, the month they correct.
     */
    /**
     * Whose lines, and which correction: of a month ({@code corrects}), and within it of one day
     * restated exports restated ({@code restatedDay}).
     */
    private record AccountKey(Long customerId, YearMonth corrects, LocalDate restatedDay)
            implements Comparable<AccountKey> {
        private static final Comparator<AccountKey> ORDER = Comparator
                .comparing(AccountKey::customerId, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(AccountKey::corrects, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(AccountKey::restatedDay, Comparator.nullsFirst(Comparator.naturalOrder()));

        @Override
        public int compareTo(AccountKey other) {
            return ORDER.compare(this, other);
        }
    }

    /**
     * Restatements of the same day, read together: the latest restating import, superseding the
     * imports the others superseded that were no restatement of that day themselves (the day's
     * rows as first settled).
     */
    private static Restated latest(List<Restated> restatements) {
        TreeSet<Long> restating = new TreeSet<>();
        restatements.forEach(r -> restating.add(r.importId()));
        List<Long> superseded = restatements.stream().flatMap(r -> r.superseded().stream())
                .filter(id -> !restating.contains(id)).distinct().sorted().toList();
        return new Restated(restating.last(), superseded);
    }

    void compute() {
        month.links().forEach(link -> linksById.put(link.id(), link));
        Map<AccountKey, Account> accounts = new TreeMap<>();
        Map<AccountKey, List<Restated>> restatements = new HashMap<>();
        for (UsageSum sum : month.usage()) {
            LocalDate day = sum.day() == null ? month.period().atDay(1) : sum.day();
            if (month.partner().endsOn() != null && !day.isBefore(month.partner().endsOn())) {
                continue;
            }
            YearMonth corrects = day.isBefore(month.period().atDay(1)) ? YearMonth.from(day) : null;
            Restated restated = corrects == null ? null : sum.restated();
            AccountKey key = new AccountKey(sum.customerId(), corrects, restated == null ? null : day);
            if (restated != null) {
                restatements.computeIfAbsent(key, k -> new ArrayList<>()).add(restated);
            }
            Account account = accounts.computeIfAbsent(key, k -> new Account(currency));
            if (sum.customerId() == null) {
                add(account, sum, null);
            } else {
                LinkFact link = linksById.get(sum.linkId());
                if (link == null) {
                    throw new IllegalStateException("usage names link " + sum.linkId() + " the facts lack");
                }
                account.accountIds.add(link.accountId());
                Optional<TrialFact> trial = trialOn(sum.customerId(), day);
                if (trial.isPresent() && incentiveMayPay(sum.fundingSource(), sum.chargeCategory())) {
                    paidBy(account, trialGrant(trial.get()), money(sum.listCost()));
                } else {
                    add(account, sum, new Segment(link, dealOn(sum.customerId(), day).orElse(null)));
                }
            }
        }
        resourcesPaidByIncentives(accounts);
        measures.put(Measures.CUSTOMERS_LIST_COST, BigDecimal.ZERO);
        measures.put(Measures.CUSTOMERS_ELIGIBLE, BigDecimal.ZERO);
        measures.put(Measures.MAIN_AFTER_DISCOUNT, BigDecimal.ZERO);
        accounts.forEach((key, account) -> {
            int first = lines.size();
            if (key.customerId() == null) {
                ownLines(account);
            } else {
                customerLines(key.customerId(), account, key.corrects() == null);
                account.customerPays.forEach((service, cost) -> customerConsumption
                        .computeIfAbsent(key.customerId(), id -> new TreeMap<>()).merge(service, cost, Money::plus));
            }
            if (key.corrects() != null) {
                for (int i = first; i < lines.size(); i++) {
                    StatementLine line = lines.get(i);
                    Restated restated = restatements.containsKey(key) ? latest(restatements.get(key)) : null;
                    lines.set(i, line.because(key.corrects(), restated == null
                            ? Reason.of("correction.lateUsage", key.corrects(), month.period(), line.reason())
                            : Reason.of("correction.restated", key.corrects(), key.restatedDay(),
                                    restated.importId(), Reason.list("comma", restated.superseded()),
                                    month.period(), line.reason())));
                }
            }
        });
    }

    /**
     * Trials, free months and the sandbox (PROGRAMS.md "Oblakoteka"; docs/incentives.md): the
     * provider pays consumption with money of the consumption categories; bonus money, grants and
     * credits already paid theirs, and tax is outside every figure.
     */
    private static boolean incentiveMayPay(String fundingSource, String chargeCategory) {
        return MONEY.equals(fundingSource) && !"CREDIT".equals(chargeCategory) && !"TAX".equals(chargeCategory);
    }

    private void paidBy(Account account, Grant grant, Money cost) {
        account.list = account.list.plus(cost);
        account.incentivePaid.merge(grant, cost, Money::plus);
    }

    private Optional<TrialFact> trialOn(long customerId, LocalDate day) {
        return month.incentives().trials().stream()
                .filter(t -> t.customerId() == customerId && t.covers(day)).findFirst();
    }

    private static Grant trialGrant(TrialFact trial) {
        return new Grant(Kind.TRIAL, trial.id(), Reason.of("incentive.trial", trial.id(), trial.from(),
                trial.to() == null ? Reason.of("incentive.trialRunning") : Reason.of("incentive.trialUntil", trial.to())));
    }

    /**
     * The consumption of the resources a free month or the sandbox names, taken out of what the
     * usage sums put in the eligible (or own) consumption and moved to the incentive that pays it.
     * A trial's day stays the trial's.
     */
    private void resourcesPaidByIncentives(Map<AccountKey, Account> accounts) {
        Optional<Sandboxed> sandbox = sandbox();
        for (ResourceSum sum : month.incentives().resourceUsage()) {
            if (!incentiveMayPay(sum.fundingSource(), sum.chargeCategory()) || !YearMonth.from(sum.day()).equals(month.period())
                    || (month.partner().endsOn() != null && !sum.day().isBefore(month.partner().endsOn()))) {
                continue;
            }
            Account account = accounts.get(new AccountKey(sum.customerId(), null, null));
            if (account == null) {
                continue;
            }
            UsageSum taken = new UsageSum(sum.customerId(), 0, sum.service(), sum.fundingSource(), sum.chargeCategory(),
                    sum.day(), sum.listCost().negate());
            if (sum.customerId() == null) {
                if (sandbox.isPresent() && sandbox.get().pays(sum)) {
                    add(account, taken, null);
                    paidBy(account, sandbox.get().grant(), money(sum.listCost()));
                }
                continue;
            }
            long customerId = sum.customerId();
            if (trialOn(customerId, sum.day()).isPresent()) {
                continue;
            }
            Optional<FreeMonthFact> free = month.incentives().freeMonths().stream()
                    .filter(f -> f.customerId() == customerId && f.month().equals(month.period())
                            && f.resourceIds().contains(sum.resourceId()))
                    .findFirst();
            Optional<LinkFact> link = month.links().stream()
                    .filter(l -> l.customerId() == customerId && !sum.day().isBefore(l.from())
                            && (l.to() == null || sum.day().isBefore(l.to())))
                    .findFirst();
            if (free.isPresent() && link.isPresent()) {
                add(account, taken, new Segment(link.get(), dealOn(customerId, sum.day()).orElse(null)));
                FreeMonthFact grant = free.get();
                paidBy(account, new Grant(Kind.FREE_MONTH, grant.id(), Reason.of("incentive.freeMonth", grant.id(),
                        grant.month(), Reason.list("comma", new TreeSet<>(grant.resourceIds()).stream().toList()))),
                        money(sum.listCost()));
            }
        }
    }

    /** The partner's sandbox this period, where the terms still offer it. */
    private record Sandboxed(SandboxFact fact, LocalDate paidFrom, Grant grant) {
        boolean pays(ResourceSum sum) {
            return fact.resourceId().equals(sum.resourceId()) && !sum.day().isBefore(fact.requestedOn())
                    && (paidFrom == null || sum.day().isBefore(paidFrom));
        }
    }

    private Optional<Sandboxed> sandbox() {
        SandboxFact fact = month.incentives().sandbox();
        Optional<IncentiveRule.Sandbox> rule = terms.incentive(IncentiveRule.Sandbox.class);
        if (fact == null || rule.isEmpty()) {
            return Optional.empty();
        }
        NavigableMap<LocalDate, String> tiers = fact.tierSince().headMap(month.period().atEndOfMonth(), true);
        LocalDate paidFrom = rule.get().paidFrom(tiers).orElse(null);
        Reason free = paidFrom == null
                ? Reason.of("incentive.sandboxFreeWhile", tiers.isEmpty() ? "—" : tiers.lastEntry().getValue())
                : Reason.of("incentive.sandboxFreeUntil", rule.get().downgradedOn(tiers).orElse(paidFrom),
                paidFrom.minusDays(1));
        return Optional.of(new Sandboxed(fact, paidFrom, new Grant(Kind.SANDBOX, fact.id(), Reason.of("incentive.sandbox",
                fact.id(), fact.platform(), fact.resourceId(), free))));
    }

    private void incentiveLines(Long customerId, Account account) {
        account.incentivePaid.forEach((grant, paid) -> {
            if (!paid.isZero()) {
                lines.add(StatementLine.of(grant.kind(), customerId, paid, grant.reason()));
            }
        });
    }

    private Money incentivePaid(Account account) {
        return sum(account.incentivePaid);
    }

    private void add(Account account, UsageSum sum, Segment segment) {
        String category = sum.chargeCategory();
        if ("TAX".equals(category)) {
            return;
        }
        Money cost = money(sum.listCost());
        if ("CREDIT".equals(category)) {
            account.credits = account.credits.plus(cost);
            return;
        }
        account.list = account.list.plus(cost);
        if (!MONEY.equals(sum.fundingSource())) {
            account.providerFunding.merge(sum.fundingSource(), cost, Money::plus);
        }
        Service service = service(sum.service());
        if (segment == null) {
            return;
        }
        if (month.billsCustomers() && MONEY.equals(sum.fundingSource())) {
            account.customerPays.merge(service.name(), cost, Money::plus);
        }
        if (terms.excludedFundingSources().contains(sum.fundingSource())) {
            account.excludedFunding.merge(sum.fundingSource(), cost, Money::plus);
        } else if (service.excluded()) {
            account.excludedServices.merge(service.name(), cost, Money::plus);
        } else {
            account.eligible.computeIfAbsent(segment, s -> new TreeMap<>())
                    .merge(service.name(), cost, Money::plus);
        }
    }

    private void customerLines(long customerId, Account account, boolean mayBeFirstMonth) {
        if (!account.list.isZero()) {
            lines.add(StatementLine.of(Kind.LIST_COST, customerId, account.list,
                    Reason.of("listCost.customer", customerId, accounts(account))));
        }
        Money excluded = sum(account.excludedServices).plus(sum(account.excludedFunding));
        if (!excluded.isZero()) {
            lines.add(StatementLine.of(Kind.EXCLUSION, customerId, excluded.negate(),
                    Reason.of("exclusion.customer", exclusions(account))));
        }
        incentiveLines(customerId, account);
        measure(Measures.CUSTOMERS_LIST_COST, account.list);
        account.eligible.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<Segment, Map<String, Money>> e) -> e.getKey().link().from())
                        .thenComparing(e -> e.getKey().deal() == null ? LocalDate.MIN : e.getKey().deal().registeredOn()))
                .forEach(e -> segmentLines(customerId, e.getKey(), e.getValue()));
        if (mayBeFirstMonth) {
            firstMonthLine(customerId, account);
        }
        providerPaidLine(customerId, account);
    }

    private void ownLines(Account own) {
        if (!own.list.isZero()) {
            String account = month.partner().accountId();
            lines.add(StatementLine.of(Kind.LIST_COST, null, own.list,
                    Reason.of("listCost.own", account)));
            Money notPaidByIncentives = own.list.minus(incentivePaid(own));
            if (!notPaidByIncentives.isZero()) {
                lines.add(StatementLine.of(Kind.EXCLUSION, null, notPaidByIncentives.negate(), Reason.of("exclusion.own")));
            }
        }
        incentiveLines(null, own);
        providerPaidLine(null, own);
    }

    /** The discount or reward of one segment: main (or all eligible) services at the rate, other services at theirs. */
    private void segmentLines(long customerId, Segment segment, Map<String, Money> eligibleByService) {
        Optional<RateRule.PercentOfConsumption> rule = baseRule(segment.link());
        Rate rate = rule.map(r -> rate(r, segment)).orElse(null);
        boolean allEligible = rule.map(r -> r.scope() == RateRule.Scope.ELIGIBLE).orElse(false);
        Money atRate = Money.zero(currency);
        Map<String, BigDecimal> ownRates = new TreeMap<>();
        for (Map.Entry<String, Money> e : eligibleByService.entrySet()) {
            Service service = service(e.getKey());
            Money value = e.getValue();
            boolean main = service.category() == ServiceCategory.MAIN;
            BigDecimal percent;
            if (main || allEligible) {
                atRate = atRate.plus(value);
                percent = rate == null ? BigDecimal.ZERO : rate.percent();
            } else {
                percent = service.ratePercent() == null ? BigDecimal.ZERO : service.ratePercent();
                ownRates.put(service.name(), percent);
            }
            measure(service, value, percent);
            measure(Measures.CUSTOMERS_ELIGIBLE, value);
        }
        Reason during = during(segment);
        if (rate != null && !atRate.isZero()) {
            lines.add(StatementLine.rated(kind(), customerId, atRate, rate.percent(),
                    Reason.of(label() + (allEligible ? ".eligible" : ".mainServices"), Reason.rate(rate.percent()), during,
                            Reason.list("comma", rate.parts()))));
        }
        ownRates.forEach((service, percent) -> {
            Money value = eligibleByService.get(service);
            if (percent.signum() != 0 && !value.isZero()) {
                lines.add(StatementLine.rated(kind(), customerId, value, percent,
                        Reason.of(label() + ".serviceRate", Reason.rate(percent), service, during, termsName())));
            }
        });
    }

    private void measure(Service service, Money value, BigDecimal percent) {
        Money after = value.minus(value.percent(percent));
        if (service.category() == ServiceCategory.MAIN) {
            measure(Measures.MAIN_AFTER_DISCOUNT, after);
        }
        if (measuredAfterDiscount.contains(service.name())) {
            measure(Measures.afterDiscount(service.name()), after);
        }
        if (measuredEligible.contains(service.name())) {
            measure(Measures.eligible(service.name()), value);
        }
    }

    /** Adds an amount to a measure: the statement keeps it as an exact figure of its currency. */
    private void measure(String key, Money value) {
        measures.merge(key, value.amount(), BigDecimal::add);
    }

    /**
     * Oblakoteka Referral, first-month option (PROGRAMS.md: "once 100 % of the customer's first
     * calendar month with consumption"): once per customer, not per link. Only the partner whose
     * link held the customer on the first day it ever consumed earns it, in that day's month, and
     * only if no statement rewarded the customer before: a customer that consumed before its link,
     * or comes by a transfer (or stays after a downgrade), earns nothing.
     */
    private void firstMonthLine(long customerId, Account account) {
        LocalDate first = month.firstConsumedOn().get(customerId);
        if (!account.list.isPositive() || month.firstMonthsRewarded().contains(customerId) || first == null
                || !YearMonth.from(first).equals(month.period())) {
            return;
        }
        for (Segment segment : account.eligible.keySet()) {
            LinkFact link = segment.link();
            if (first.isBefore(link.from()) || (link.to() != null && !first.isBefore(link.to()))) {
                continue;
            }
            Optional<RateRule.FirstMonthOfConsumption> rule = terms.rates().stream()
                    .filter(RateRule.FirstMonthOfConsumption.class::isInstance)
                    .map(RateRule.FirstMonthOfConsumption.class::cast)
                    .filter(r -> r.models().contains(model))
                    .filter(r -> r.referralOption() == null || r.referralOption().equals(segment.link().referralReward()))
                    .findFirst();
            if (rule.isPresent()) {
                Money base = Money.zero(currency);
                for (Map<String, Money> byService : account.eligible.values()) {
                    for (Map.Entry<String, Money> e : byService.entrySet()) {
                        if (rule.get().scope() == RateRule.Scope.ELIGIBLE
                                || service(e.getKey()).category() == ServiceCategory.MAIN) {
                            base = base.plus(e.getValue());
                        }
                    }
                }
                lines.add(StatementLine.rated(Kind.REWARD, customerId, base, rule.get().percent(),
                        Reason.of("reward.referralFirstMonth", Reason.rate(rule.get().percent()),
                                String.valueOf(segment.link().referralReward()), segment.link().from())));
                measures.put(Measures.firstMonthRewarded(customerId), BigDecimal.ONE);
                return;
            }
        }
    }

    private void providerPaidLine(Long customerId, Account account) {
        Money paid = sum(account.providerFunding).minus(account.credits);
        if (paid.isZero()) {
            return;
        }
        List<Reason> parts = new ArrayList<>();
        account.providerFunding.forEach((source, value) ->
                parts.add(Reason.of("providerPaid.funded", funding(source), value)));
        if (!account.credits.isZero()) {
            parts.add(Reason.of("providerPaid.credits", account.credits.negate()));
        }
        lines.add(StatementLine.of(Kind.PROVIDER_PAID, customerId, paid,
                Reason.of("providerPaid", Reason.list("semicolon", parts))));
    }

    /** The rate of a segment and how it was made up. */
    private record Rate(BigDecimal percent, List<Reason> parts) {
    }

    private Rate rate(RateRule.PercentOfConsumption rule, Segment segment) {
        BigDecimal percent = rule.percent();
        List<Reason> parts = new ArrayList<>();
        parts.add(Reason.of("rate.base", Reason.rate(rule.percent()), termsName()));
        Optional<TierRule> tier = terms.tiers().stream()
                .filter(t -> t.id().equals(month.partner().tier()) && t.models().contains(model))
                .findFirst();
        if (tier.isPresent() && tier.get().extraDiscountPercent().signum() != 0) {
            percent = percent.add(tier.get().extraDiscountPercent());
            parts.add(Reason.of("rate.tier", tier.get().id(), Reason.rate(tier.get().extraDiscountPercent())));
        }
        DealFact deal = segment.deal();
        if (deal != null && settlement == Settlement.DISCOUNT && deal.extraPercent().signum() != 0) {
            percent = percent.add(deal.extraPercent());
            parts.add(deal.endedOn() == null
                    ? Reason.of("rate.deal", deal.id(), deal.registeredOn(), Reason.rate(deal.extraPercent()))
                    : Reason.of("rate.dealEnded", deal.id(), deal.registeredOn(), Reason.rate(deal.extraPercent()),
                    deal.endedOn()));
        }
        BigDecimal cap = terms.deals() == null ? null : terms.deals().totalDiscountPercentCap();
        if (cap != null && settlement == Settlement.DISCOUNT && percent.compareTo(cap) > 0) {
            parts.add(Reason.of("rate.capped", Reason.rate(cap), Reason.rate(percent)));
            percent = cap;
        }
        return new Rate(percent, parts);
    }

    private Optional<RateRule.PercentOfConsumption> baseRule(LinkFact link) {
        return terms.rates().stream()
                .filter(RateRule.PercentOfConsumption.class::isInstance)
                .map(RateRule.PercentOfConsumption.class::cast)
                .filter(r -> r.models().contains(model))
                .filter(r -> r.referralOption() == null || r.referralOption().equals(link.referralReward()))
                .findFirst();
    }

    /**
     * The approved deal whose extra applies to the customer's consumption on {@code day}: of those
     * registered by then and not ended, the latest registered.
     */
    private Optional<DealFact> dealOn(long customerId, LocalDate day) {
        if (month.deals().isEmpty()) {
            return Optional.empty();
        }
        return month.deals().stream()
                .filter(d -> d.customerId() == customerId && d.appliesOn(day))
                .max(Comparator.comparing(DealFact::registeredOn).thenComparing(DealFact::id));
    }

    /** The part of the month a segment covers, when it is not the whole month. */
    private Reason during(Segment segment) {
        LocalDate from = segment.link().from();
        if (segment.deal() != null && segment.deal().registeredOn().isAfter(from)) {
            from = segment.deal().registeredOn();
        }
        LocalDate to = segment.link().to();
        if (segment.deal() != null && segment.deal().endedOn() != null
                && (to == null || segment.deal().endedOn().isBefore(to))) {
            to = segment.deal().endedOn();
        }
        boolean startsInside = from.isAfter(month.period().atDay(1));
        boolean endsInside = to != null && !to.isAfter(month.period().atEndOfMonth());
        if (!startsInside && !endsInside) {
            return Reason.of("during.wholeMonth");
        }
        if (startsInside && endsInside) {
            return Reason.of("during.fromUntil", from, to.minusDays(1));
        }
        return startsInside ? Reason.of("during.from", from) : Reason.of("during.until", to.minusDays(1));
    }

    /** The catalogue entry of a service name, remembered per name as usage spells it. */
    private Service service(String name) {
        Service known = byUsageName.get(name);
        if (known == null) {
            known = catalogueEntry(name);
            byUsageName.put(name, known);
        }
        return known;
    }

    private Service catalogueEntry(String name) {
        return catalogue.computeIfAbsent(name.strip().toLowerCase(Locale.ROOT), key -> terms.service(name)
                .orElseGet(() -> new Service(name.strip(), terms.unknownServices(), false, null)));
    }

    private static String accounts(Account account) {
        return String.join(", ", account.accountIds);
    }

    private Reason.Items exclusions(Account account) {
        List<Reason> parts = new ArrayList<>();
        account.excludedServices.forEach((service, value) ->
                parts.add(Reason.of("exclusion.service", service, value)));
        account.excludedFunding.forEach((source, value) ->
                parts.add(Reason.of("exclusion.funding", funding(source), value)));
        return Reason.list("semicolon", parts);
    }

    /** Who paid instead of the customer: {@code funding.bonus}, {@code funding.grant}. */
    private static Reason funding(String source) {
        return Reason.of("funding." + source.toLowerCase(Locale.ROOT));
    }

    private Reason termsName() {
        return Reason.of("terms", month.program().name(), terms.effectiveFrom());
    }

    private Kind kind() {
        return settlement == Settlement.DISCOUNT ? Kind.DISCOUNT : Kind.REWARD;
    }

    /** The first part of a rated line's code: {@code discount} or {@code reward}. */
    private String label() {
        return settlement == Settlement.DISCOUNT ? "discount" : "reward";
    }

    private Money money(BigDecimal value) {
        return new Money(value, currency);
    }

    private <K> Money sum(Map<K, Money> values) {
        return values.values().stream().reduce(Money.zero(currency), Money::plus);
    }
}
