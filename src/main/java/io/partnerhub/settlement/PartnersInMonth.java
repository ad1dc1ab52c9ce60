package io.partnerhub.settlement;

import io.partnerhub.partner.Credentials;
import io.partnerhub.program.PartnerModel;
import io.partnerhub.settlement.rules.PartnerMonth.PartnerFacts;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The partners a period settles, as the period starts: contract, model and tier in force, how and
 * when each ends; and what each holds at the period's end (specializations, certified employees,
 * the first exam passed).
 */
final class PartnersInMonth {

    private final NamedParameterJdbcTemplate named;
    private final Credentials credentials;

    PartnersInMonth(NamedParameterJdbcTemplate named, Credentials credentials) {
        this.named = named;
        this.credentials = credentials;
    }

    /** The partners under contract in the period and not gone before it, in id order ({@code :only}: those of them, ids). */
    List<MonthFacts.Row> underContract(MapSqlParameterSource p) {
        return named.query("""
                select p.partner_id, p.program_id, p.name, p.contract_date, p.account_id,
                       least(e.exit_date, e.revoked_on) as ends_on, s.model, s.tier
                  from partner_contract_view p
                  left join partner_ending_view e on e.partner_id = p.partner_id
                  join lateral (select model, tier from partner_standing_view s
                                 where s.partner_id = p.partner_id and s.effective_from <= greatest(:start, p.contract_date)
                                 order by s.effective_from desc limit 1) s on true
                 where p.contract_date <= :end
                   and (least(e.exit_date, e.revoked_on) is null or least(e.exit_date, e.revoked_on) > :start)
                   and (cast(:only as bigint[]) is null or p.partner_id = any(:only))
                 order by p.partner_id""", p, (rs, i) -> new MonthFacts.Row(
                rs.getString("program_id"),
                new PartnerFacts(rs.getLong("partner_id"), rs.getString("name"), MonthFacts.date(rs, "contract_date"),
                        rs.getString("account_id"), PartnerModel.valueOf(rs.getString("model")), rs.getString("tier"),
                        MonthFacts.date(rs, "ends_on"))));
    }

    Map<Long, Set<String>> specializations(MapSqlParameterSource p) {
        Map<Long, Set<String>> held = new HashMap<>();
        named.query("""
                select partner_id, specialization from partner_specialization_view
                 where valid_from <= :end and (valid_to is null or valid_to > :end)""", p, rs -> {
            held.computeIfAbsent(rs.getLong("partner_id"), k -> new HashSet<>()).add(rs.getString("specialization"));
        });
        return held;
    }

    Map<Long, Integer> certifiedEmployees(YearMonth period) {
        return credentials.statusCertifiedEmployees(period.atEndOfMonth(), null);
    }

    Map<Long, LocalDate> examsPassed() {
        return credentials.examsPassed(null);
    }
}
