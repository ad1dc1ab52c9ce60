package io.partnerhub.settlement;

import io.partnerhub.program.PartnerModel;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramVersion;
import io.partnerhub.settlement.rules.PartnerMonth;
import io.partnerhub.settlement.rules.PartnerMonth.PartnerFacts;
import io.partnerhub.settlement.rules.PartnerMonth.PriorStatement;
import io.partnerhub.settlement.rules.Statement;
import io.partnerhub.settlement.rules.StatementLine;
import io.partnerhub.settlement.rules.StatementRules;
import io.partnerhub.settlement.rules.Totals;
import io.partnerhub.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replays closed months of a program under a draft of its terms, with the close's own facts and
 * rules, writing nothing: each partner's month is settled as the close settled it, but with the
 * draft's version in force on the month's first day, the standing (model, tier) the draft's own
 * earlier months decided from the first replayed month on, and the draft's own statements as the
 * history later months build on (tier windows, quarterly and half-year bases). Beside it, the
 * statement the close issued. Replaying the terms in force gives the issued statements back,
 * line for line ({@link Replay#actualDigest()} equals {@link Replay#draftDigest()}).
 */
@Component
class ProgramSimulator {

    private final MonthFacts facts;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    ProgramSimulator(MonthFacts facts, JdbcClient jdbc, TransactionTemplate transactions) {
        this.facts = facts;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** How far a replay has got: months done of all, and partners settled in the month being replayed. */
    interface Progress {
        void at(YearMonth month, int monthIndex, int months, int settled, int partners);
    }

    /** A partner's month under both terms. {@code actual} null: the close issued no statement for it. */
    record Compared(long partnerId, String partnerName, YearMonth period, Side actual, Side draft) {
    }

    /**
     * A statement as the comparison keeps it, in little memory (a year of 2 000 partners' statements
     * would not fit whole): its standing, totals, per kind of line the sum and the rates applied, and
     * the digest of everything it says.
     */
    record Side(PartnerModel model, String tier, Sums totals, Map<String, KindSum> kinds, String digest) {

        static Side of(long partnerId, YearMonth period, PartnerModel model, String tier, Sums totals,
                       List<LineKey> lines) {
            Map<String, KindSum> kinds = new TreeMap<>();
            for (LineKey line : lines) {
                KindSum sum = kinds.computeIfAbsent(line.kind(), k -> new KindSum(new java.util.TreeSet<>()));
                sum.add(line);
            }
            StringBuilder text = new StringBuilder().append(partnerId).append('|').append(period).append('|').append(model)
                    .append('|').append(tier).append('|').append(totals.text()).append('\n');
            lines.forEach(line -> text.append(line.text()).append('\n'));
            return new Side(model, tier, totals, kinds, hex(sha256().digest(text.toString().getBytes(StandardCharsets.UTF_8))));
        }
    }

    /** The lines of one kind: their sum and the rates they applied (without trailing zeros). */
    static final class KindSum {
        private BigDecimal amount = BigDecimal.ZERO;
        private final java.util.SortedSet<String> rates;

        KindSum(java.util.SortedSet<String> rates) {
            this.rates = rates;
        }

        void add(LineKey line) {
            amount = amount.add(line.amount());
            if (line.rate() != null) {
                rates.add(line.rate().stripTrailingZeros().toPlainString());
            }
        }

        BigDecimal amount() {
            return amount;
        }

        List<String> rates() {
            return List.copyOf(rates);
        }
    }

    /** What the replay found, partner by partner, month by month (partner id order, then month). */
    record Replay(List<Compared> compared, String actualDigest, String draftDigest) {
    }

    /** A line as both sides are compared and digested: numbers at the scale the statement stores. */
    record LineKey(String kind, Long customerId, BigDecimal base, BigDecimal rate, BigDecimal amount) {
        static LineKey of(StatementLine line) {
            return new LineKey(line.kind().name(), line.customerId(), line.base() == null ? null : line.base().rounded().amount(),
                    line.rate(), line.amount().rounded().amount());
        }

        /** The rate without trailing zeros: 27 as computed reads 27.0000 as stored (numeric(7,4)). */
        String text() {
            return kind + "|" + customerId + "|" + plain(base) + "|" + (rate == null ? "" : rate.stripTrailingZeros()
                    .toPlainString()) + "|" + plain(amount);
        }
    }

    /** The draft's path for one partner: its standing from the first replayed month, its own statements. */
    private static final class Path {
        PartnerModel model;
        String tier;
        final List<PriorStatement> statements = new ArrayList<>();
    }

    Replay replay(String programId, Program draft, YearMonth from, YearMonth to, Progress progress) {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            months.add(m);
        }
        Map<Long, Path> paths = new HashMap<>();
        List<Compared> compared = new ArrayList<>();
        List<Unreplayed> unreplayed = new ArrayList<>();
        for (int i = 0; i < months.size(); i++) {
            YearMonth month = months.get(i);
            int index = i;
            Map<Long, Side> issued = issued(programId, month);
            int[] counts = {0, 0};
            transactions.executeWithoutResult(status -> {
                status.setRollbackOnly();
                jdbc.sql("set local work_mem = '" + PeriodClose.WORK_MEM + "'").update();
                facts.forEachPartner(month, partners -> {
                    counts[1] = partners;
                    progress.at(month, index, months.size(), 0, partners);
                }, month0 -> {
                    counts[0]++;
                    if (counts[0] % 100 == 0) {
                        progress.at(month, index, months.size(), counts[0], counts[1]);
                    }
                    if (!month0.program().id().equals(programId)) {
                        return;
                    }
                    ProgramVersion terms = draft.versionFor(month).orElse(null);
                    if (terms == null) {
                        return;
                    }
                    long id = month0.partner().id();
                    Path path = paths.computeIfAbsent(id, k -> {
                        Path p = new Path();
                        p.model = month0.partner().model();
                        p.tier = month0.partner().tier();
                        return p;
                    });
                    Statement statement = StatementRules.settle(underDraft(month0, draft, terms, path, from));
                    statement.standingChange().ifPresent(change -> {
                        path.model = change.model();
                        path.tier = change.tier();
                    });
                    path.statements.add(prior(statement));
                    compared.add(new Compared(id, month0.partner().name(), month, issued.remove(id),
                            Side.of(id, month, statement.model(), statement.tier(), Sums.of(statement.totals()),
                                    statement.lines().stream().map(LineKey::of).toList())));
                });
            });
            issued.forEach((id, side) -> unreplayed.add(new Unreplayed(id, month, side)));
            progress.at(month, index + 1, months.size(), counts[1], counts[1]);
        }
        compared.sort(java.util.Comparator.comparingLong(Compared::partnerId).thenComparing(Compared::period));
        return new Replay(compared, actualDigest(compared, unreplayed), draftDigest(compared));
    }

    /** An issued statement of a partner the draft did not settle that month (a draft without its model, say). */
    private record Unreplayed(long partnerId, YearMonth period, Side actual) {
    }

    /** The month as the close saw it, but under the draft: its terms, the draft's standing and history. */
    private static PartnerMonth underDraft(PartnerMonth m, Program draft, ProgramVersion terms, Path path, YearMonth from) {
        PartnerFacts real = m.partner();
        PartnerFacts partner = new PartnerFacts(real.id(), real.name(), real.contractDate(), real.accountId(), path.model,
                path.tier, real.endsOn());
        List<PriorStatement> history = new ArrayList<>();
        m.history().stream().filter(s -> s.period().isBefore(from)).forEach(history::add);
        path.statements.stream().filter(s -> !s.period().isBefore(m.period().minusMonths(12))).forEach(history::add);
        return new PartnerMonth(draft, terms, m.period(), partner, m.links(), m.deals(), m.projects(), m.usage(), history,
                m.bonusWithdrawals(), m.certifiedEmployees(), m.specializations(), m.presales(), m.examPassedOn(),
                m.firstMonthsRewarded(), m.firstConsumedOn(), m.adjustments(), m.rebateBalance(), m.incentives(),
                m.billsCustomers());
    }

    /** What later months read of a statement: as {@link StatementHistory} reads it back from the table. */
    private static PriorStatement prior(Statement s) {
        Map<String, BigDecimal> measures = new TreeMap<>();
        s.measures().forEach((key, value) -> {
            if (!key.startsWith("firstMonth:")) {
                measures.put(key, value);
            }
        });
        return new PriorStatement(s.period(), s.model(), s.tier(), s.qualificationWindow(), measures);
    }

    /** The statements the close issued for the program's partners in {@code month}, each kept as a {@link Side}. */
    private Map<Long, Side> issued(String programId, YearMonth month) {
        Map<Long, List<LineKey>> lines = new HashMap<>();
        jdbc.sql("""
                        select l.partner_id, l.kind, l.customer_id, l.base, l.rate, l.amount
                          from statement_line l join statement s on s.partner_id = l.partner_id and s.period = l.period
                         where l.period = :period and s.program_id = :program
                         order by l.partner_id, l.line_no""")
                .param("period", month.atDay(1)).param("program", programId)
                .query(rs -> {
                    lines.computeIfAbsent(rs.getLong("partner_id"), k -> new ArrayList<>()).add(new LineKey(
                            rs.getString("kind"), (Long) rs.getObject("customer_id"), rs.getBigDecimal("base"),
                            rs.getBigDecimal("rate"), rs.getBigDecimal("amount")));
                });
        Map<Long, Side> issued = new HashMap<>();
        jdbc.sql("select * from statement where period = :period and program_id = :program")
                .param("period", month.atDay(1)).param("program", programId)
                .query(rs -> {
                    long id = rs.getLong("partner_id");
                    issued.put(id, Side.of(id, month, PartnerModel.valueOf(rs.getString("model")), rs.getString("tier"),
                            Sums.of(rs.getBigDecimal("list_cost"), rs.getBigDecimal("eligible_cost"),
                                    rs.getBigDecimal("discount"), rs.getBigDecimal("reward"), rs.getBigDecimal("rebate"),
                                    rs.getBigDecimal("bonus"), rs.getBigDecimal("payable"), rs.getBigDecimal("balance_payout")),
                            lines.getOrDefault(id, List.of())));
                });
        return issued;
    }

    /**
     * The digest of the issued statements of the program in the months: SHA-256 over each statement's
     * own digest (partner, month, standing, totals, lines), in partner and month order.
     */
    private static String actualDigest(List<Compared> compared, List<Unreplayed> unreplayed) {
        Map<String, String> digests = new TreeMap<>();
        compared.stream().filter(c -> c.actual() != null)
                .forEach(c -> digests.put(key(c.partnerId(), c.period()), c.actual().digest()));
        unreplayed.forEach(u -> digests.put(key(u.partnerId(), u.period()), u.actual().digest()));
        return combined(digests.values());
    }

    /** The same over the replayed statements. */
    private static String draftDigest(List<Compared> compared) {
        Map<String, String> digests = new TreeMap<>();
        compared.forEach(c -> digests.put(key(c.partnerId(), c.period()), c.draft().digest()));
        return combined(digests.values());
    }

    private static String key(long partnerId, YearMonth period) {
        return String.format(java.util.Locale.ROOT, "%020d|%s", partnerId, period);
    }

    private static String combined(java.util.Collection<String> digests) {
        MessageDigest digest = sha256();
        digests.forEach(d -> digest.update(d.getBytes(StandardCharsets.US_ASCII)));
        return hex(digest.digest());
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    /** A statement's eight totals, summed and subtracted exactly. */
    record Sums(BigDecimal listCost, BigDecimal eligibleCost, BigDecimal discount, BigDecimal reward, BigDecimal rebate,
                BigDecimal bonus, BigDecimal payable, BigDecimal balancePayout) {

        private static final BigDecimal NONE = new BigDecimal("0.00");
        static final Sums ZERO = of(NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE);

        static Sums of(BigDecimal listCost, BigDecimal eligibleCost, BigDecimal discount, BigDecimal reward,
                       BigDecimal rebate, BigDecimal bonus, BigDecimal payable, BigDecimal balancePayout) {
            return new Sums(listCost, eligibleCost, discount, reward, rebate, bonus, payable, balancePayout);
        }

        static Sums of(Totals t) {
            return of(t.listCost().amount(), t.eligibleCost().amount(), t.discount().amount(), t.reward().amount(),
                    t.rebate().amount(), t.bonus().amount(), t.payable().amount(), t.balancePayout().amount());
        }

        Sums plus(Sums o) {
            return new Sums(listCost.add(o.listCost), eligibleCost.add(o.eligibleCost), discount.add(o.discount),
                    reward.add(o.reward), rebate.add(o.rebate), bonus.add(o.bonus), payable.add(o.payable),
                    balancePayout.add(o.balancePayout));
        }

        Sums minus(Sums o) {
            return new Sums(listCost.subtract(o.listCost), eligibleCost.subtract(o.eligibleCost),
                    discount.subtract(o.discount), reward.subtract(o.reward), rebate.subtract(o.rebate),
                    bonus.subtract(o.bonus), payable.subtract(o.payable), balancePayout.subtract(o.balancePayout));
        }

        /** What the partner gains (the provider spends) more: reward and rebate up, payable down. */
        BigDecimal partnerGain() {
            return reward.add(rebate).subtract(payable);
        }

        Statements.TotalsView view() {
            return new Statements.TotalsView(Money.twoPlaces(listCost), Money.twoPlaces(eligibleCost),
                    Money.twoPlaces(discount), Money.twoPlaces(reward), Money.twoPlaces(rebate), Money.twoPlaces(bonus),
                    Money.twoPlaces(payable), Money.twoPlaces(balancePayout));
        }

        String text() {
            return String.join("|", plain(listCost), plain(eligibleCost), plain(discount), plain(reward), plain(rebate),
                    plain(bonus), plain(payable), plain(balancePayout));
        }
    }
}
