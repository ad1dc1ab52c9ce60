package io.partnerhub.settlement;

import io.partnerhub.program.PartnerModel;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.settlement.rules.IncentiveFacts;
import io.partnerhub.settlement.rules.PartnerMonth;
import io.partnerhub.settlement.rules.PartnerMonth.BonusWithdrawal;
import io.partnerhub.settlement.rules.PartnerMonth.DealFact;
import io.partnerhub.settlement.rules.PartnerMonth.LinkFact;
import io.partnerhub.settlement.rules.PartnerMonth.PartnerFacts;
import io.partnerhub.settlement.rules.PartnerMonth.PresaleFact;
import io.partnerhub.settlement.rules.PartnerMonth.PriorStatement;
import io.partnerhub.settlement.rules.PartnerMonth.ProjectFact;
import io.partnerhub.settlement.rules.PartnerMonth.UsageSum;
import io.partnerhub.settlement.rules.Statement;
import io.partnerhub.settlement.rules.StatementRules;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A builder of one partner's facts for the pure rules, over the shipped program files. Customers are
 * linked for the whole period unless said otherwise; usage is MONEY-funded Usage unless said otherwise.
 */
final class Facts {

    static final ProgramCatalog PROGRAMS = ProgramCatalog.outsideThePlatform("");

    private final Program program;
    private YearMonth period;
    private PartnerFacts partner;
    private final List<LinkFact> links = new ArrayList<>();
    private final List<DealFact> deals = new ArrayList<>();
    private final List<ProjectFact> projects = new ArrayList<>();
    private final List<UsageSum> usage = new ArrayList<>();
    private final List<PriorStatement> history = new ArrayList<>();
    private final List<BonusWithdrawal> bonus = new ArrayList<>();
    private final List<PresaleFact> presales = new ArrayList<>();
    private final Set<String> specializations = new HashSet<>();
    private final Set<Long> firstMonthsRewarded = new HashSet<>();
    private final Map<Long, LocalDate> firstConsumedOn = new HashMap<>();
    private int certified;
    private LocalDate exam;
    private final List<IncentiveFacts.TrialFact> trials = new ArrayList<>();
    private final List<IncentiveFacts.FreeMonthFact> freeMonths = new ArrayList<>();
    private final List<IncentiveFacts.ResourceSum> resources = new ArrayList<>();
    private final List<IncentiveFacts.BonusFact> bonuses = new ArrayList<>();
    private IncentiveFacts.SandboxFact sandbox;

    private Facts(String programId, String period, PartnerModel model, String tier, String contract) {
        this.program = PROGRAMS.find(programId).orElseThrow();
        this.period = YearMonth.parse(period);
        this.partner = new PartnerFacts(1, "Partner", LocalDate.parse(contract), "own-1", model, tier, null);
    }

    static Facts of(String programId, String period, PartnerModel model, String tier, String contract) {
        return new Facts(programId, period, model, tier, contract);
    }

    Facts period(String month) {
        this.period = YearMonth.parse(month);
        return this;
    }

    Facts standing(PartnerModel model, String tier) {
        partner = new PartnerFacts(partner.id(), partner.name(), partner.contractDate(), partner.accountId(), model,
                tier, partner.endsOn());
        return this;
    }

    Facts endsOn(String day) {
        partner = new PartnerFacts(partner.id(), partner.name(), partner.contractDate(), partner.accountId(),
                partner.model(), partner.tier(), LocalDate.parse(day));
        return this;
    }

    /** Links customer {@code id} (account "acc-{id}", link id = customer id) from a day, open-ended. */
    Facts link(long customerId, String from, String referralReward) {
        links.add(new LinkFact(customerId, customerId, "acc-" + customerId, LocalDate.parse(from), null, referralReward));
        return this;
    }

    Facts link(long customerId) {
        return link(customerId, "2020-01-01", "MONTHLY");
    }

    Facts deal(long dealId, long customerId, String registeredOn, String extraPercent) {
        return deal(dealId, customerId, registeredOn, extraPercent, null);
    }

    /** A deal whose protection ended on {@code endedOn} (null: still holds). */
    Facts deal(long dealId, long customerId, String registeredOn, String extraPercent, String endedOn) {
        deals.add(new DealFact(dealId, customerId, LocalDate.parse(registeredOn), new BigDecimal(extraPercent),
                endedOn == null ? null : LocalDate.parse(endedOn)));
        return this;
    }

    Facts project(ProjectFact project) {
        projects.add(project);
        return this;
    }

    Facts use(long customerId, String service, String amount) {
        return use(customerId, service, "MONEY", "USAGE", null, amount);
    }

    Facts use(long customerId, String service, String funding, String category, String day, String amount) {
        usage.add(new UsageSum(customerId, customerId, service, funding, category,
                day == null ? null : LocalDate.parse(day), new BigDecimal(amount)));
        return this;
    }

    Facts own(String service, String amount) {
        usage.add(new UsageSum(null, 0, service, "MONEY", "USAGE", null, new BigDecimal(amount)));
        return this;
    }

    Facts own(String service, String funding, String category, String day, String amount) {
        usage.add(new UsageSum(null, 0, service, funding, category, day == null ? null : LocalDate.parse(day),
                new BigDecimal(amount)));
        return this;
    }

