package io.partnerhub.settlement;

import io.partnerhub.program.InvalidProgramDefinition;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.program.ProgramSchedule;
import io.partnerhub.event.Events;
import io.partnerhub.settlement.ProgramSimulator.Compared;
import io.partnerhub.settlement.ProgramSimulator.Sums;
import io.partnerhub.settlement.rules.StatementLine;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.ClosedPeriods;
import io.partnerhub.shared.Money;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.PeriodInput;
import io.partnerhub.shared.ProblemException;
import io.partnerhub.shared.Refusals;
import io.partnerhub.shared.RuleViolation;
import io.partnerhub.shared.WorkerShutdown;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * The program simulator (API.md, "Program simulator"): an operator's draft of a program's file
 * replayed over closed months ({@link ProgramSimulator}) on a thread of its own, its progress and
 * result kept in {@code simulation}. For every partner and month: the issued statement's totals,
 * the draft's (with the tier and model the draft's path gives) and the difference; for the
 * provider the totals by model, tier and month; the partners gaining and losing most, with the
 * lines that explain it. Nothing a simulation does changes a statement, a ledger or a tier.
 */
@Service
public class Simulations {

    private static final Logger log = LoggerFactory.getLogger(Simulations.class);
    private static final BigDecimal NONE = new BigDecimal("0.00");
    /** The partners named among those gaining and those losing most. */
    static final int MOST_AFFECTED = 10;

