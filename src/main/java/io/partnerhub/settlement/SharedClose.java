package io.partnerhub.settlement;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import io.partnerhub.settlement.CloseRun.Part;
import io.partnerhub.settlement.CloseRun.Run;
import io.partnerhub.settlement.rules.Statement;
import io.partnerhub.shared.BeforeClose;
import io.partnerhub.shared.ClosedPeriods;
import io.partnerhub.shared.PeriodLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * A month's close shared by the instances on one database (docs/settlement.md, "A close shared by
 * instances"). A run cuts the month's partners into contiguous parts; each part is settled by the
 * same facts and engine as the one-transaction close, in a transaction of its own that stages its
 * statements under the run; a finishing transaction under the exclusive period lock issues them,
 * carries out their consequences in partner order and seals the month, unless a writer took the
 * period lock since the run started: then the run is discarded and the month runs again. Parts are
 * job-scheduler tasks any instance may take; the instance that asked for the close works on them
 * too, so one instance alone closes as fast as its parts allow.
 */
@Service
class SharedClose {

    private static final Logger log = LoggerFactory.getLogger(SharedClose.class);

    static final String PART_TASK = "close-part";
    static final String FINISH_TASK = "close-finish";

    /** Who settled a part: this process. */
    private static final String INSTANCE = hostName() + ":" + ProcessHandle.current().pid();

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final DataSource dataSource;
    private final MonthFacts facts;
    private final ObjectMapper json;
    private final Consequences consequences;
    private final ClosedPeriods closedPeriods;
    private final List<BeforeClose> beforeClose;
    private final ObjectProvider<SchedulerClient> scheduler;
    private final ObjectProvider<PeriodClose> oneTransaction;
    private final int parts;
    private final int reruns;
    private final Duration poll;
    private volatile SchedulerClient detached;

