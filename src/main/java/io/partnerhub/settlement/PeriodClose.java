package io.partnerhub.settlement;

import io.partnerhub.settlement.rules.Statement;
import io.partnerhub.shared.BeforeClose;
import io.partnerhub.shared.ClosedPeriods;
import io.partnerhub.shared.PeriodInput;
import io.partnerhub.shared.PeriodLocks;
import io.partnerhub.shared.RuleViolation;
import io.partnerhub.shared.Today;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Closes periods. Each month closes in one transaction that holds the period lock exclusively
 * (imports hold it shared), settles every partner, stores the statements, carries out their tier
 * changes, rebate accruals and Bonus returns, and seals the month; killed at any point it leaves
 * nothing, and closing again continues where the last committed month left off. With
 * {@code partnerhub.close.parts} above 1 a month closes in parts instead, shared by the instances
 * ({@link SharedClose}), to the same statements.
 */
@Service
public class PeriodClose {

    private static final Logger log = LoggerFactory.getLogger(PeriodClose.class);

    /** Memory for the close's aggregate and sort, per operation (PostgreSQL's default is 4MB). */
    public static final String WORK_MEM = "256MB";

    private final CloseMetrics metrics;
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final MonthFacts facts;
    private final Consequences consequences;
    private final SharedClose shared;
    private final Today today;
    private final ObjectMapper json;
    private final ClosedPeriods closedPeriods;
    private final List<BeforeClose> beforeClose;
    private final PeriodInput periods;

    PeriodClose(DataSource dataSource, JdbcClient jdbc, TransactionTemplate transactions, MonthFacts facts,
                Consequences consequences, SharedClose shared, Today today, ObjectMapper json, ClosedPeriods closedPeriods,
                List<BeforeClose> beforeClose, PeriodInput periods, CloseMetrics metrics) {
        this.metrics = metrics;
        this.periods = periods;
        this.closedPeriods = closedPeriods;
        this.beforeClose = beforeClose;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.facts = facts;
        this.consequences = consequences;
        this.shared = shared;
        this.today = today;
        this.json = json;
    }

    /** @param closedNow the months this call closed, oldest first; empty when all were closed already */
    public record Result(YearMonth period, String status, int partners, List<YearMonth> closedNow) {
    }

    /** Closes {@code period} and every open month before it, oldest first. */
    public Result close(String actor, YearMonth period) {
        return close(actor, period, CloseProgress.UNWATCHED);
    }

    /** Closes {@code period} and every open month before it, telling {@code progress} how far it has got. */
    public Result close(String actor, YearMonth period, CloseProgress progress) {
        requireEnded(period);
        List<YearMonth> closedNow = new ArrayList<>();
        CloseProgress watched = metrics.watching(progress);
        for (YearMonth month : openMonthsUpTo(period)) {
            Boolean closed = metrics.month(month, () -> shared.enabled() ? shared.closeMonth(actor, month, watched)
                    : transactions.execute(status -> closeOne(actor, month, watched)));
            if (Boolean.TRUE.equals(closed)) {
                closedNow.add(month);
            }
        }
        int statements = jdbc.sql("select count(*) from statement where period = :period")
                .param("period", period.atDay(1)).query(Integer.class).single();
        return new Result(period, "CLOSED", statements, closedNow);
    }

    /** Refuses a month that has not ended yet: its usage is still coming in. */
    public void requireEnded(YearMonth period) {
        periods.require("period", period);
        YearMonth current = YearMonth.from(today.date());
        if (!period.isBefore(current)) {
            throw RuleViolation.of("period", period + " has not ended yet: it can be closed from "
                    + period.plusMonths(1).atDay(1));
        }
    }

    /** The months from the first contract or usage month to {@code period} that are not closed. */
    private List<YearMonth> openMonthsUpTo(YearMonth period) {
        LocalDate first = jdbc.sql("""
                        select least((select min(date_trunc('month', contract_date))::date from partner_contract_view),
                                     (select min(to_date(split_part(periods, ',', 1), 'YYYY-MM')) from usage_import_view
                                       where periods is not null and periods <> ''))""")
                .query(LocalDate.class).optional().orElse(null);
        YearMonth from = first == null || YearMonth.from(first).isAfter(period) ? period : YearMonth.from(first);
        Set<YearMonth> closed = new TreeSet<>(jdbc.sql("select period from shared_closed_month_view")
                .query((rs, i) -> YearMonth.from(rs.getDate(1).toLocalDate())).list());
        List<YearMonth> open = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(period); m = m.plusMonths(1)) {
            if (!closed.contains(m)) {
                open.add(m);
            }
        }
        return open;
    }

    /** Closes {@code month} in the caller's transaction, in one go: a shared close whose facts kept changing. */
    void closeInThisTransaction(String actor, YearMonth month) {
        closeOne(actor, month, CloseProgress.UNWATCHED);
    }

    private boolean closeOne(String actor, YearMonth month, CloseProgress progress) {
        jdbc.sql(PeriodLocks.EXCLUSIVE).query().listOfRows();
        if (closedPeriods.isClosed(month)) {
            return false;
        }
        beforeClose.forEach(step -> step.beforeClose(month));
        // the month's aggregate has a group per account and service: let it hash in memory
        jdbc.sql("set local work_mem = '" + WORK_MEM + "'").update();
        long started = System.nanoTime();
        log.info("Closing {}: settling partners", month);
        StatementWriter writer = new StatementWriter(json);
        try (SettlingPipeline pipeline = new SettlingPipeline(writer, DataSourceUtils.getConnection(dataSource))) {
            int[] settled = {0};
            facts.forEachPartner(month, partners -> progress.settling(month, partners), partner -> {
                pipeline.settle(partner);
                progress.settled(month, ++settled[0]);
            });
            List<Statement> decided = pipeline.finish();
            progress.storing(month);
            log.info("Closing {}: {} partners settled in {} ms", month, writer.count(), (System.nanoTime() - started) / 1_000_000);
            decided.forEach(statement -> consequences.carryOut(actor, Consequence.of(statement)));
            consequences.monthIssued(actor, month);
            log.info("Closing {}: {} statements stored, sealing", month, writer.count());
            jdbc.sql("select seal_period(:month)").param("month", month.atDay(1)).query().listOfRows();
            log.info("Closed {}: {} statements in {} ms", month, writer.count(), (System.nanoTime() - started) / 1_000_000);
        } catch (SQLException e) {
            throw new IllegalStateException("storing the statements of " + month + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }
}
