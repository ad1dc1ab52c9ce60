package io.partnerhub.program;

import io.partnerhub.shared.BeforeClose;
import io.partnerhub.shared.Refusals;
import io.partnerhub.shared.Today;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;

/**
 * A program's next version, scheduled from a draft of its file (the program simulator's): the
 * draft becomes the program's file when its versions in force before the new one's first day are
 * exactly the program's (closed periods and issued statements never change) and that day is the
 * first of a month after today. Kept in {@code program_schedule}: the catalog takes the latest
 * file of each program at start, at once on the instance that schedules, and before each close on
 * every instance.
 */
@Component
public class ProgramSchedule implements BeforeClose {

    private final JdbcClient jdbc;
    private final ProgramCatalog catalog;
    private final Refusals refusals;
    private final Today today;

    ProgramSchedule(JdbcClient jdbc, ProgramCatalog catalog, Refusals refusals, Today today) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.refusals = refusals;
        this.today = today;
        refresh();
    }

    public record Scheduled(long id, String programId, LocalDate effectiveFrom, Long simulationId, String scheduledBy,
                            Instant scheduledAt) {
    }

    /**
     * Makes {@code file} the program's file, its version from {@code effectiveFrom} the next one.
     * 422 on {@code effectiveFrom} for a day that is not a future month's first, on {@code draft}
     * for a file without a version from that day or one that changes a version in force before it.
     */
    @Transactional
    public Scheduled schedule(String actor, String programId, String file, LocalDate effectiveFrom, Long simulationId) {
        Program current = catalog.find(programId).orElseThrow(() ->
                refusals.violation("programId", "program.schedule.noProgram", programId));
        if (effectiveFrom.getDayOfMonth() != 1 || !effectiveFrom.isAfter(today.date())) {
            throw refusals.violation("effectiveFrom", "program.schedule.notAFutureMonth", effectiveFrom,
                    YearMonth.from(today.date()).plusMonths(1).atDay(1));
        }
        Program draft = catalog.draft(programId, file);
        if (draft.versions().stream().noneMatch(v -> v.effectiveFrom().equals(effectiveFrom))) {
            throw refusals.violation("draft", "program.schedule.noVersion", effectiveFrom);
        }
        List<ProgramVersion> inForce = before(current, effectiveFrom);
        if (!inForce.equals(before(draft, effectiveFrom)) || !Objects.equals(current.currency(), draft.currency())
                || !Objects.equals(current.timeZone(), draft.timeZone())) {
            throw refusals.violation("draft", "program.schedule.changesThePast", effectiveFrom);
        }
        long id = jdbc.sql("""
                        insert into program_schedule (program_id, effective_from, file, simulation_id, scheduled_by)
                        values (:program, :from, :file, :simulation, :by) returning id""")
                .param("program", programId).param("from", effectiveFrom).param("file", file)
                .param("simulation", simulationId).param("by", actor).query(Long.class).single();
        catalog.replace(draft, file);
        return find(id);
    }

    private static List<ProgramVersion> before(Program program, LocalDate day) {
        return program.versions().stream().filter(v -> v.effectiveFrom().isBefore(day)).toList();
    }

    /** The program's scheduled versions, latest first. */
    public List<Scheduled> of(String programId) {
        return jdbc.sql("select * from program_schedule where program_id = :program order by id desc")
                .param("program", programId).query((rs, i) -> scheduled(rs)).list();
    }

    private Scheduled find(long id) {
        return jdbc.sql("select * from program_schedule where id = :id").param("id", id)
                .query((rs, i) -> scheduled(rs)).single();
    }

    private static Scheduled scheduled(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Scheduled(rs.getLong("id"), rs.getString("program_id"), rs.getObject("effective_from", LocalDate.class),
                (Long) rs.getObject("simulation_id"), rs.getString("scheduled_by"),
                rs.getObject("scheduled_at", OffsetDateTime.class).toInstant());
    }

    /** Takes each program's latest scheduled file into the catalog (another instance may have scheduled it). */
    void refresh() {
        jdbc.sql("""
                        select distinct on (program_id) program_id, file from program_schedule
                         order by program_id, id desc""")
                .query((rs, i) -> new String[]{rs.getString("program_id"), rs.getString("file")}).list()
                .forEach(row -> catalog.replace(catalog.draft(row[0], row[1]), row[1]));
    }

    @Override
    public void beforeClose(YearMonth month) {
        refresh();
    }
}