    SharedClose(JdbcClient jdbc, TransactionTemplate transactions, DataSource dataSource, MonthFacts facts,
                ObjectMapper json, Consequences consequences, ClosedPeriods closedPeriods, List<BeforeClose> beforeClose,
                ObjectProvider<SchedulerClient> scheduler, ObjectProvider<PeriodClose> oneTransaction,
                @Value("${partnerhub.close.parts:8}") int parts, @Value("${partnerhub.close.reruns:2}") int reruns,
                @Value("${partnerhub.close.poll:100ms}") Duration poll) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.dataSource = dataSource;
        this.facts = facts;
        this.json = json;
        this.consequences = consequences;
        this.closedPeriods = closedPeriods;
        this.beforeClose = beforeClose;
        this.scheduler = scheduler;
        this.oneTransaction = oneTransaction;
        this.parts = parts;
        this.reruns = reruns;
        this.poll = poll;
    }

    /** Whether months close in parts; with one part they close in one transaction, as before. */
    boolean enabled() {
        return parts > 1;
    }

    /**
     * Closes {@code month} with whichever instances take its parts, this one included; returns when
     * it is sealed, false when it was closed already. Joins a run another instance started.
     */
    boolean closeMonth(String actor, YearMonth month, CloseProgress watching) {
        Long started = transactions.execute(status -> startOrJoin(actor, month));
        if (started == null) {
            return false;
        }
        long runId = started;
        Run run = run(runId);
        log.info("Closing {}: settling partners (run {}, {} partners in {} parts)", month, runId, run.partners(), run.parts());
        SettledSoFar progress = new SettledSoFar(watching);
        progress.settling(month, run.partners());
        boolean storing = false;
        while (true) {
            progress.settled(month, settledPartners(runId));
            run = run(runId);
            switch (run.status()) {
                case "SEALED" -> {
                    if (!storing) { // another instance (or this one's scheduler) settled the last part and finished
                        progress.settled(month, run.partners());
                        progress.storing(month);
                    }
                    return true;
                }
                case "FAILED" -> throw new IllegalStateException("closing " + month + " failed: " + run.failure());
                case "DISCARDED" -> {
                    Optional<Long> next = running(month);
                    if (next.isEmpty()) {
                        if (closedPeriods.isClosed(month)) {
                            return true;
                        }
                        throw new IllegalStateException("the close of " + month + " was discarded and not run again");
                    }
                    runId = next.get();
                    log.info("Closing {}: facts changed while it ran, running again (run {})", month, runId);
                    progress.settling(month, run(runId).partners());
                    storing = false;
                }
                default -> {
                    boolean settled;
                    try {
                        settled = settleNextPart(runId, month, progress);
                    } catch (RuntimeException e) {
                        fail(runId, e);
                        throw e;
                    }
                    if (!settled && partsLeft(runId) == 0 && !storing) {
                        progress.settled(month, run.partners());
                        progress.storing(month);
                        storing = true;
                    }
                    if (!settled && !finish(runId)) {
                        pause();
                    }
                }
            }
        }
    }

    /** A part as the job scheduler hands it over ({@code run:part}); then the finish, if that part was the last. */
    void settleScheduledPart(String instance) {
        String[] ids = instance.split(":");
        long runId = Long.parseLong(ids[0]);
        int part = Integer.parseInt(ids[1]);
        Boolean last = transactions.execute(status -> jdbc.sql("""
                        select run_id, part, first_partner_id, last_partner_id, partners from close_part
                         where run_id = :run and part = :part and settled_at is null for update""")
                .param("run", runId).param("part", part).query(Part::of).optional()
                .map(p -> settle(p, CloseProgress.UNWATCHED, 0)).orElse(false));
        if (Boolean.TRUE.equals(last)) {
            finish(runId);
        }
    }

    /** The finish as the job scheduler hands it over: when the instance that settled the last part did not get to it. */
    void finishScheduled(String instance) {
        finish(Long.parseLong(instance));
    }

    private Long startOrJoin(String actor, YearMonth month) {
        jdbc.sql(PeriodLocks.EXCLUSIVE).query().listOfRows();
        if (closedPeriods.isClosed(month)) {
            return null;
        }
        return running(month).orElseGet(() -> startRun(actor, month));
    }

    /** A new run of {@code month}: its before-close steps, its facts' count, its parts; under the exclusive lock. */
    private long startRun(String actor, YearMonth month) {
        jdbc.sql("select id from close_run where period = :period and status <> 'RUNNING'").param("period", month.atDay(1))
                .query(Long.class).list().forEach(this::clearStaged); // what a failed part staged after its run ended
        beforeClose.forEach(step -> step.beforeClose(month));
        // fresh statistics of the month's usage, as the one-transaction close takes them, so each
        // part's plan fits what was imported since
        facts.refreshUsageStatistics(month);
        List<Long> partners = facts.partnerIds(month);
        long seen = factsChanged();
        int count = Math.min(parts, partners.size());
        long runId = jdbc.sql("""
                        insert into close_run (period, status, partners, parts, facts_seen, started_by)
                        values (:period, 'RUNNING', :partners, :parts, :seen, :actor) returning id""")
                .param("period", month.atDay(1)).param("partners", partners.size()).param("parts", count)
                .param("seen", seen).param("actor", actor).query(Long.class).single();
        for (int i = 0; i < count; i++) {
            int from = (int) ((long) i * partners.size() / count);
            int to = (int) ((long) (i + 1) * partners.size() / count) - 1;
            jdbc.sql("""
                            insert into close_part (run_id, part, first_partner_id, last_partner_id, partners)
                            values (:run, :part, :first, :last, :partners)""")
                    .param("run", runId).param("part", i + 1).param("first", partners.get(from))
                    .param("last", partners.get(to)).param("partners", to - from + 1).update();
            schedule(PART_TASK, runId + ":" + (i + 1));
        }
        return runId;
    }

    private int settledPartners(long runId) {
        return jdbc.sql("select coalesce(sum(partners), 0) from close_part where run_id = :run and settled_at is not null")
                .param("run", runId).query(Integer.class).single();
    }

    /** Settles a part nobody else is settling, if one is left; false when none is. */
    private boolean settleNextPart(long runId, YearMonth month, CloseProgress progress) {
        int settledBefore = settledPartners(runId);
        Optional<Boolean> last = transactions.execute(status -> jdbc.sql("""
                        select run_id, part, first_partner_id, last_partner_id, partners from close_part
                         where run_id = :run and settled_at is null order by part limit 1 for update skip locked""")
                .param("run", runId).query(Part::of).optional()
                .map(p -> settle(p, progress, settledBefore)));
        return last != null && last.isPresent();
    }

    /**
     * Settles {@code part} (its row locked by this transaction) into the staging tables; true when
     * it was the run's last, and the finish is scheduled.
     */
    private boolean settle(Part part, CloseProgress progress, int settledBefore) {
        Run run = run(part.run());
        if (!run.status().equals("RUNNING")) {
            return false;
        }
        YearMonth month = run.period();
        jdbc.sql("select set_config('partnerhub.close_run', :run, true)").param("run", String.valueOf(part.run()))
                .query().listOfRows();
        jdbc.sql("set local work_mem = '" + PeriodClose.WORK_MEM + "'").update();
        long started = System.nanoTime();
        log.info("Closing {}: part {} of {} (run {}) settling partners {} to {}", month, part.part(), run.parts(),
                part.run(), part.first(), part.last());
        StatementWriter writer = new StatementWriter(json, StatementWriter.Target.STAGED);
        List<Statement> decided;
        try (SettlingPipeline pipeline = new SettlingPipeline(writer, DataSourceUtils.getConnection(dataSource))) {
            int[] settled = {settledBefore};
            facts.forPartners(month, part.first(), part.last(), found -> {
            }, partner -> {
                pipeline.settle(partner);
                progress.settled(month, ++settled[0]);
            });
            decided = pipeline.finish();
        } catch (SQLException e) {
            throw new IllegalStateException("staging the statements of " + month + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Statement statement : decided) {
            jdbc.sql("""
                            insert into close_staged_consequence (run_id, partner_id, consequence)
                            values (:run, :partner, cast(:consequence as jsonb))""")
                    .param("run", part.run()).param("partner", statement.partnerId())
                    .param("consequence", Consequence.of(statement).toJson(json)).update();
        }
        jdbc.sql("update close_part set settled_at = now(), settled_by = :by where run_id = :run and part = :part")
                .param("by", INSTANCE).param("run", part.run()).param("part", part.part()).update();
        // one part at a time sees what is left, so exactly one sees nothing left (no key update: the
        // staged rows' foreign keys hold the run's row key-shared)
        jdbc.sql("select id from close_run where id = :run for no key update").param("run", part.run()).query().listOfRows();
        int left = partsLeft(part.run());
        log.info("Closing {}: part {} of {} (run {}) staged {} statements in {} ms; {} part(s) left", month, part.part(),
                run.parts(), part.run(), writer.count(), (System.nanoTime() - started) / 1_000_000, left);
        if (left == 0) {
            schedule(FINISH_TASK, String.valueOf(part.run()));
        }
        return left == 0;
    }

    /**
     * Issues the run's statements, carries out their consequences in partner order and seals the
     * month, in one transaction under the exclusive period lock, once every part is settled; false
     * when the run is not ready (or not running any more).
     */
    boolean finish(long runId) {
        if (partsLeft(runId) > 0) {
            return false; // without the lock, which would queue every writer behind it
        }
        return Boolean.TRUE.equals(transactions.execute(status -> {
            jdbc.sql(PeriodLocks.EXCLUSIVE).query().listOfRows();
            Run run = jdbc.sql("select * from close_run where id = :run for no key update").param("run", runId)
                    .query(Run::of).single();
            if (!run.status().equals("RUNNING") || partsLeft(runId) > 0) {
                return false;
            }
            if (closedPeriods.isClosed(run.period())) { // by an instance closing in one transaction
                jdbc.sql("update close_run set status = 'DISCARDED', ended_at = now(), failure = 'closed meanwhile'"
                        + " where id = :run").param("run", runId).update();
                clearStaged(runId);
                return true;
            }
            if (factsChanged() != run.factsSeen()) {
                runAgain(run);
                return true;
            }
            issue(run);
            return true;
        }));
    }

    private void issue(Run run) {
        YearMonth month = run.period();
        long started = System.nanoTime();
        int statements = jdbc.sql("insert into statement (" + StatementWriter.STATEMENT_COLUMNS + ") select "
                        + StatementWriter.STATEMENT_COLUMNS + " from close_staged_statement where run_id = :run order by partner_id")
                .param("run", run.id()).update();
        jdbc.sql("insert into statement_line (" + StatementWriter.LINE_COLUMNS + ") select " + StatementWriter.LINE_COLUMNS
                        + " from close_staged_statement_line where run_id = :run order by partner_id, line_no")
                .param("run", run.id()).update();
        log.info("Closing {}: {} partners settled by run {}", month, statements, run.id());
        jdbc.sql("select consequence::text from close_staged_consequence where run_id = :run order by partner_id")
                .param("run", run.id()).query(String.class).list()
                .forEach(consequence -> consequences.carryOut(run.actor(), Consequence.fromJson(json, consequence)));
        consequences.monthIssued(run.actor(), month);
        log.info("Closing {}: {} statements stored, sealing", month, statements);
        jdbc.sql("select seal_period(:month)").param("month", month.atDay(1)).query().listOfRows();
        jdbc.sql("update close_run set status = 'SEALED', ended_at = now() where id = :run").param("run", run.id()).update();
        clearStaged(run.id());
        log.info("Closed {}: {} statements in {} ms", month, statements, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Facts changed while the parts ran: their statements go, and the month runs again in parts, or
     * after {@code reruns} such runs in this transaction, as one instance closes it (the lock it holds
     * keeps every writer out until it commits).
     */
    private void runAgain(Run run) {
        jdbc.sql("update close_run set status = 'DISCARDED', ended_at = now() where id = :run").param("run", run.id()).update();
        clearStaged(run.id());
        int discarded = jdbc.sql("select count(*) from close_run where period = :period and status = 'DISCARDED'")
                .param("period", run.period().atDay(1)).query(Integer.class).single();
        if (discarded <= reruns) {
            long next = startRun(run.actor(), run.period());
            log.info("Closing {}: facts changed while run {} settled, discarded; run {} starts", run.period(), run.id(), next);
        } else {
            log.info("Closing {}: facts changed while run {} settled, discarded; {} runs discarded, closing in one transaction",
                    run.period(), run.id(), discarded);
            oneTransaction.getObject().closeInThisTransaction(run.actor(), run.period());
        }
    }

    /** The run failed here: nothing of it stays, and the close reports why. */
    void fail(long runId, RuntimeException e) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("update close_run set status = 'FAILED', ended_at = now(), failure = :why where id = :run and status = 'RUNNING'")
                    .param("why", String.valueOf(e.getMessage())).param("run", runId).update();
            clearStaged(runId);
        });
    }

    private void clearStaged(long runId) {
        for (String table : List.of("close_staged_statement_line", "close_staged_statement", "close_staged_consequence")) {
            jdbc.sql("delete from " + table + " where run_id = :run").param("run", runId).update();
        }
    }

    private int partsLeft(long runId) {
        return jdbc.sql("select count(*) from close_part where run_id = :run and settled_at is null")
                .param("run", runId).query(Integer.class).single();
    }

    private Optional<Long> running(YearMonth month) {
        return jdbc.sql("select id from close_run where period = :period and status = 'RUNNING'")
                .param("period", month.atDay(1)).query(Long.class).optional();
    }

    private Run run(long runId) {
        return jdbc.sql("select * from close_run where id = :run").param("run", runId).query(Run::of).single();
    }

    private long factsChanged() {
        return jdbc.sql(PeriodLocks.FACTS_CHANGED).query(Long.class).single();
    }

    /**
     * Schedules a part or a finish in the caller's transaction, through this instance's scheduler, or
     * where none runs (a command-line tool) through a client of the scheduler's table, so the
     * instances that run one take part all the same.
     */
    private void schedule(String task, String instance) {
        SchedulerClient client = scheduler.getIfAvailable(() -> {
            if (detached == null) {
                detached = SchedulerClient.Builder.create(new TransactionAwareDataSourceProxy(dataSource)).build();
            }
            return detached;
        });
        client.scheduleIfNotExists(new TaskInstance<Void>(task, instance), Instant.now());
    }

    private void pause() {
        try {
            Thread.sleep(poll);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the close's parts", e);
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }
}
