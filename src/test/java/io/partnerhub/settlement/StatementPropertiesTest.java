package io.partnerhub.settlement;

import io.partnerhub.program.ModelTerms;
import io.partnerhub.program.PartnerModel;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramVersion;
import io.partnerhub.program.RateRule;
import io.partnerhub.program.Service;
import io.partnerhub.program.Settlement;
import io.partnerhub.program.TierRule;
import io.partnerhub.settlement.rules.Measures;
import io.partnerhub.settlement.rules.PartnerMonth;
import io.partnerhub.settlement.rules.PartnerMonth.PriorStatement;
import io.partnerhub.settlement.rules.PartnerMonth.ProjectFact;
import io.partnerhub.settlement.rules.Statement;
import io.partnerhub.settlement.rules.Statement.BonusReturn;
import io.partnerhub.settlement.rules.StatementLine;
import io.partnerhub.settlement.rules.StatementLine.Kind;
import io.partnerhub.settlement.rules.StatementRules;
import io.partnerhub.settlement.rules.Totals;
import io.partnerhub.shared.Money;
import io.partnerhub.shared.ReasonText;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties every statement has, over seeded random months: random programs and the models they
 * allow, tiers, customers, deals, services from the catalogue and unknown ones in any letter case,
 * funding sources, charge categories, amounts with up to 4 decimals of either sign, own consumption,
 * end dates, history, presales, projects and Bonus. A failing seed reproduces exactly.
 */
class StatementPropertiesTest {

