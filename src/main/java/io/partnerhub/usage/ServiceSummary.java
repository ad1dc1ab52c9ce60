package io.partnerhub.usage;

import java.sql.Date;
import java.time.YearMonth;
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
 * Keeps {@code consumption_service}: each import's list cost per account, month and service is
 * added once, in the transaction that records the import as summarized, summed from the import's
 * monthly rollup (not its rows), and from its daily rollup for the accounts a restatement superseded
 * rows of.
 */
@Component
class ServiceSummary {

    private static final Logger log = LoggerFactory.getLogger(ServiceSummary.class);
    /** Held by a catch-up, and by a restatement while it takes superseded rows out of the summary. */
    static final long CATCH_UP_LOCK = 0x7365727669636573L;
    /** What a statement counts as list cost: credits and tax are not consumption. */
    static final String CONSUMPTION = "('USAGE', 'PURCHASE', 'ADJUSTMENT')";

    private final JdbcClient jdbc;

    ServiceSummary(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds every import not summarized yet, in a transaction of its own. Cheap when there is none
     * (one index probe), so readers call it every time. Returns how many imports it added.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public int catchUp() {
        if (!pending()) {
            return 0;
        }
        jdbc.sql("select pg_advisory_xact_lock(:lock)").param("lock", CATCH_UP_LOCK).query().listOfRows();
        List<Map<String, Object>> imports = jdbc.sql("""
                        select i.id, i.periods from usage_import i
                         where not exists (select 1 from consumption_service_import s where s.import_id = i.id)
                         order by i.id""").query().listOfRows();
        long started = System.nanoTime();
        for (Map<String, Object> i : imports) {
            add(((Number) i.get("id")).longValue(), (String) i.get("periods"));
        }
        if (!imports.isEmpty()) {
            log.info("Consumption per service: {} import(s) summarized in {} ms", imports.size(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        return imports.size();
    }

    private boolean pending() {
        return jdbc.sql("""
                        select exists (select 1 from usage_import i
                                        where not exists (select 1 from consumption_service_import s
                                                           where s.import_id = i.id))""")
                .query(Boolean.class).single();
    }

    /** Adds one import's sums, month by month so each reads one partition. */
    private void add(long importId, String periods) {
        SortedSet<YearMonth> months = new TreeSet<>();
        if (periods != null && !periods.isBlank()) {
            for (String period : periods.split(",")) {
                months.add(YearMonth.parse(period.strip()));
            }
        }
        boolean superseded = jdbc.sql("select exists (select 1 from usage_superseded_account where import_id = :import)")
                .param("import", importId).query(Boolean.class).single();
        // the import's monthly sums; by day for the accounts a restatement superseded rows of
        String sql = """
                insert into consumption_service (account_id, month, service_name, currency, list_cost)
                select account_id, period, service_name, currency, sum(list_cost)
                  from (select m.account_id, m.period, m.service_name, m.currency, m.list_cost
                          from usage_month_rollup m
                         where m.import_id = :import %1$s and m.charge_category in %2$s
                           and not exists (select 1 from usage_superseded_account s
                                            where s.import_id = m.import_id and s.period = m.period
                                              and s.account_id = m.account_id)
                        %3$s) u
                 group by 1, 2, 3, 4
                on conflict (account_id, month, service_name, currency)
                   do update set list_cost = consumption_service.list_cost + excluded.list_cost""";
        String byDay = !superseded ? "" : """
                        union all
                        select d.account_id, d.period, d.service_name, d.currency, d.list_cost
                          from usage_counted_rollup_view d
                         where d.import_id = :import %1$s and d.charge_category in %2$s
                           and exists (select 1 from usage_superseded_account s
                                        where s.import_id = d.import_id and s.period = d.period
                                          and s.account_id = d.account_id)""";
        if (months.isEmpty()) {
            jdbc.sql(sql.formatted("", CONSUMPTION, byDay.formatted("", CONSUMPTION))).param("import", importId).update();
        } else {
            for (YearMonth month : months) {
                String inMonth = "and period = :period";
                jdbc.sql(sql.formatted(inMonth, CONSUMPTION, byDay.formatted(inMonth, CONSUMPTION)))
                        .param("import", importId).param("period", Date.valueOf(month.atDay(1))).update();
            }
        }
        jdbc.sql("insert into consumption_service_import (import_id) values (:import)").param("import", importId)
                .update();
    }
}
