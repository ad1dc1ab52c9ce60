package io.partnerhub.incentive;

import io.partnerhub.customer.Customers;
import io.partnerhub.partner.Partner;
import io.partnerhub.partner.Partners;
import io.partnerhub.program.IncentiveRule;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.ClosedPeriods;
import io.partnerhub.shared.PeriodLocks;
import io.partnerhub.shared.Today;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Free months of a customer's chosen virtual machines (Oblakoteka, seed 002 footnote 13): at most
 * the program's number per customer, never the month right after the month its trial ended, at
 * least the program's number of calendar months between two. The close books those machines'
 * consumption of the month as a FREE_MONTH line.
 */
@Service
public class FreeMonths {

    private final JdbcClient jdbc;
    private final Partners partners;
    private final Customers customers;
    private final Trials trials;
    private final IncentiveTerms terms;
    private final IncentiveEvents events;
    private final ClosedPeriods closedPeriods;
    private final Today today;

    FreeMonths(JdbcClient jdbc, Partners partners, Customers customers, Trials trials, IncentiveTerms terms,
               IncentiveEvents events, ClosedPeriods closedPeriods, Today today) {
        this.jdbc = jdbc;
        this.partners = partners;
        this.customers = customers;
        this.trials = trials;
        this.terms = terms;
        this.events = events;
        this.closedPeriods = closedPeriods;
        this.today = today;
    }

    public record FreeMonth(long id, long partnerId, long customerId, YearMonth month, List<String> resourceIds) {
    }

    /** Grants the customer a free month of {@code resourceIds}, for the partner it is linked to that month. */
    @Transactional
    public FreeMonth grant(Caller caller, long customerId, long partnerId, YearMonth month, List<String> resourceIds) {
        Partner partner = partners.find(caller, partnerId);
        partner.refuseNewClaimsIfGone("free months");
        customers.find(caller, customerId);
        IncentiveRule.FreeMonths rule = terms.require(partner, IncentiveRule.FreeMonths.class, today.date());
        YearMonth current = YearMonth.from(today.date());
        if (!caller.isOperator() && month.isBefore(current)) {
            throw terms.refusal("month", "freeMonth.notPast", current);
        }
        jdbc.sql(PeriodLocks.SHARED).query().listOfRows();
        if (closedPeriods.isClosed(month)) {
            throw terms.refusal("month", "incentive.periodClosed", month);
        }
        if (!linkedIn(caller, partnerId, customerId, month)) {
            throw terms.refusal("customerId", "freeMonth.notLinked", customerId, partnerId, month);
        }
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('free_month:' || :customer, 0))")
                .param("customer", customerId).query().listOfRows();
        List<FreeMonth> granted = of(customerId);
        if (granted.size() >= rule.perCustomer()) {
            throw terms.refusal("month", "freeMonth.noneLeft", customerId, rule.perCustomer(),
                    String.join(", ", granted.stream().map(f -> f.month().toString()).toList()));
        }
        for (FreeMonth other : granted) {
            long apart = Math.abs(ChronoUnit.MONTHS.between(other.month(), month));
            if (apart <= rule.monthsBetween()) {
                throw terms.refusal("month", apart == 0 ? "freeMonth.sameMonth" : "freeMonth.tooClose", month,
                        other.month(), rule.monthsBetween());
            }
        }
        if (rule.notTheMonthAfterTrial()) {
            trials.of(customerId).ifPresent(trial -> refuseAfterTrial(trial, month));
        }
        List<String> resources = List.copyOf(new TreeSet<>(resourceIds.stream().map(String::strip).toList()));
        long id = jdbc.sql("""
                        insert into free_month (partner_id, customer_id, month, resource_ids, granted_by)
                        values (:partner, :customer, :month, :resources, :by) returning id""")
                .param("partner", partnerId).param("customer", customerId).param("month", month.atDay(1))
                .param("resources", resources.toArray(String[]::new)).param("by", caller.name())
                .query(Long.class).single();
        events.record(caller.name(), partnerId, IncentiveEvents.Type.FREE_MONTH_GRANTED, "free-month/" + id,
                "Free month " + month + " for customer " + customerId + " of resources " + String.join(", ", resources)
                        + "; " + (rule.perCustomer() - granted.size() - 1) + " left for the customer",
                IncentiveEvents.data("customerId", customerId, "month", month, "resourceIds", String.join(",", resources),
                        "left", rule.perCustomer() - granted.size() - 1));
        return find(id);
    }

    /** Never the month right after the month the trial ended; while it runs, no month after its first. */
    private void refuseAfterTrial(Trials.Trial trial, YearMonth month) {
        if (trial.to() == null) {
            if (month.isAfter(YearMonth.from(trial.from()))) {
                throw terms.refusal("month", "freeMonth.trialRunning", trial.id(), trial.from());
            }
        } else if (month.equals(YearMonth.from(trial.to()).plusMonths(1))) {
            throw terms.refusal("month", "freeMonth.afterTrial", month, trial.id(), trial.to());
        }
    }

    /** Whether a link of the partner holds the customer on some day of the month. */
    private boolean linkedIn(Caller caller, long partnerId, long customerId, YearMonth month) {
        return customers.linksOfPartner(caller, partnerId).stream()
                .anyMatch(link -> link.customerId() == customerId && link.from().isBefore(month.plusMonths(1).atDay(1))
                        && (link.to() == null || link.to().isAfter(month.atDay(1))));
    }

    /** The customer's free months, in month order (the caller must see the customer). */
    public List<FreeMonth> of(Caller caller, long customerId) {
        customers.find(caller, customerId);
        return of(customerId).stream().filter(f -> caller.sees(f.partnerId())).toList();
    }

    List<FreeMonth> of(long customerId) {
        return jdbc.sql("select * from free_month where customer_id = :customer order by month")
                .param("customer", customerId).query(FreeMonths::freeMonth).list();
    }

    /** The partner's free months, latest first. */
    public List<FreeMonth> ofPartner(Caller caller, long partnerId) {
        partners.find(caller, partnerId);
        return jdbc.sql("select * from free_month where partner_id = :partner order by month desc, id desc")
                .param("partner", partnerId).query(FreeMonths::freeMonth).list();
    }

    private FreeMonth find(long id) {
        return jdbc.sql("select * from free_month where id = :id").param("id", id).query(FreeMonths::freeMonth).single();
    }

    private static FreeMonth freeMonth(ResultSet rs, int row) throws SQLException {
        return new FreeMonth(rs.getLong("id"), rs.getLong("partner_id"), rs.getLong("customer_id"),
                YearMonth.from(rs.getObject("month", LocalDate.class)),
                Arrays.asList((String[]) rs.getArray("resource_ids").getArray()));
    }
}
