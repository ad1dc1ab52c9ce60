package io.partnerhub.settlement;

import io.partnerhub.settlement.rules.PartnerMonth.LinkFact;
import io.partnerhub.settlement.rules.PartnerMonth.Restated;
import io.partnerhub.settlement.rules.PartnerMonth.UsageSum;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A period's consumption per partner: one scan of the period's partition of the monthly usage
 * rollup (the imports' rows summed as they were imported) that sums it per account, service,
 * funding source and charge category; by day, from the daily rollup, only for the accounts where
 * something changes inside the period or whose rows a restatement superseded; attributed to
 * partners through the link in force on the day. Its result arrives ordered by partner, so partners are handed over one after another in
 * little memory.
 */
final class UsageInMonth {

    private static final Logger log = LoggerFactory.getLogger(UsageInMonth.class);

    /** Where the usage query narrows to one partner's accounts. */
    private static final String ONLY_ACCOUNTS = "/*only accounts*/";
    /** Where the usage query reads, by day, the accounts settled by day. */
    private static final String BY_DAY = "/*by day*/";

    /**
     * The period's usage per partner: customers through the link in force on the day, and the own
     * account. The month's sums come from the monthly rollup, but for the accounts settled by day
     * (:byDay), whose sums come from the daily rollup, where restated days are left out exactly.
     */
    private static final String USAGE = """
            select coalesce(l.partner_id, p.partner_id) as partner_id, c.customer_id, coalesce(l.link_id, 0) as link_id,
                   l.valid_from, l.valid_to, l.referral_reward,
                   s.account_id, s.service_name, s.funding_source, s.charge_category, s.day, s.list_cost,
                   s.restated_by,
                   case when s.restated_by is not null
                        then array(select x.import_id from usage_supersession_view x
                                    where x.by_import_id = s.restated_by order by 1) end as superseded
              from (select u.account_id, u.service_name, u.funding_source, u.charge_category,
                           case when u.account_id = any(:split) or u.day < :start or u.day > :end
                                then u.day end as day,
                           case when u.day < :start
                                 and u.import_id in (select r.import_id from usage_restating_import_view r)
                                then u.import_id end as restated_by,
                           sum(u.list_cost) as list_cost
                      from (select m.account_id, m.service_name, m.funding_source, m.charge_category,
                                   m.outside_day as day, m.import_id, m.list_cost
                              from usage_month_rollup_view m
                             where m.period = :start and m.charge_category <> 'TAX'
                               and m.account_id <> all(:byDay) /*only accounts*/
                            /*by day*/) u
                     group by 1, 2, 3, 4, 5, 6) s
              left join customer_account_view c on c.account_id = s.account_id
              left join customer_link_view l on l.customer_id = c.customer_id
                                            and l.valid_from <= coalesce(s.day, :start)
                                            and (l.valid_to is null or l.valid_to > coalesce(s.day, :start))
              left join partner_account_view p on p.account_id = s.account_id and c.customer_id is null
             where l.link_id is not null or p.partner_id is not null
             order by 1""";

    /** The accounts settled by day, from the daily rollup that leaves restated days out. */
    private static final String DAILY = """
            union all
                            select d.account_id, d.service_name, d.funding_source, d.charge_category,
                                   d.day, d.import_id, d.list_cost
                              from usage_counted_rollup_view d
                             where d.period = :start and d.charge_category <> 'TAX'
                               and d.account_id = any(:byDay) /*only accounts*/""";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    UsageInMonth(JdbcTemplate jdbc, NamedParameterJdbcTemplate named) {
        this.jdbc = jdbc;
        this.named = named;
    }

    /** Hands each partner's links and usage over to {@code each}. */
    interface PartnerUsage {
        void settle(MonthFacts.Row partner, List<LinkFact> links, List<UsageSum> usage);
    }

    /**
     * Reads the period's usage and hands it over partner by partner, in the order of {@code partners}
     * (every one of them, those without usage too; the usage of others is left out).
     * {@code onlyAccounts}: the accounts of the partners asked for, null for all.
     */
    void read(YearMonth period, MapSqlParameterSource p, List<MonthFacts.Row> partners, String[] onlyAccounts,
              PartnerUsage each) {
        UsageStream usage = new UsageStream(partners, each);
        String[] split = splitAccounts(p);
        String[] byDay = byDay(p, split);
        p.addValue("split", split);
        p.addValue("byDay", byDay);
        // with no account settled by day, the daily rollup is not read at all
        String usageQuery = USAGE.replace(BY_DAY, byDay.length == 0 ? "" : DAILY);
        if (onlyAccounts == null) {
            analyze(period);
        } else {
            p.addValue("accounts", onlyAccounts);
            usageQuery = usageQuery.replace(ONLY_ACCOUNTS, "and account_id = any(:accounts)");
        }
        if (log.isDebugEnabled()) {
            log.debug("Usage query plan for {}:\n{}", period, String.join("\n",
                    named.queryForList("explain " + usageQuery, p, String.class)));
        }
        long started = System.nanoTime();
        named.query(usageQuery, p, usage::accept);
        usage.finish();
        log.debug("Usage of {} read in {} ms: first row after {} ms, {} ms of it handing partners over and storing their statements", period,
                (System.nanoTime() - started) / 1_000_000, (Math.max(usage.firstRowAt, started) - started) / 1_000_000,
                usage.handingOver / 1_000_000);
    }

    /**
     * Accounts where something changes inside the period: a link starts or ends, a deal starts or
     * ends, the partner leaves, or a trial (the provider pays its days) overlaps it. Only their usage is summed by day. An array parameter rather than a
     * temporary table, so the month's aggregate may run in parallel.
     */
    private String[] splitAccounts(MapSqlParameterSource p) {
        return named.queryForList("""
                select c.account_id
                  from customer_link_view l join customer_account_view c on c.customer_id = l.customer_id
                 where (l.valid_from > :start and l.valid_from <= :end) or (l.valid_to > :start and l.valid_to <= :end)
                union
                select c.account_id
                  from deal_discount_view d join customer_tax_id_view c on c.tax_id = d.customer_tax_id
                 where ((d.registered_on > :start and d.registered_on <= :end) or (d.ended_on > :start and d.ended_on <= :end))
                union
                select c.account_id
                  from customer_link_view l
                  join customer_account_view c on c.customer_id = l.customer_id
                  join partner_ending_view e on e.partner_id = l.partner_id
                 where least(e.exit_date, e.revoked_on) > :start and least(e.exit_date, e.revoked_on) <= :end
                union
                select c.account_id
                  from incentive_trial_view t join customer_account_view c on c.customer_id = t.customer_id
                 where t.valid_from <= :end and (t.valid_to is null or t.valid_to >= :start)""",
                p, String.class).toArray(String[]::new);
    }

    /**
     * The accounts whose month is settled by day: those where something changes inside the period,
     * and those a restatement superseded rows of (a monthly sum may hold superseded days).
     */
    private String[] byDay(MapSqlParameterSource p, String[] split) {
        SortedSet<String> accounts = new TreeSet<>(Arrays.asList(split));
        accounts.addAll(named.queryForList("select account_id from usage_superseded_account_view where period = :start",
                p, String.class));
        return accounts.toArray(String[]::new);
    }

    /** Fresh statistics of the month's partition, so the plan fits what was imported since. */
    void analyze(YearMonth period) {
        jdbc.queryForList("select ensure_usage_partitions(?, ?)", period.atDay(1), period.atDay(1));
        String month = period.getYear() + "_" + String.format("%02d", period.getMonthValue());
        jdbc.execute("analyze usage_month_rollup_" + month);
        jdbc.execute("analyze usage_rollup_" + month);
    }

    /** Walks the ordered usage result and the ordered partners together, one partner at a time. */
    private static final class UsageStream {
        private final List<MonthFacts.Row> partners;
        private final PartnerUsage settle;
        private int next;
        private long current = -1;
        private final Map<Long, LinkFact> links = new LinkedHashMap<>();
        private final List<UsageSum> sums = new ArrayList<>();
        long firstRowAt;
        long handingOver;

        UsageStream(List<MonthFacts.Row> partners, PartnerUsage settle) {
            this.partners = partners;
            this.settle = settle;
        }

        void accept(ResultSet rs) throws SQLException {
            if (firstRowAt == 0) {
                firstRowAt = System.nanoTime();
            }
            long partnerId = rs.getLong("partner_id");
            if (partnerId != current) {
                flushUntil(partnerId);
                current = partnerId;
            }
            Long customerId = (Long) rs.getObject("customer_id");
            long linkId = rs.getLong("link_id");
            if (customerId != null && !links.containsKey(linkId)) {
                links.put(linkId, new LinkFact(linkId, customerId, rs.getString("account_id"),
                        MonthFacts.date(rs, "valid_from"), MonthFacts.date(rs, "valid_to"), rs.getString("referral_reward")));
            }
            long restatedBy = rs.getLong("restated_by");
            Restated restated = rs.wasNull() ? null : new Restated(restatedBy,
                    Arrays.asList((Long[]) rs.getArray("superseded").getArray()));
            sums.add(new UsageSum(customerId, linkId, rs.getString("service_name"), rs.getString("funding_source"),
                    rs.getString("charge_category"), MonthFacts.date(rs, "day"), rs.getBigDecimal("list_cost"), restated));
        }

        /** Settles every partner before {@code partnerId}: the one whose usage was gathered, and those without usage. */
        private void flushUntil(long partnerId) {
            long started = System.nanoTime();
            while (next < partners.size() && partners.get(next).facts().id() < partnerId) {
                MonthFacts.Row partner = partners.get(next++);
                if (partner.facts().id() == current) {
                    settle.settle(partner, List.copyOf(links.values()), List.copyOf(sums));
                } else {
                    settle.settle(partner, List.of(), List.of());
                }
            }
            links.clear();
            sums.clear();
            handingOver += System.nanoTime() - started;
        }

        void finish() {
            flushUntil(Long.MAX_VALUE);
        }
    }
}