    private static final String[] PROGRAMS = {"vk-cloud", "oblakoteka", "yandex-cloud"};
    private static final String[] UNKNOWN = {"Cloud Quantum Annealer", "Legacy Mainframe", "GPU Farm"};
    private static final String[] FUNDING = {"MONEY", "MONEY", "MONEY", "BONUS", "GRANT"};
    private static final String[] CATEGORIES = {"USAGE", "USAGE", "USAGE", "PURCHASE", "ADJUSTMENT", "CREDIT", "TAX"};
    private static final String[] SPECIALIZATIONS = {"infrastructure", "data-platform", "containers", "quantum"};

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 200);
    }

    /** The random month of a seed: the same seed always builds the same facts. */
    static Facts month(long seed) {
        Random r = new Random(seed);
        Program program = Facts.PROGRAMS.find(PROGRAMS[r.nextInt(PROGRAMS.length)]).orElseThrow();
        YearMonth period = YearMonth.of(2025, 1).plusMonths(r.nextInt(30));
        ProgramVersion terms = program.versionFor(period).orElseThrow();
        PartnerModel model = pick(r, terms.models()).id();
        List<String> tiers = terms.tiers().stream().filter(t -> t.models().contains(model)).map(TierRule::id).toList();
        String tier = tiers.isEmpty() ? null : pick(r, tiers);
        LocalDate contract = period.minusMonths(r.nextInt(24)).atDay(1 + r.nextInt(28));
        Facts facts = Facts.of(program.id(), period.toString(), model, tier, contract.toString());

        int customers = r.nextInt(5);
        for (long c = 1; c <= customers; c++) {
            String option = program.id().equals("oblakoteka") && r.nextBoolean() ? "FIRST_MONTH" : "MONTHLY";
            facts.link(c, period.minusMonths(r.nextInt(12)).atDay(1).toString(), option);
            if (r.nextInt(10) < 6) {
                int cap = terms.deals().extraPercentCap().intValue();
                facts.deal(100 + c, c, period.atDay(1).plusDays(r.nextInt(45) - 30).toString(),
                        String.valueOf(r.nextBoolean() ? cap : r.nextInt(cap + 1)));
            }
            if (r.nextInt(10) < 3) {
                facts.firstMonthRewarded(c);
            }
        }
        List<String> services = new ArrayList<>(terms.services().stream().map(Service::name).toList());
        services.addAll(List.of(UNKNOWN));
        for (int i = r.nextInt(16); i > 0; i--) {
            String service = anyCase(r, pick(r, services));
            String funding = FUNDING[r.nextInt(FUNDING.length)];
            String category = CATEGORIES[r.nextInt(CATEGORIES.length)];
            String day = r.nextBoolean() ? null : period.atDay(1 + r.nextInt(period.lengthOfMonth())).toString();
            BigDecimal amount = amount(r);
            if (category.equals("CREDIT") || r.nextInt(7) == 0) {
                amount = amount.negate();
            }
            if (customers == 0 || r.nextInt(5) == 0) {
                facts.own(service, funding, category, day, amount.toPlainString());
            } else {
                facts.use(1 + r.nextInt(customers), service, funding, category, day, amount.toPlainString());
            }
        }
        if (r.nextInt(10) == 0) {
            facts.endsOn(period.atDay(1 + r.nextInt(period.lengthOfMonth())).toString());
        }
        for (int i = r.nextInt(3); i > 0; i--) {
            facts.presale(i, period.atDay(1 + r.nextInt(28)).toString());
        }
        for (int i = r.nextInt(3); i > 0; i--) {
            facts.bonusWithdrawal(i, BigDecimal.valueOf(r.nextInt(2_000_000), 2).toPlainString());
        }
        for (String s : SPECIALIZATIONS) {
            if (r.nextBoolean()) {
                facts.specialization(s);
            }
        }
        facts.certified(r.nextInt(6));
        if (r.nextInt(10) < 3) {
            facts.exam(period.atDay(1).minusDays(r.nextInt(400) - 40).toString());
        }
        history(r, facts, terms, period);
        if (terms.projectRegistration().isPresent() && r.nextInt(10) < 3) {
            LocalDate registered = period.minusMonths(r.nextInt(14)).atDay(1 + r.nextInt(28));
            Map<YearMonth, BigDecimal> consumption = new HashMap<>();
            for (YearMonth m = YearMonth.from(registered).minusMonths(3); !m.isAfter(period); m = m.plusMonths(1)) {
                consumption.put(m, amount(r));
            }
            facts.project(new ProjectFact(1, 99, "folder-1", registered, registered.plusMonths(12),
                    BigDecimal.valueOf(r.nextInt(16)), consumption));
        }
        return facts;
    }

    /** Earlier statements with random measures, as the rebates and tiers read them. */
    private static void history(Random r, Facts facts, ProgramVersion terms, YearMonth period) {
        List<String> keys = List.of(Measures.MAIN_AFTER_DISCOUNT, Measures.afterDiscount("ElasticCloud KVM"),
                Measures.afterDiscount("MONT Office"), Measures.eligible("Compute Cloud"), Measures.eligible("Object Storage"),
                Measures.CUSTOMERS_ELIGIBLE, Measures.CUSTOMERS_LIST_COST);
        for (int back = 1; back <= 6; back++) {
            if (r.nextInt(10) < 3) {
                continue;
            }
            Map<String, BigDecimal> measures = new HashMap<>();
            keys.forEach(k -> measures.put(k, amount(r)));
            PartnerModel model = pick(r, terms.models()).id();
            if (model == PartnerModel.WHITE_LABEL && r.nextBoolean()) {
                measures.put(Measures.NEXT_STATEMENT_DISCOUNT, amount(r));
            }
            YearMonth month = period.minusMonths(back);
            YearMonth window = r.nextBoolean() ? null : month.minusMonths(r.nextInt(6));
            facts.prior(new PriorStatement(month, model, terms.tiers().isEmpty() ? null : pick(r, terms.tiers()).id(),
                    window, measures));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void eachTotalIsTheSumOfItsLines(long seed) {
        PartnerMonth facts = month(seed).build();
        Statement s = StatementRules.settle(facts);
        Totals t = s.totals();

        assertThat(t.listCost()).isEqualTo(sum(s, Kind.LIST_COST));
        assertThat(t.eligibleCost()).isEqualTo(t.listCost().plus(sum(s, Kind.EXCLUSION)));
        assertThat(t.discount()).isEqualTo(sum(s, Kind.DISCOUNT));
        assertThat(t.reward()).isEqualTo(sum(s, Kind.REWARD));
        assertThat(t.rebate()).isEqualTo(sum(s, Kind.REBATE));
        assertThat(t.bonus()).isEqualTo(sum(s, Kind.BONUS));
        Settlement settlement = facts.terms().model(facts.partner().model()).map(ModelTerms::settlement).orElseThrow();
        Money payable = settlement == Settlement.DISCOUNT
                ? t.listCost().minus(t.discount()).minus(t.bonus()).minus(sum(s, Kind.PROVIDER_PAID))
                : Money.of("0.00", "RUB");
        assertThat(t.payable()).isEqualTo(payable);
        assertThat(t.payable().toDecimalString()).isEqualTo(payable.rounded().toDecimalString());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyAmountIsInKopecksAndEveryRatedLineRecomputes(long seed) {
        Statement s = month(seed).settle();
        Totals t = s.totals();

        assertThat(List.of(t.listCost(), t.eligibleCost(), t.discount(), t.reward(), t.rebate(), t.bonus(), t.payable()))
                .allSatisfy(m -> assertThat(m.amount().scale()).isEqualTo(2));
        assertThat(s.lines()).allSatisfy(line -> {
            assertThat(line.amount().amount().scale()).as(ReasonText.english(line.reason())).isEqualTo(2);
            if (line.rate() != null) {
                assertThat(line.base().amount().scale()).isEqualTo(2);
                BigDecimal expected = line.base().amount().multiply(line.rate()).movePointLeft(2)
                        .setScale(2, RoundingMode.HALF_UP);
                assertThat(line.amount().amount()).as(ReasonText.english(line.reason())).isEqualByComparingTo(expected);
            }
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void noDiscountRateIsAboveTheProgramsCapAndOwnConsumptionIsNeverRated(long seed) {
        PartnerMonth facts = month(seed).build();
        Statement s = StatementRules.settle(facts);
        ProgramVersion terms = facts.terms();
        BigDecimal cap = terms.deals().totalDiscountPercentCap();
        if (cap == null) {
            // No total cap (Oblakoteka, Yandex Cloud): never above the highest base rate plus the deal cap.
            cap = terms.rates().stream().filter(RateRule.PercentOfConsumption.class::isInstance)
                    .map(rule -> ((RateRule.PercentOfConsumption) rule).percent())
                    .reduce(BigDecimal.ZERO, BigDecimal::max).add(terms.deals().extraPercentCap());
        }
        BigDecimal limit = cap;
        assertThat(s.lines()).filteredOn(l -> l.kind() == Kind.DISCOUNT && l.rate() != null)
                .allSatisfy(l -> {
                    assertThat(l.rate()).as(ReasonText.english(l.reason())).isLessThanOrEqualTo(limit);
                    assertThat(l.customerId()).as("own consumption is never discounted").isNotNull();
                });
        assertThat(s.lines()).filteredOn(l -> l.kind() == Kind.REWARD && l.rate() != null)
                .allSatisfy(l -> assertThat(l.customerId()).isNotNull());
        if (facts.program().id().equals("vk-cloud")) {
            assertThat(limit).isEqualByComparingTo("30");
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void bonusWithdrawnIsAppliedOrReturnedToTheKopeck(long seed) {
        PartnerMonth facts = month(seed).build();
        Statement s = StatementRules.settle(facts);

        BigDecimal withdrawn = facts.bonusWithdrawals().stream().map(PartnerMonth.BonusWithdrawal::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal returned = s.bonusReturns().stream().map(BonusReturn::amount).map(Money::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(s.totals().bonus().amount().add(returned)).isEqualByComparingTo(withdrawn);
        assertThat(s.totals().bonus().amount()).isGreaterThanOrEqualTo(BigDecimal.ZERO);
        assertThat(s.totals().payable().amount()).satisfiesAnyOf(
                p -> assertThat(s.totals().bonus().amount()).isZero(),
                p -> assertThat(p).isGreaterThanOrEqualTo(BigDecimal.ZERO));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theSameFactsInAnyOrderGiveTheSameStatement(long seed) {
        Statement first = month(seed).settle();
        Statement again = month(seed).settle();
        assertThat(again).isEqualTo(first);

        Facts facts = month(seed);
        for (int shuffle = 0; shuffle < 3; shuffle++) {
            Statement shuffled = facts.shuffleUsage(new Random(seed * 7919 + shuffle)).settle();
            assertThat(shuffled.lines()).containsExactlyElementsOf(first.lines());
            assertThat(shuffled.totals()).isEqualTo(first.totals());
            assertThat(shuffled.measures()).isEqualTo(first.measures());
            assertThat(shuffled.standingChange()).isEqualTo(first.standingChange());
        }
    }

    private static Money sum(Statement s, Kind kind) {
        Money total = Money.of("0.00", s.currency());
        for (StatementLine line : s.lines()) {
            if (line.kind() == kind) {
                total = total.plus(line.amount());
            }
        }
        return total;
    }

    /** An amount up to 49 999.9999 with 0 to 4 decimals. */
    private static BigDecimal amount(Random r) {
        int scale = r.nextInt(5);
        return BigDecimal.valueOf(r.nextLong((long) (50_000 * Math.pow(10, scale))), scale);
    }

    private static String anyCase(Random r, String name) {
        return switch (r.nextInt(4)) {
            case 0 -> name.toLowerCase(Locale.ROOT);
            case 1 -> name.toUpperCase(Locale.ROOT);
            default -> name;
        };
    }

    private static <T> T pick(Random r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }
}
