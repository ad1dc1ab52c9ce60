package io.partnerhub.settlement;

import io.partnerhub.program.IncentiveRule.BonusKind;
import io.partnerhub.settlement.rules.IncentiveFacts;
import io.partnerhub.settlement.rules.IncentiveFacts.BonusFact;
import io.partnerhub.settlement.rules.IncentiveFacts.FreeMonthFact;
import io.partnerhub.settlement.rules.IncentiveFacts.ResourceSum;
import io.partnerhub.settlement.rules.IncentiveFacts.SandboxFact;
import io.partnerhub.settlement.rules.IncentiveFacts.TrialFact;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A period's incentives, every partner's (docs/incentives.md): the trials that overlap it, its free
 * months, the sandboxes and the tiers that decide whether they are free, its one-off bonuses, and
 * the consumption of the resources free months and sandboxes name. That consumption is read from the
 * period's usage rows (the rollups keep no resource), only when some resource is named.
 */
final class IncentivesInMonth {

    private final NamedParameterJdbcTemplate named;

    IncentivesInMonth(NamedParameterJdbcTemplate named) {
        this.named = named;
    }

    /** Every partner's incentive facts for the period (partners without any are absent). */
    Map<Long, IncentiveFacts> read(YearMonth period, MapSqlParameterSource p) {
        Map<Long, List<TrialFact>> trials = new HashMap<>();
        named.query("""
                select id, partner_id, customer_id, valid_from, valid_to from incentive_trial_view
                 where valid_from <= :end and (valid_to is null or valid_to >= :start) order by id""", p, rs -> {
            trials.computeIfAbsent(rs.getLong("partner_id"), k -> new ArrayList<>()).add(new TrialFact(rs.getLong("id"),
                    rs.getLong("customer_id"), MonthFacts.date(rs, "valid_from"), MonthFacts.date(rs, "valid_to")));
        });
        Map<Long, List<FreeMonthFact>> freeMonths = new HashMap<>();
        named.query("select * from incentive_free_month_view where month = :start order by id", p, rs -> {
            freeMonths.computeIfAbsent(rs.getLong("partner_id"), k -> new ArrayList<>()).add(new FreeMonthFact(
                    rs.getLong("id"), rs.getLong("customer_id"), period,
                    java.util.Set.copyOf(Arrays.asList((String[]) rs.getArray("resource_ids").getArray()))));
        });
        Map<Long, SandboxFact> sandboxes = sandboxes(p);
        Map<Long, List<BonusFact>> bonuses = new HashMap<>();
        named.query("select * from incentive_bonus_view where period = :start order by id", p, rs -> {
            bonuses.computeIfAbsent(rs.getLong("partner_id"), k -> new ArrayList<>()).add(new BonusFact(rs.getLong("id"),
                    BonusKind.valueOf(rs.getString("kind")), rs.getBigDecimal("amount"), (Long) rs.getObject("customer_id"),
                    rs.getString("reference"), MonthFacts.date(rs, "published_on")));
        });
        Map<Long, List<ResourceSum>> resources = freeMonths.isEmpty() && sandboxes.isEmpty()
                ? Map.of() : resourceUsage(p);
        Map<Long, IncentiveFacts> facts = new HashMap<>();
        List<Long> partners = new ArrayList<>(trials.keySet());
        partners.addAll(freeMonths.keySet());
        partners.addAll(sandboxes.keySet());
        partners.addAll(bonuses.keySet());
        for (Long partner : partners) {
            facts.computeIfAbsent(partner, id -> new IncentiveFacts(trials.getOrDefault(id, List.of()),
                    freeMonths.getOrDefault(id, List.of()), sandboxes.get(id), resources.getOrDefault(id, List.of()),
                    bonuses.getOrDefault(id, List.of())));
        }
        return facts;
    }

    /** Sandboxes requested by the period's end, with their partners' tiers by the day each took effect. */
    private Map<Long, SandboxFact> sandboxes(MapSqlParameterSource p) {
        record Requested(long id, long partnerId, String platform, String resourceId, LocalDate requestedOn) {
        }
        List<Requested> requested = named.query("""
                select * from incentive_sandbox_view where requested_on <= :end order by partner_id""", p,
                (rs, i) -> new Requested(rs.getLong("id"), rs.getLong("partner_id"), rs.getString("platform"),
                        rs.getString("resource_id"), MonthFacts.date(rs, "requested_on")));
        if (requested.isEmpty()) {
            return Map.of();
        }
        Map<Long, TreeMap<LocalDate, String>> tiers = new HashMap<>();
        named.query("""
                select partner_id, effective_from, tier from partner_standing_view
                 where partner_id in (select partner_id from incentive_sandbox_view) and effective_from <= :end""", p, rs -> {
            tiers.computeIfAbsent(rs.getLong("partner_id"), k -> new TreeMap<>())
                    .put(MonthFacts.date(rs, "effective_from"), String.valueOf(rs.getString("tier")));
        });
        Map<Long, SandboxFact> sandboxes = new HashMap<>();
        for (Requested r : requested) {
            sandboxes.put(r.partnerId(), new SandboxFact(r.id(), r.platform(), r.resourceId(), r.requestedOn(),
                    tiers.getOrDefault(r.partnerId(), new TreeMap<>())));
        }
        return sandboxes;
    }

    /**
     * The period's counted usage rows of the resources a free month of the period or a sandbox names,
     * in the account they name them for (the customer's, the partner's own), summed per day.
     */
    private Map<Long, List<ResourceSum>> resourceUsage(MapSqlParameterSource p) {
        Map<Long, List<ResourceSum>> sums = new HashMap<>();
        named.query("""
                with wanted as (
                    select f.partner_id, f.customer_id, c.account_id, r.resource_id
                      from incentive_free_month_view f
                      join customer_account_view c on c.customer_id = f.customer_id
                      cross join lateral unnest(f.resource_ids) as r(resource_id)
                     where f.month = :start
                    union
                    select s.partner_id, null, a.account_id, s.resource_id
                      from incentive_sandbox_view s
                      join partner_account_view a on a.partner_id = s.partner_id
                     where a.account_id is not null)
                select w.partner_id, w.customer_id, u.resource_id, u.service_name, u.funding_source, u.charge_category,
                       (u.charge_start at time zone 'Europe/Moscow')::date as day, sum(u.list_cost) as list_cost
                  from usage_counted_row_view u
                  join wanted w on w.account_id = u.account_id and w.resource_id = u.resource_id
                 where u.period = :start
                 group by 1, 2, 3, 4, 5, 6, 7
                 order by 1, 2, 3, 7, 4, 5, 6""", p, rs -> {
            sums.computeIfAbsent(rs.getLong("partner_id"), k -> new ArrayList<>()).add(new ResourceSum(
                    (Long) rs.getObject("customer_id"), rs.getString("resource_id"), rs.getString("service_name"),
                    rs.getString("funding_source"), rs.getString("charge_category"), MonthFacts.date(rs, "day"),
                    rs.getBigDecimal("list_cost")));
        });
        return sums;
    }
}
