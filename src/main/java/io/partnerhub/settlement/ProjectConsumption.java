package io.partnerhub.settlement;

import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.program.ProgramVersion;
import io.partnerhub.program.Service;
import io.partnerhub.settlement.rules.PartnerMonth.ProjectFact;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The project registrations a period settles, with their clouds' and folders' consumption by month. */
final class ProjectConsumption {

    private ProjectConsumption() {
    }

    /**
     * Project registrations in force in the period, each with its cloud or folder's eligible
     * consumption per month from the baseline months on (one scan of those months' partitions).
     */
    static Map<Long, List<ProjectFact>> of(NamedParameterJdbcTemplate named, ProgramCatalog programs,
                                           MapSqlParameterSource p, YearMonth period, List<MonthFacts.Row> partners) {
        record Registration(long id, long partnerId, long customerId, String projectId, LocalDate registeredOn,
                            LocalDate validUntil, BigDecimal rate) {
        }
        List<Registration> registrations = named.query("""
                select registration_id, partner_id, customer_id, project_id, registered_on, valid_until, rate_percent
                  from deal_project_registration_view
                 where registered_on <= :end and valid_until > :start
                 order by registration_id""", p, (rs, i) -> new Registration(
                rs.getLong("registration_id"), rs.getLong("partner_id"), rs.getLong("customer_id"),
                rs.getString("project_id"),
                MonthFacts.date(rs, "registered_on"), MonthFacts.date(rs, "valid_until"), rs.getBigDecimal("rate_percent")));
        if (registrations.isEmpty()) {
            return Map.of();
        }
        Map<Long, String> programOf = new HashMap<>();
        partners.forEach(row -> programOf.put(row.facts().id(), row.programId()));
        LocalDate from = registrations.stream().map(r -> YearMonth.from(r.registeredOn()).minusMonths(12).atDay(1))
                .min(LocalDate::compareTo).orElseThrow();
        Map<String, Map<YearMonth, Map<String, BigDecimal>>> byProject = new HashMap<>();
        named.query("""
                select project_id, parent_project_id, period, service_name, funding_source, sum(list_cost) as list_cost
                  from usage_counted_row_view
                 where period >= :from and period <= :start
                   and charge_category in ('USAGE', 'PURCHASE', 'ADJUSTMENT')
                   and (project_id = any(:projects) or parent_project_id = any(:projects))
                 group by 1, 2, 3, 4, 5""", p.addValue("from", from)
                .addValue("projects", registrations.stream().map(Registration::projectId).distinct().toArray(String[]::new)),
                rs -> {
                    for (String key : new String[]{rs.getString("project_id"), rs.getString("parent_project_id")}) {
                        if (key != null) {
                            byProject.computeIfAbsent(key, k -> new HashMap<>())
                                    .computeIfAbsent(YearMonth.from(MonthFacts.date(rs, "period")), k -> new HashMap<>())
                                    .merge(rs.getString("funding_source") + "\u0000" + rs.getString("service_name"),
                                            rs.getBigDecimal("list_cost"), BigDecimal::add);
                        }
                    }
                });
        Map<Long, List<ProjectFact>> projects = new HashMap<>();
        for (Registration r : registrations) {
            String programId = programOf.get(r.partnerId());
            if (programId == null) {
                continue;
            }
            Program program = programs.find(programId).orElseThrow();
            Map<YearMonth, BigDecimal> eligible = new TreeMap<>();
            byProject.getOrDefault(r.projectId(), Map.of()).forEach((month, sums) -> {
                ProgramVersion terms = program.versionFor(month).or(() -> program.versionFor(period)).orElseThrow();
                sums.forEach((key, value) -> {
                    String funding = key.substring(0, key.indexOf('\u0000'));
                    String service = key.substring(key.indexOf('\u0000') + 1);
                    boolean excluded = terms.excludedFundingSources().contains(funding)
                            || terms.service(service).map(Service::excluded).orElse(false);
                    if (!excluded) {
                        eligible.merge(month, value, BigDecimal::add);
                    }
                });
            });
            projects.computeIfAbsent(r.partnerId(), k -> new ArrayList<>()).add(new ProjectFact(r.id(), r.customerId(),
                    r.projectId(), r.registeredOn(), r.validUntil(), r.rate(), eligible));
        }
        return projects;
    }

}
