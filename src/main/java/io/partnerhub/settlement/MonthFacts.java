package io.partnerhub.settlement;

import io.partnerhub.partner.Credentials;
import io.partnerhub.program.PartnerModel;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.program.ProgramVersion;
import io.partnerhub.settlement.PartnerMonth.AdjustmentFact;
import io.partnerhub.settlement.PartnerMonth.BonusWithdrawal;
import io.partnerhub.settlement.PartnerMonth.DealFact;
import io.partnerhub.settlement.PartnerMonth.LinkFact;
import io.partnerhub.settlement.PartnerMonth.PartnerFacts;
import io.partnerhub.settlement.PartnerMonth.PresaleFact;
import io.partnerhub.settlement.PartnerMonth.PriorStatement;
import io.partnerhub.settlement.PartnerMonth.ProjectFact;
import io.partnerhub.settlement.PartnerMonth.UsageSum;
import io.partnerhub.shared.Today;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Gathers the facts of every partner for a period, set-wise: one query per kind of fact, and one
 * scan of the period's usage partition that sums it per account, service, funding source and
 * charge category, by day only for the accounts where something changes inside the period. Its
 * result arrives ordered by partner, so partners are settled one after another in little memory.
 * Runs inside the close's transaction.
 */
@Component
class MonthFacts {

    private static final Logger log = LoggerFactory.getLogger(MonthFacts.class);
    private static final int FETCH_SIZE = 20_000;

    private final NamedParameterJdbcTemplate named;
    private final JdbcTemplate jdbc;
    private final ProgramCatalog programs;
    private final Credentials credentials;
    private final ObjectMapper json;