    /**
     * Usage rows written as a table cell: "customer,service,amount[,funding[,category[,day]]]", rows
     * separated by ';'; customer "own" is the partner's own account. Blank or null: no rows.
     */
    Facts usage(String rows) {
        if (rows == null || rows.isBlank()) {
            return this;
        }
        for (String row : rows.split(";")) {
            String[] f = row.strip().split(",");
            String funding = f.length > 3 ? f[3].strip() : "MONEY";
            String category = f.length > 4 ? f[4].strip() : "USAGE";
            String day = f.length > 5 ? f[5].strip() : null;
            if (f[0].strip().equals("own")) {
                own(f[1].strip(), funding, category, day, f[2].strip());
            } else {
                use(Long.parseLong(f[0].strip()), f[1].strip(), funding, category, day, f[2].strip());
            }
        }
        return this;
    }

    /**
     * Deals written as a table cell: "customer,registeredOn,extraPercent[,endedOn]" separated by ';'
     * (deal id = customer id).
     */
    Facts deals(String rows) {
        if (rows == null || rows.isBlank()) {
            return this;
        }
        for (String row : rows.split(";")) {
            String[] f = row.strip().split(",");
            long customer = Long.parseLong(f[0].strip());
            deal(customer, customer, f[1].strip(), f[2].strip(), f.length > 3 ? f[3].strip() : null);
        }
        return this;
    }

    /** Puts the usage rows in another order, as a query without ORDER BY may return them. */
    Facts shuffleUsage(Random random) {
        Collections.shuffle(usage, random);
        return this;
    }

    Facts prior(PriorStatement statement) {
        history.add(statement);
        return this;
    }

    Facts bonusWithdrawal(long entryId, String amount) {
        bonus.add(new BonusWithdrawal(entryId, new BigDecimal(amount)));
        return this;
    }

    Facts presale(long id, String completedOn) {
        presales.add(new PresaleFact(id, "presale " + id, LocalDate.parse(completedOn)));
        return this;
    }

    Facts specialization(String name) {
        specializations.add(name);
        return this;
    }

    Facts certified(int employees) {
        certified = employees;
        return this;
    }

    Facts exam(String passedOn) {
        exam = LocalDate.parse(passedOn);
        return this;
    }

    Facts firstMonthRewarded(long customerId) {
        firstMonthsRewarded.add(customerId);
        return this;
    }

    /** The first day the customer ever consumed, under any partner or none. */
    Facts firstConsumedOn(long customerId, String day) {
        firstConsumedOn.put(customerId, LocalDate.parse(day));
        return this;
    }

    /** A trial of the customer from a day to a day (both included; null: still running). */
    Facts trial(long id, long customerId, String from, String to) {
        trials.add(new IncentiveFacts.TrialFact(id, customerId, LocalDate.parse(from), to == null ? null : LocalDate.parse(to)));
        return this;
    }

    /** A free month of the period for the customer's resources. */
    Facts freeMonth(long id, long customerId, String... resourceIds) {
        freeMonths.add(new IncentiveFacts.FreeMonthFact(id, customerId, period, Set.of(resourceIds)));
        return this;
    }

    /**
     * The partner's sandbox on resource {@code resourceId}, and its tiers by day, "2026-03-01 PROFESSIONAL;
     * 2026-10-01 BASIC".
     */
    Facts sandbox(long id, String resourceId, String requestedOn, String tiers) {
        java.util.TreeMap<LocalDate, String> since = new java.util.TreeMap<>();
        for (String standing : tiers.split(";")) {
            String[] f = standing.strip().split(" ");
            since.put(LocalDate.parse(f[0]), f[1]);
        }
        sandbox = new IncentiveFacts.SandboxFact(id, "KVM", resourceId, LocalDate.parse(requestedOn), since);
        return this;
    }

    /**
     * Consumption of named resources, as a table cell: "customer,resource,service,day,amount[,funding]"
     * separated by ';' (customer "own": the own account). The same rows must be in the usage sums too.
     */
    Facts resources(String rows) {
        if (rows == null || rows.isBlank()) {
            return this;
        }
        for (String row : rows.split(";")) {
            String[] f = row.strip().split(",");
            resources.add(new IncentiveFacts.ResourceSum(f[0].strip().equals("own") ? null : Long.parseLong(f[0].strip()),
                    f[1].strip(), f[2].strip(), f.length > 5 ? f[5].strip() : "MONEY", "USAGE",
                    LocalDate.parse(f[3].strip()), new BigDecimal(f[4].strip())));
        }
        return this;
    }

    Facts bonus(long id, io.partnerhub.program.IncentiveRule.BonusKind kind, String amount, Long customerId,
                String publishedOn) {
        bonuses.add(new IncentiveFacts.BonusFact(id, kind, amount == null ? null : new BigDecimal(amount), customerId,
                "ref " + id, LocalDate.parse(publishedOn)));
        return this;
    }

    PartnerMonth build() {
        return new PartnerMonth(program, program.versionFor(period).orElseThrow(), period, partner, links, deals,
                projects, usage, history, bonus, certified, specializations, presales, exam, firstMonthsRewarded,
                firstConsumedOn, List.of()).withIncentives(new IncentiveFacts(trials, freeMonths, sandbox, resources, bonuses));
    }

    Statement settle() {
        return StatementRules.settle(build());
    }
}
