package io.partnerhub.deal;

import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which days each account consumed, summarized from the usage imports into {@code consumption_day}
 * (usage rows have no index on the account: reading them per registration would scan every month).
 * Each import is summarized once, from the months it touched; the deal desk catches up before it
 * judges a registration, the queue, or the expiry of deals.
 */
@Component
class ConsumptionSummary {

    private static final Logger log = LoggerFactory.getLogger(ConsumptionSummary.class);
    private static final long CATCH_UP_LOCK = 0x636f6e73756dL;

    private final JdbcClient jdbc;

    ConsumptionSummary(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Summarizes every import not summarized yet, in a transaction of its own (so a registration
     * or a close does not hold the summary's lock). Returns how many imports it summarized.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public int catchUp() {
        jdbc.sql("select pg_advisory_xact_lock(:lock)").param("lock", CATCH_UP_LOCK).query().listOfRows();
        List<Map<String, Object>> imports = jdbc.sql("""
                        select i.id, i.periods from usage_import i
                         where not exists (select 1 from consumption_summary_import s where s.import_id = i.id)
                         order by i.id""").query().listOfRows();
        if (imports.isEmpty()) {
            return 0;
        }
        long started = System.nanoTime();
        Long[] ids = imports.stream().map(i -> ((Number) i.get("id")).longValue()).toArray(Long[]::new);
        SortedSet<YearMonth> periods = new TreeSet<>();
        boolean unknownPeriods = false;
        for (Map<String, Object> i : imports) {
            String listed = (String) i.get("periods");
            if (listed == null || listed.isBlank()) {
                unknownPeriods = true;
            } else {
                for (String period : listed.split(",")) {
                    periods.add(YearMonth.parse(period.strip()));
                }
            }
        }
        if (unknownPeriods) {
            summarize(ids, null);
        } else {
            periods.forEach(period -> summarize(ids, period.atDay(1)));
        }
        jdbc.sql("insert into consumption_summary_import (import_id) select unnest(cast(:ids as bigint[]))")
                .param("ids", ids).update();
        log.info("Consumption summary: {} import(s) over {} summarized in {} ms", ids.length,
                unknownPeriods ? "every month" : periods, (System.nanoTime() - started) / 1_000_000);
        return ids.length;
    }

    /** Merges the days of the imports' rows billed in {@code period} (null: every period). */
    private void summarize(Long[] imports, LocalDate period) {
        var insert = jdbc.sql("""
                        insert into consumption_day (account_id, month, days)
                        select account_id, date_trunc('month', day)::date, bit_or(1 << (extract(day from day)::int - 1))
                          from (select account_id, (charge_start at time zone 'Europe/Moscow')::date as day
                                  from usage_counted_row_view
                                 where import_id = any(:imports) %s
                                   and charge_category in ('USAGE', 'PURCHASE') and list_cost > 0) u
                         group by 1, 2
                        on conflict (account_id, month) do update set days = consumption_day.days | excluded.days"""
                        .formatted(period == null ? "" : "and period = :period"))
                .param("imports", imports);
        if (period != null) {
            insert = insert.param("period", Date.valueOf(period));
        }
        insert.update();
    }

    /** The days each of the accounts consumed (accounts without consumption are absent). */
    Map<String, ConsumptionDays> of(Collection<String> accounts) {
        Map<String, Map<YearMonth, Integer>> months = new HashMap<>();
        if (accounts.isEmpty()) {
            return Map.of();
        }
        jdbc.sql("select account_id, month, days from consumption_day where account_id = any(:accounts)")
                .param("accounts", new ArrayList<>(accounts).toArray(String[]::new))
                .query(rs -> {
                    months.computeIfAbsent(rs.getString("account_id"), k -> new HashMap<>())
                            .put(YearMonth.from(rs.getObject("month", LocalDate.class)), rs.getInt("days"));
                });
        Map<String, ConsumptionDays> days = new HashMap<>();
        months.forEach((account, byMonth) -> days.put(account, new ConsumptionDays(byMonth)));
        return days;
    }
}