    MonthFacts(DataSource dataSource, ProgramCatalog programs, Credentials credentials, ObjectMapper json) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.programs = programs;
        this.credentials = credentials;
        this.json = json;
    }

    /** Calls {@code each} with every partner's facts for {@code period}, in partner id order. */
    void forEachPartner(YearMonth period, IntConsumer partnersFound, Consumer<PartnerMonth> each) {
        facts(period, null, partnersFound, each);
    }

    /**
     * Calls {@code each} with one partner's facts for {@code period} as imported so far, if the
     * partner is under contract in it: the month so far, read from its customers' accounts only.
     */
    void forPartner(YearMonth period, long partnerId, Consumer<PartnerMonth> each) {
        facts(period, partnerId, count -> {
        }, each);
    }

    private void facts(YearMonth period, Long only, IntConsumer partnersFound, Consumer<PartnerMonth> each) {
        MapSqlParameterSource p = params(period);
        p.addValue("only", only);
        List<Row> partners = named.query("""
                select p.id, p.program_id, p.name, p.contract_date, p.account_id,
                       least(e.exit_date, r.revoked_on) as ends_on, s.model, s.tier
                  from partner p
                  left join exit_notice e on e.partner_id = p.id
                  left join revocation r on r.partner_id = p.id
                  join lateral (select model, tier from partner_standing s
                                 where s.partner_id = p.id and s.effective_from <= greatest(:start, p.contract_date)
                                 order by s.effective_from desc limit 1) s on true
                 where p.contract_date <= :end
                   and (least(e.exit_date, r.revoked_on) is null or least(e.exit_date, r.revoked_on) > :start)
                   and (cast(:only as bigint) is null or p.id = :only)
                 order by p.id""", p, (rs, i) -> new Row(
                rs.getString("program_id"),
                new PartnerFacts(rs.getLong("id"), rs.getString("name"), date(rs, "contract_date"),
                        rs.getString("account_id"), PartnerModel.valueOf(rs.getString("model")), rs.getString("tier"),
                        date(rs, "ends_on"))));
        partnersFound.accept(partners.size());
        if (partners.isEmpty()) {
            return;
        }
        Map<Long, List<DealFact>> deals = deals(p);
        Map<Long, List<PriorStatement>> history = history(p);
        Set<Long> firstMonths = firstMonthsRewarded(p);
        Map<Long, LocalDate> firstConsumedOn = firstConsumedOn(p);
        Map<Long, List<BonusWithdrawal>> bonus = bonusWithdrawals(p);
        Map<Long, Integer> certified = credentials.statusCertifiedEmployees(period.atEndOfMonth(), null);
        Map<Long, Set<String>> specializations = specializations(p);
        Map<Long, List<PresaleFact>> presales = presales(p);
        Map<Long, LocalDate> exams = credentials.examsPassed(null);
        Map<Long, List<ProjectFact>> projects = ProjectConsumption.of(named, programs, params(period), period, partners);
        Map<Long, List<AdjustmentFact>> adjustments = adjustments(p);
        Map<Long, BigDecimal> leavingBalances = leavingBalances(period);

        UsageStream usage = new UsageStream(partners, period, (partner, links, sums) -> {
            Program program = programs.find(partner.programId()).orElseThrow(
                    () -> new IllegalStateException("partner " + partner.facts().id() + " is in unknown program "
                            + partner.programId()));
            ProgramVersion terms = program.versionFor(period).orElse(null);
            if (terms == null) {
                return;
            }
            long id = partner.facts().id();
            each.accept(new PartnerMonth(program, terms, period, partner.facts(), links,
                    deals.getOrDefault(id, List.of()), projects.getOrDefault(id, List.of()), sums,
                    history.getOrDefault(id, List.of()), bonus.getOrDefault(id, List.of()),
                    certified.getOrDefault(id, 0), specializations.getOrDefault(id, Set.of()),
                    presales.getOrDefault(id, List.of()), exams.get(id), firstMonths, firstConsumedOn,
                    adjustments.getOrDefault(id, List.of()), leavingBalances.get(id)));
        });
        p.addValue("split", splitAccounts(p));
        String usageQuery = USAGE;
        if (only == null) {
            analyze(period);
        } else {
            p.addValue("accounts", accountsOf(p));
            usageQuery = USAGE.replace(ONLY_ACCOUNTS, "and u.account_id = any(:accounts)");
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
     * ends, or the partner leaves. Only their usage is summed by day. An array parameter rather than a
     * temporary table, so the month's aggregate may run in parallel.
     */
    private String[] splitAccounts(MapSqlParameterSource p) {
        return named.queryForList("""
                select c.account_id
                  from customer_link l join customer c on c.id = l.customer_id
                 where (l.valid_from > :start and l.valid_from <= :end) or (l.valid_to > :start and l.valid_to <= :end)
                union
                select c.account_id
                  from deal d join customer c on c.tax_id = d.customer_tax_id
                 where""" + " " + APPROVED_DEAL + """
                   and ((d.registered_on > :start and d.registered_on <= :end) or (d.ended_on > :start and d.ended_on <= :end))
                union
                select c.account_id
                  from customer_link l
                  join customer c on c.id = l.customer_id
                  left join exit_notice e on e.partner_id = l.partner_id
                  left join revocation r on r.partner_id = l.partner_id
                 where least(e.exit_date, r.revoked_on) > :start and least(e.exit_date, r.revoked_on) <= :end""",
                p, String.class).toArray(String[]::new);
    }

    /** The accounts whose usage may count for partner {@code :only} in the period: its customers' and its own. */
    private String[] accountsOf(MapSqlParameterSource p) {
        return named.queryForList("""
                select c.account_id
                  from customer_link l join customer c on c.id = l.customer_id
                 where l.partner_id = :only and l.valid_from <= :end and (l.valid_to is null or l.valid_to > :start)
                union
                select account_id from partner where id = :only and account_id is not null""",
                p, String.class).toArray(String[]::new);
    }

    /** Fresh statistics of the month's partition, so the plan fits what was imported since. */
    private void analyze(YearMonth period) {
        jdbc.queryForList("select ensure_usage_partitions(?, ?)", period.atDay(1), period.atDay(1));
        jdbc.execute("analyze usage_row_" + period.getYear() + "_" + String.format("%02d", period.getMonthValue()));
    }

    /** Where the usage query narrows to one partner's accounts. */
    private static final String ONLY_ACCOUNTS = "/*only accounts*/";

    /** The period's usage per partner: customers through the link in force on the day, and the own account. */
    private static final String USAGE = """
            select coalesce(l.partner_id, p.id) as partner_id, c.id as customer_id, coalesce(l.id, 0) as link_id,
                   l.valid_from, l.valid_to, l.referral_reward,
                   s.account_id, s.service_name, s.funding_source, s.charge_category, s.day, s.list_cost
              from (select u.account_id, u.service_name, u.funding_source, u.charge_category,
                           case when u.account_id = any(:split) or u.charge_start < :startAt or u.charge_start >= :endAt
                                then (u.charge_start at time zone 'Europe/Moscow')::date end as day,
                           sum(u.list_cost) as list_cost
                      from usage_counted_row_view u
                     where u.period = :start and u.charge_category <> 'TAX' /*only accounts*/
                     group by 1, 2, 3, 4, 5) s
              left join customer c on c.account_id = s.account_id
              left join customer_link l on l.customer_id = c.id
                                       and l.valid_from <= coalesce(s.day, :start)
                                       and (l.valid_to is null or l.valid_to > coalesce(s.day, :start))
              left join partner p on p.account_id = s.account_id and c.id is null
             where l.id is not null or p.id is not null
             order by 1""";

    /** A partner about to be settled. */
    record Row(String programId, PartnerFacts facts) {
    }

    interface PartnerUsage {
        void settle(Row partner, List<LinkFact> links, List<UsageSum> usage);
    }

    /** Walks the ordered usage result and the ordered partners together, one partner at a time. */
    private static final class UsageStream {
        private final List<Row> partners;
        private final PartnerUsage settle;
        private int next;
        private long current = -1;
        private final Map<Long, LinkFact> links = new LinkedHashMap<>();
        private final List<UsageSum> sums = new ArrayList<>();
        long firstRowAt;
        long handingOver;

        UsageStream(List<Row> partners, YearMonth period, PartnerUsage settle) {
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
                links.put(linkId, new LinkFact(linkId, customerId, rs.getString("account_id"), date(rs, "valid_from"),
                        date(rs, "valid_to"), rs.getString("referral_reward")));
            }
            sums.add(new UsageSum(customerId, linkId, rs.getString("service_name"), rs.getString("funding_source"),
                    rs.getString("charge_category"), date(rs, "day"), rs.getBigDecimal("list_cost")));
        }

        /** Settles every partner before {@code partnerId}: the one whose usage was gathered, and those without usage. */
        private void flushUntil(long partnerId) {
            long started = System.nanoTime();
            while (next < partners.size() && partners.get(next).facts().id() < partnerId) {
                Row partner = partners.get(next++);
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

    /**
     * A deal whose extra applies from its registration until it ended: approved, or approved and
     * later expired or released (a released pending deal has no percent).
     */
    private static final String APPROVED_DEAL =
            "d.status in ('APPROVED', 'EXPIRED', 'RELEASED') and d.extra_discount_percent is not null";

    private Map<Long, List<DealFact>> deals(MapSqlParameterSource p) {
        Map<Long, List<DealFact>> deals = new HashMap<>();
        named.query("""
                select d.id, d.partner_id, c.id as customer_id, d.registered_on, d.extra_discount_percent, d.ended_on
                  from deal d join customer c on c.tax_id = d.customer_tax_id
                 where""" + " " + APPROVED_DEAL + """
                   and d.registered_on <= :end and (d.ended_on is null or d.ended_on > :start)
                 order by d.id, c.id""", p, rs -> {
            deals.computeIfAbsent(rs.getLong("partner_id"), k -> new ArrayList<>()).add(new DealFact(rs.getLong("id"),
                    rs.getLong("customer_id"), date(rs, "registered_on"), rs.getBigDecimal("extra_discount_percent"),
                    date(rs, "ended_on")));
        });
        return deals;
    }

    private Map<Long, List<PriorStatement>> history(MapSqlParameterSource p) {
        Map<Long, List<PriorStatement>> history = new HashMap<>();
        named.query("""
                select partner_id, period, model, tier, qualification_window, measures::text as measures
                  from statement
                 where period >= (:start - interval '12 months') and period < :start""", p, rs -> {
            LocalDate window = date(rs, "qualification_window");
            history.computeIfAbsent(rs.getLong("partner_id"), k -> new ArrayList<>()).add(new PriorStatement(
                    YearMonth.from(date(rs, "period")), PartnerModel.valueOf(rs.getString("model")), rs.getString("tier"),
                    window == null ? null : YearMonth.from(window), measures(rs.getString("measures"))));
        });
        return history;
    }

    private Map<String, BigDecimal> measures(String text) {
        Map<String, String> raw = json.readValue(text, new TypeReference<Map<String, String>>() {
        });
        Map<String, BigDecimal> measures = new TreeMap<>();
        raw.forEach((key, value) -> {
            if (!key.startsWith("firstMonth:")) {
                measures.put(key, new BigDecimal(value));
            }
        });
        return measures;
    }

    /** Customers whose first month with consumption a statement of an earlier period rewarded, whichever partner's. */
    private Set<Long> firstMonthsRewarded(MapSqlParameterSource p) {
        return new HashSet<>(named.queryForList("""
                select distinct substr(k, length('firstMonth:') + 1)::bigint
                  from statement s, jsonb_object_keys(s.measures) k
                 where k like 'firstMonth:%' and s.period < :start""", p, Long.class));
    }

    /**
     * The first day each customer of a first-month referral link in force in the period ever
     * consumed, from the deal desk's summary of consumption days (consumption_day: bit d-1 is day d),
     * which the close's deal-expiry step brings up to date first. Usage rows have no index on the
     * account, so the summary is the only set-wise way to look at a customer's whole history.
     */
    private Map<Long, LocalDate> firstConsumedOn(MapSqlParameterSource p) {
        Map<Long, LocalDate> first = new HashMap<>();
        named.query("""
                select l.customer_id, d.month, d.days
                  from (select distinct l.customer_id, c.account_id
                          from customer_link l join customer c on c.id = l.customer_id
                         where l.referral_reward = 'FIRST_MONTH' and l.valid_from <= :end
                           and (l.valid_to is null or l.valid_to > :start)) l
                  join lateral (select d.month, d.days from consumption_day d
                                 where d.account_id = l.account_id and d.days <> 0
                                 order by d.month limit 1) d on true""", p, rs -> {
            LocalDate month = rs.getObject("month", LocalDate.class);
            first.put(rs.getLong("customer_id"), month.plusDays(Integer.numberOfTrailingZeros(rs.getInt("days"))));
        });
        return first;
    }

    private Map<Long, List<BonusWithdrawal>> bonusWithdrawals(MapSqlParameterSource p) {
        Map<Long, List<BonusWithdrawal>> bonus = new HashMap<>();
        named.query("""
                select id, partner_id, -amount as amount from ledger_entry
                 where kind = 'WITHDRAWAL' and destination = 'BONUS' and period = :start order by id""", p, rs -> {
            bonus.computeIfAbsent(rs.getLong("partner_id"), k -> new ArrayList<>())
                    .add(new BonusWithdrawal(rs.getLong("id"), rs.getBigDecimal("amount")));
        });
        return bonus;
    }

    /**
     * The rebate balance of every partner whose last month this is (its exit or revocation falls
     * in the month or on the next month's first day), for the final statement to pay out. Bonus
     * withdrawn for a later month, and what was returned of it, do not count: no statement will
     * apply it, so the final payout returns it first.
     */
    private Map<Long, BigDecimal> leavingBalances(YearMonth period) {
        Map<Long, BigDecimal> balances = new HashMap<>();
        named.query("""
                select e.partner_id, sum(e.amount) as balance
                  from ledger_entry e
                  join ledger_entry w on w.id = coalesce(e.corrects, e.id)
                 where e.partner_id in (select p.id from partner p
                                          left join exit_notice x on x.partner_id = p.id
                                          left join revocation r on r.partner_id = p.id
                                         where least(x.exit_date, r.revoked_on) > :start
                                           and least(x.exit_date, r.revoked_on) <= :next)
                   and not (w.kind = 'WITHDRAWAL' and w.destination = 'BONUS' and w.period > :start)
                 group by e.partner_id""",
                new MapSqlParameterSource("start", period.atDay(1)).addValue("next", period.plusMonths(1).atDay(1)),
                rs -> {
                    balances.put(rs.getLong("partner_id"), rs.getBigDecimal("balance"));
                });
        return balances;
    }

    private Map<Long, List<AdjustmentFact>> adjustments(MapSqlParameterSource p) {
        Map<Long, List<AdjustmentFact>> adjustments = new HashMap<>();
        named.query("select * from adjustment where period = :start order by id", p, rs -> {
            adjustments.computeIfAbsent(rs.getLong("partner_id"), k -> new ArrayList<>()).add(new AdjustmentFact(
                    rs.getLong("id"), StatementLine.Kind.valueOf(rs.getString("kind")), (Long) rs.getObject("customer_id"),
                    rs.getBigDecimal("amount"), YearMonth.from(date(rs, "corrects")), rs.getString("reason"),
                    rs.getString("created_by")));
        });
        return adjustments;
    }

    private Map<Long, Set<String>> specializations(MapSqlParameterSource p) {
        Map<Long, Set<String>> held = new HashMap<>();
        named.query("""
                select partner_id, specialization from partner_specialization
                 where valid_from <= :end and (valid_to is null or valid_to > :end)""", p, rs -> {
            held.computeIfAbsent(rs.getLong("partner_id"), k -> new HashSet<>()).add(rs.getString("specialization"));
        });
        return held;
    }

    private Map<Long, List<PresaleFact>> presales(MapSqlParameterSource p) {
        Map<Long, List<PresaleFact>> presales = new HashMap<>();
        named.query("""
                select id, partner_id, title, completed_on from presale
                 where technical and completed_on between :start and :end order by id""", p, rs -> {
            presales.computeIfAbsent(rs.getLong("partner_id"), k -> new ArrayList<>())
                    .add(new PresaleFact(rs.getLong("id"), rs.getString("title"), date(rs, "completed_on")));
        });
        return presales;
    }

    static MapSqlParameterSource params(YearMonth period) {
        LocalDate start = period.atDay(1);
        LocalDate end = period.atEndOfMonth();
        return new MapSqlParameterSource()
                .addValue("start", start)
                .addValue("end", end)
                .addValue("startAt", OffsetDateTime.of(start.atStartOfDay(), Today.ZONE.getRules().getOffset(start.atStartOfDay())))
                .addValue("endAt", OffsetDateTime.of(end.plusDays(1).atStartOfDay(),
                        Today.ZONE.getRules().getOffset(end.plusDays(1).atStartOfDay())));
    }

    static LocalDate date(ResultSet rs, String column) throws SQLException {
        Date date = rs.getDate(column);
        return date == null ? null : date.toLocalDate();
    }
}
