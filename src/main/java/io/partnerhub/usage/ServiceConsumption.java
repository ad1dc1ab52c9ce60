package io.partnerhub.usage;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Consumption at list per account, month and service, from the summary {@code consumption_service}
 * (usage rows have no index on the account). Each import is added once; readers catch up first,
 * so what they show includes every committed import.
 */
@Service
public class ServiceConsumption {

    private final JdbcClient jdbc;
    private final ServiceSummary summary;

    ServiceConsumption(JdbcClient jdbc, ServiceSummary summary) {
        this.jdbc = jdbc;
        this.summary = summary;
    }

    /** One service's list cost in a month, exact (rounded only for display). */
    public record ServiceMonth(YearMonth month, String service, String currency, BigDecimal listCost) {
    }

    /** An unattributed account's list cost for one service in a month. */
    public record AccountService(String accountId, String service, String currency, BigDecimal listCost) {
    }

    /** The account's consumption per month and service from {@code from} on, oldest month first. */
    public List<ServiceMonth> ofAccount(String accountId, YearMonth from) {
        summary.catchUp();
        return jdbc.sql("""
                        select month, service_name, currency, list_cost from consumption_service
                         where account_id = :account and month >= :from
                         order by month, service_name, currency""")
                .param("account", accountId).param("from", from.atDay(1))
                .query((rs, i) -> new ServiceMonth(YearMonth.from(rs.getObject("month", LocalDate.class)),
                        rs.getString("service_name"), rs.getString("currency"), rs.getBigDecimal("list_cost")))
                .list();
    }

    /**
     * The month's consumption of accounts that are no customer's and no partner's own account,
     * per account and service, the largest accounts first.
     */
    public List<AccountService> unattributed(YearMonth month) {
        summary.catchUp();
        return jdbc.sql("""
                        select s.account_id, s.service_name, s.currency, s.list_cost,
                               sum(s.list_cost) over (partition by s.account_id) as account_total
                          from consumption_service s
                         where s.month = :month
                           and not exists (select 1 from customer_account_view c where c.account_id = s.account_id)
                           and not exists (select 1 from partner_account_view p where p.account_id = s.account_id)
                         order by account_total desc, s.account_id, s.service_name, s.currency""")
                .param("month", month.atDay(1))
                .query((rs, i) -> new AccountService(rs.getString("account_id"), rs.getString("service_name"),
                        rs.getString("currency"), rs.getBigDecimal("list_cost")))
                .list();
    }


    /** The latest month with any consumption, if there is one. */
    public Optional<YearMonth> latestMonth() {
        summary.catchUp();
        return jdbc.sql("select month from consumption_service order by month desc limit 1").query(LocalDate.class).optional()
                .map(YearMonth::from);
    }
}