    private final JdbcClient jdbc;
    private final ProgramCatalog programs;
    private final ProgramSimulator simulator;
    private final ClosedPeriods closedPeriods;
    private final Refusals refusals;
    private final ProgramSchedule schedule;
    private final Events events;
    private final PeriodInput periods;
    private final ObjectMapper json;
    private final Duration shutdownBound;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            task -> Thread.ofPlatform().name("simulation").daemon().unstarted(task));

    Simulations(JdbcClient jdbc, ProgramCatalog programs, ProgramSimulator simulator, ClosedPeriods closedPeriods,
                Refusals refusals, ProgramSchedule schedule, Events events, PeriodInput periods, ObjectMapper json,
                @Value(WorkerShutdown.BOUND) Duration shutdownBound) {
        this.refusals = refusals;
        this.schedule = schedule;
        this.events = events;
        this.jdbc = jdbc;
        this.programs = programs;
        this.simulator = simulator;
        this.closedPeriods = closedPeriods;
        this.periods = periods;
        this.json = json;
        this.shutdownBound = shutdownBound;
    }

    public record Started(long id, String status) {
    }

    /** One side of a partner's month: the totals, and the standing they were settled under. */
    public record Side(Statements.TotalsView totals, String model, String tier) {
    }

    /** A kind of line whose sum differs: the rates each side applied (one per distinct rate) and the sums. */
    public record Difference(String kind, List<String> actualRates, List<String> draftRates, String actual, String draft,
                             String delta) {
    }

    /** {@code actual} null: the close issued no statement for the partner that month. */
    public record PeriodResult(String period, Side actual, Side draft, Statements.TotalsView delta,
                               List<Difference> differences) {
    }

    /** {@code gain}: what the partner gains under the draft over the months (reward and rebate up, payable down). */
    public record PartnerResult(long partnerId, String partnerName, String gain, Statements.TotalsView delta,
                                List<PeriodResult> periods) {
    }

    public record Group(String key, Statements.TotalsView actual, Statements.TotalsView draft,
                        Statements.TotalsView delta) {
    }

    /** The most affected partners, either way, with the differences that explain it, month by month. */
    public record Affected(long partnerId, String partnerName, String gain, List<Explained> differences) {
    }

    public record Explained(String period, Difference difference) {
    }

    public record Totals(Statements.TotalsView actual, Statements.TotalsView draft, Statements.TotalsView delta) {
    }

    /**
     * A simulation as the API shows it; {@code partners}, {@code totals} and the groups once DONE.
     * {@code reproducesIssued}: the draft gave every issued statement back, line for line (the
     * digests are equal).
     */
    public record Simulation(long id, String programId, String from, String to, String status, BigDecimal progress,
                             String error, String requestedBy, Instant createdAt, Instant finishedAt,
                             Totals totals, List<Group> byModel, List<Group> byTier, List<Group> byMonth,
                             List<Affected> gaining, List<Affected> losing, Boolean reproducesIssued,
                             String actualDigest, String draftDigest, Integer partnerCount,
                             List<PartnerResult> partners) {
    }

    /** The computed part of a simulation, as stored. */
    record Result(Totals totals, List<Group> byModel, List<Group> byTier, List<Group> byMonth, List<Affected> gaining,
                  List<Affected> losing, boolean reproducesIssued, String actualDigest, String draftDigest,
                  List<PartnerResult> partners) {
    }

    /**
     * Starts replaying {@code draft} (a whole program file) over the closed months {@code from}..{@code to};
     * 422 for a draft that is no valid program file of {@code programId}, or a month not closed.
     */
    public Started start(Caller caller, String programId, String draft, String from, String to) {
        caller.requireOperator("run program simulations");
        programs.find(programId).orElseThrow(() -> refusals.violation("programId", "simulation.refused.program", programId));
        YearMonth first = periods.period("from", from);
        YearMonth last = periods.period("to", to);
        if (last.isBefore(first)) {
            throw refusals.violation("to", "simulation.refused.order", first);
        }
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            if (!closedPeriods.isClosed(m)) {
                throw refusals.violation(m.equals(first) ? "from" : "to", "simulation.refused.open", m);
            }
        }
        Program program = draftOf(programId, draft);
        long id = jdbc.sql("""
                        insert into simulation (program_id, period_from, period_to, draft, requested_by)
                        values (:program, :from, :to, :draft, :by) returning id""")
                .param("program", programId).param("from", first.atDay(1)).param("to", last.atDay(1))
                .param("draft", draft).param("by", caller.name()).query(Long.class).single();
        worker.submit(() -> run(id, programId, program, first, last));
        return new Started(id, "RUNNING");
    }

    private Program draftOf(String programId, String draft) {
        if (draft == null || draft.isBlank()) {
            throw refusals.violation("draft", "simulation.refused.noDraft");
        }
        try {
            return programs.draft(programId, draft);
        } catch (InvalidProgramDefinition invalid) {
            RuleViolation refused = refusals.violation(null, "simulation.refused.draft", programName(programId),
                    invalid.problems().size());
            throw (RuleViolation) new RuleViolation(refused.getMessage(), invalid.problems().stream()
                    .map(p -> new ProblemException.FieldProblem("draft", p)).toList()).worded(refused.words().orElseThrow());
        }
    }

    private String programName(String programId) {
        return programs.find(programId).map(Program::name).orElse(programId);
    }

    private void run(long id, String programId, Program draft, YearMonth from, YearMonth to) {
        long started = System.nanoTime();
        try {
            ProgramSimulator.Replay replay = simulator.replay(programId, draft, from, to,
                    (month, index, months, settled, partners) -> progress(id, index, months, settled, partners));
            Result result = result(replay);
            jdbc.sql("""
                            update simulation set status = 'DONE', progress = 1, result = cast(:result as jsonb),
                                                  finished_at = now() where id = :id""")
                    .param("result", json.writeValueAsString(result)).param("id", id).update();
            log.info("Simulation {} of {} {}..{}: {} partner-months in {} ms", id, programId, from, to,
                    replay.compared().size(), (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException | Error e) {
            log.warn("Simulation {} failed: {}", id, e.toString(), e);
            jdbc.sql("update simulation set status = 'FAILED', error = :error, finished_at = now() where id = :id")
                    .param("error", String.valueOf(e.getMessage())).param("id", id).update();
        }
    }

    private void progress(long id, int monthIndex, int months, int settled, int partners) {
        double share = (monthIndex + (partners == 0 ? 0 : (double) settled / partners)) / months;
        BigDecimal progress = BigDecimal.valueOf((long) Math.min(Math.floor(share * 10_000), 9_999), 4);
        jdbc.sql("update simulation set progress = :progress where id = :id and status = 'RUNNING'")
                .param("progress", progress).param("id", id).update();
    }

    /** A run the platform stopped in the middle of (a restart) is told apart from one still running. */
    @EventListener(ApplicationReadyEvent.class)
    void failInterrupted() {
        jdbc.sql("""
                update simulation set status = 'FAILED', error = 'the platform stopped during the run; run it again',
                                      finished_at = now() where status = 'RUNNING'""").update();
    }

    @PreDestroy
    void stop() {
        WorkerShutdown.finishThenStop(worker, shutdownBound);
    }

    Result result(ProgramSimulator.Replay replay) {
        Map<Long, List<Compared>> byPartner = replay.compared().stream()
                .collect(Collectors.groupingBy(Compared::partnerId, TreeMap::new, Collectors.toList()));
        List<PartnerResult> partners = new ArrayList<>();
        Sums actualTotal = Sums.ZERO;
        Sums draftTotal = Sums.ZERO;
        Map<String, Sums[]> byModel = new TreeMap<>();
        Map<String, Sums[]> byTier = new TreeMap<>();
        Map<String, Sums[]> byMonth = new TreeMap<>();
        List<Affected> affected = new ArrayList<>();
        for (Map.Entry<Long, List<Compared>> partner : byPartner.entrySet()) {
            Sums actualSum = Sums.ZERO;
            Sums draftSum = Sums.ZERO;
            List<PeriodResult> months = new ArrayList<>();
            List<Explained> explained = new ArrayList<>();
            for (Compared c : partner.getValue()) {
                Sums actual = c.actual() == null ? Sums.ZERO : c.actual().totals();
                Sums draft = c.draft().totals();
                List<Difference> differences = differences(c.actual() == null ? Map.of() : c.actual().kinds(),
                        c.draft().kinds());
                differences.forEach(d -> explained.add(new Explained(c.period().toString(), d)));
                months.add(new PeriodResult(c.period().toString(), c.actual() == null ? null
                        : new Side(actual.view(), c.actual().model().name(), c.actual().tier()),
                        new Side(draft.view(), c.draft().model().name(), c.draft().tier()), draft.minus(actual).view(),
                        differences));
                actualSum = actualSum.plus(actual);
                draftSum = draftSum.plus(draft);
                add(byModel, c.draft().model().name(), actual, draft);
                add(byTier, Objects.requireNonNullElse(c.draft().tier(), "-"), actual, draft);
                add(byMonth, c.period().toString(), actual, draft);
            }
            Sums delta = draftSum.minus(actualSum);
            String name = partner.getValue().getFirst().partnerName();
            String gain = Money.twoPlaces(delta.partnerGain());
            partners.add(new PartnerResult(partner.getKey(), name, gain, delta.view(), months));
            affected.add(new Affected(partner.getKey(), name, gain, explained));
            actualTotal = actualTotal.plus(actualSum);
            draftTotal = draftTotal.plus(draftSum);
        }
        Comparator<Affected> byGain = Comparator.comparing(a -> new BigDecimal(a.gain()));
        List<Affected> gaining = affected.stream().filter(a -> new BigDecimal(a.gain()).signum() > 0)
                .sorted(byGain.reversed().thenComparingLong(Affected::partnerId)).limit(MOST_AFFECTED).toList();
        List<Affected> losing = affected.stream().filter(a -> new BigDecimal(a.gain()).signum() < 0)
                .sorted(byGain.thenComparingLong(Affected::partnerId)).limit(MOST_AFFECTED).toList();
        return new Result(new Totals(actualTotal.view(), draftTotal.view(), draftTotal.minus(actualTotal).view()),
                groups(byModel), groups(byTier), groups(byMonth), gaining, losing,
                replay.actualDigest().equals(replay.draftDigest()), replay.actualDigest(), replay.draftDigest(), partners);
    }

    private static void add(Map<String, Sums[]> groups, String key, Sums actual, Sums draft) {
        Sums[] sums = groups.computeIfAbsent(key, k -> new Sums[]{Sums.ZERO, Sums.ZERO});
        sums[0] = sums[0].plus(actual);
        sums[1] = sums[1].plus(draft);
    }

    private static List<Group> groups(Map<String, Sums[]> groups) {
        return groups.entrySet().stream().map(e -> new Group(e.getKey(), e.getValue()[0].view(), e.getValue()[1].view(),
                e.getValue()[1].minus(e.getValue()[0]).view())).toList();
    }

    /** Per kind of line: the sums and rates of each side, where the sums differ. */
    static List<Difference> differences(Map<String, ProgramSimulator.KindSum> actual,
                                        Map<String, ProgramSimulator.KindSum> draft) {
        List<Difference> differences = new ArrayList<>();
        for (StatementLine.Kind kind : StatementLine.Kind.values()) {
            ProgramSimulator.KindSum a = actual.get(kind.name());
            ProgramSimulator.KindSum d = draft.get(kind.name());
            BigDecimal actualSum = a == null ? NONE : a.amount();
            BigDecimal draftSum = d == null ? NONE : d.amount();
            if (actualSum.compareTo(draftSum) != 0) {
                differences.add(new Difference(kind.name(), a == null ? List.of() : a.rates(),
                        d == null ? List.of() : d.rates(), Money.twoPlaces(actualSum), Money.twoPlaces(draftSum),
                        Money.twoPlaces(draftSum.subtract(actualSum))));
            }
        }
        return differences;
    }

    /** A draft scheduled as the program's next version; {@code partnersTold}: partners sent what changes for them. */
    public record Scheduled(long simulationId, String programId, LocalDate effectiveFrom, int partnersTold) {
    }

    /**
     * Schedules a simulated draft as the program's next version from {@code effectiveFrom}, once the
     * operator confirmed it (422 on {@code confirm} otherwise), and tells each partner the simulation
     * covered what the draft would have changed for it ({@code program.version-scheduled}).
     */
    @Transactional
    public Scheduled schedule(Caller caller, long id, LocalDate effectiveFrom, boolean confirmed) {
        caller.requireOperator("schedule a program's next version");
        Simulation run = find(caller, id, null, 0);
        if (!"DONE".equals(run.status())) {
            throw refusals.conflict("simulation.refused.notDone", id, run.status());
        }
        if (!confirmed) {
            throw refusals.violation("confirm", "simulation.refused.unconfirmed", programName(run.programId()), effectiveFrom);
        }
        String draft = jdbc.sql("select draft from simulation where id = :id").param("id", id).query(String.class).single();
        schedule.schedule(caller.name(), run.programId(), draft, effectiveFrom, id);
        for (PartnerResult partner : run.partners()) {
            events.record(caller.name(), partner.partnerId(), "program.version-scheduled", "program/" + run.programId(),
                    "The terms of " + run.programId() + " change from " + effectiveFrom + "; over " + run.from() + ".."
                            + run.to() + " they would have changed your payable by " + partner.delta().payable()
                            + " and your reward by " + partner.delta().reward(),
                    Map.of("programId", run.programId(), "effectiveFrom", effectiveFrom.toString(), "simulationId", id,
                            "from", run.from(), "to", run.to(), "payable", partner.delta().payable(),
                            "reward", partner.delta().reward(), "rebate", partner.delta().rebate(), "gain", partner.gain()));
        }
        return new Scheduled(id, run.programId(), effectiveFrom, run.partners().size());
    }

    /** A simulation with its partners {@code offset}.. ({@code limit} of them; all when null). */
    public Simulation find(Caller caller, long id, Integer limit, int offset) {
        caller.requireOperator("read program simulations");
        boolean withPartners = limit == null || limit > 0;
        return jdbc.sql("select *, " + RESULT_COLUMNS + " from simulation where id = :id").param("id", id)
                .query((rs, i) -> simulation(rs, withPartners, limit, offset))
                .optional().orElseThrow(() -> new NotFound("simulation", id));
    }

    /** The result as JSON without its partners (what a list or a look at the progress reads), and their number. */
    private static final String RESULT_COLUMNS = "(result - 'partners')::text as summary_text,"
            + " jsonb_array_length(result -> 'partners') as partner_count";

    private Simulation simulation(java.sql.ResultSet rs, boolean withPartners, Integer limit, int offset)
            throws java.sql.SQLException {
        long id = rs.getLong("id");
        String summary = rs.getString("summary_text");
        Result r = summary == null ? null : json.readValue(summary, Result.class);
        List<PartnerResult> partners = null;
        if (r != null && withPartners) {
            String text = jdbc.sql("select result -> 'partners' from simulation where id = :id").param("id", id)
                    .query(String.class).single();
            partners = List.of(json.readValue(text, PartnerResult[].class)).stream().skip(offset)
                    .limit(limit == null ? Long.MAX_VALUE : limit).toList();
        }
        OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
        return new Simulation(id, rs.getString("program_id"),
                YearMonth.from(rs.getObject("period_from", LocalDate.class)).toString(),
                YearMonth.from(rs.getObject("period_to", LocalDate.class)).toString(), rs.getString("status"),
                rs.getBigDecimal("progress"), rs.getString("error"), rs.getString("requested_by"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), finished == null ? null : finished.toInstant(),
                r == null ? null : r.totals(), r == null ? null : r.byModel(), r == null ? null : r.byTier(),
                r == null ? null : r.byMonth(), r == null ? null : r.gaining(), r == null ? null : r.losing(),
                r == null ? null : r.reproducesIssued(), r == null ? null : r.actualDigest(),
                r == null ? null : r.draftDigest(), r == null ? null : (Integer) rs.getObject("partner_count"), partners);
    }

    /** The simulations, latest first, without their partners. */
    public List<Simulation> list(Caller caller) {
        caller.requireOperator("read program simulations");
        return jdbc.sql("select *, " + RESULT_COLUMNS + " from simulation order by id desc limit 100")
                .query((rs, i) -> simulation(rs, false, 0, 0)).list();
    }

    /** The simulation's partner months as CSV: one row per partner and month, each total actual, draft and delta. */
    public String csv(Caller caller, long id) {
        Simulation s = find(caller, id, null, 0);
        StringBuilder csv = new StringBuilder("partnerId,partnerName,period,actualModel,actualTier,draftModel,draftTier");
        for (String total : TOTALS) {
            csv.append(',').append(total).append("Actual,").append(total).append("Draft,").append(total).append("Delta");
        }
        csv.append('\n');
        if (s.partners() == null) {
            return csv.toString();
        }
        for (PartnerResult p : s.partners()) {
            for (PeriodResult m : p.periods()) {
                csv.append(p.partnerId()).append(',').append(CsvText.quoted(p.partnerName())).append(',').append(m.period())
                        .append(',').append(m.actual() == null ? "" : m.actual().model()).append(',')
                        .append(m.actual() == null || m.actual().tier() == null ? "" : m.actual().tier()).append(',')
                        .append(m.draft().model()).append(',').append(m.draft().tier() == null ? "" : m.draft().tier());
                List<String> actual = values(m.actual() == null ? null : m.actual().totals());
                List<String> draft = values(m.draft().totals());
                List<String> delta = values(m.delta());
                for (int i = 0; i < TOTALS.size(); i++) {
                    csv.append(',').append(actual.get(i)).append(',').append(draft.get(i)).append(',').append(delta.get(i));
                }
                csv.append('\n');
            }
        }
        return csv.toString();
    }

    private static final List<String> TOTALS = List.of("listCost", "eligibleCost", "discount", "reward", "rebate", "bonus",
            "payable", "balancePayout");

    private static List<String> values(Statements.TotalsView t) {
        if (t == null) {
            return List.of("", "", "", "", "", "", "", "");
        }
        return List.of(t.listCost(), t.eligibleCost(), t.discount(), t.reward(), t.rebate(), t.bonus(), t.payable(),
                t.balancePayout());
    }

    /** CSV quoting of a text cell. */
    static final class CsvText {
        private CsvText() {
        }

        static String quoted(String text) {
            return text == null ? "" : "\"" + text.replace("\"", "\"\"") + "\"";
        }
    }
}
