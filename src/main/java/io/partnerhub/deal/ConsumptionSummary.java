package io.partnerhub.deal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which days each account consumed, as the usage import keeps them ({@code usage_consumption_day_view},
 * added in each import's own transaction): the new-customer and direct-customer rules and the
 * expiry of deals read them instead of the usage rows (which have no index on the account).
 */
@Component
class ConsumptionSummary {

    private final JdbcClient jdbc;

    ConsumptionSummary(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The days each of the accounts consumed (accounts without consumption are absent). */
    Map<String, ConsumptionDays> of(Collection<String> accounts) {
        Map<String, Map<YearMonth, Integer>> months = new HashMap<>();
        if (accounts.isEmpty()) {
            return Map.of();
        }
        jdbc.sql("select account_id, month, days from usage_consumption_day_view where account_id = any(:accounts)")
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
