package io.partnerhub.settlement;

import io.partnerhub.program.PartnerModel;
import io.partnerhub.settlement.rules.PartnerMonth.AdjustmentFact;
import io.partnerhub.settlement.rules.PartnerMonth.PriorStatement;
import io.partnerhub.settlement.rules.StatementLine;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What earlier periods left for this one, from the settlement's own tables: the statements of the
 * year before with the figures they measured, the customers whose first month was rewarded, and
 * the corrections of closed periods recorded for this one.
 */
final class StatementHistory {

    private final NamedParameterJdbcTemplate named;
    private final ObjectMapper json;

    StatementHistory(NamedParameterJdbcTemplate named, ObjectMapper json) {
        this.named = named;
        this.json = json;
    }

    Map<Long, List<PriorStatement>> yearBefore(MapSqlParameterSource p) {
        Map<Long, List<PriorStatement>> history = new HashMap<>();
        named.query("""
                select partner_id, period, model, tier, qualification_window, measures::text as measures
                  from statement
                 where period >= (:start - interval '12 months') and period < :start""", p, rs -> {
            LocalDate window = MonthFacts.date(rs, "qualification_window");
            history.computeIfAbsent(rs.getLong("partner_id"), k -> new ArrayList<>()).add(new PriorStatement(
                    YearMonth.from(MonthFacts.date(rs, "period")), PartnerModel.valueOf(rs.getString("model")),
                    rs.getString("tier"), window == null ? null : YearMonth.from(window), measures(rs.getString("measures"))));
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
    Set<Long> firstMonthsRewarded(MapSqlParameterSource p) {
        return new HashSet<>(named.queryForList("""
                select distinct substr(k, length('firstMonth:') + 1)::bigint
                  from statement s, jsonb_object_keys(s.measures) k
                 where k like 'firstMonth:%' and s.period < :start""", p, Long.class));
    }

    Map<Long, List<AdjustmentFact>> adjustments(MapSqlParameterSource p) {
        Map<Long, List<AdjustmentFact>> adjustments = new HashMap<>();
        named.query("select * from adjustment where period = :start order by id", p, rs -> {
            adjustments.computeIfAbsent(rs.getLong("partner_id"), k -> new ArrayList<>()).add(new AdjustmentFact(
                    rs.getLong("id"), StatementLine.Kind.valueOf(rs.getString("kind")), (Long) rs.getObject("customer_id"),
                    rs.getBigDecimal("amount"), YearMonth.from(MonthFacts.date(rs, "corrects")), rs.getString("reason"),
                    rs.getString("created_by")));
        });
        return adjustments;
    }
}
