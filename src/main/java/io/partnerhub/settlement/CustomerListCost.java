package io.partnerhub.settlement;

import io.partnerhub.partner.Partners;
import io.partnerhub.shared.Caller;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import java.util.TreeMap;

/** One customer's list cost in a partner's issued statements, month by month. */
@Service
public class CustomerListCost {

    private final JdbcClient jdbc;
    private final Partners partners;

    CustomerListCost(JdbcClient jdbc, Partners partners) {
        this.jdbc = jdbc;
        this.partners = partners;
    }

    /**
     * The customer's LIST_COST lines (corrections of earlier months left out) summed per statement
     * of the partner from {@code from} on; months without such a line are absent.
     */
    public Map<YearMonth, String> byMonth(Caller caller, long partnerId, long customerId, YearMonth from) {
        partners.find(caller, partnerId);
        Map<YearMonth, String> months = new TreeMap<>();
        jdbc.sql("""
                        select period, sum(amount) as list_cost from statement_line
                         where partner_id = :partner and customer_id = :customer and period >= :from
                           and kind = 'LIST_COST' and corrects is null
                         group by period""")
                .param("partner", partnerId).param("customer", customerId).param("from", from.atDay(1))
                .query(rs -> {
                    months.put(YearMonth.from(rs.getObject("period", LocalDate.class)),
                            rs.getBigDecimal("list_cost").toPlainString());
                });
        return months;
    }
}
