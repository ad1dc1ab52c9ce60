package io.partnerhub.settlement;

import io.partnerhub.partner.Partner;
import io.partnerhub.partner.Partners;
import io.partnerhub.settlement.rules.StatementLine;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.ClosedPeriods;
import io.partnerhub.shared.PeriodLocks;
import io.partnerhub.shared.RuleViolation;
import io.partnerhub.shared.Today;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;

/**
 * Late corrections: an issued statement never changes, so what a closed period got wrong is
 * recorded for an open period and settled there as a line naming the month it corrects.
 */
@Service
public class Adjustments {

    private static final Set<StatementLine.Kind> KINDS = Set.of(StatementLine.Kind.LIST_COST, StatementLine.Kind.EXCLUSION,
            StatementLine.Kind.DISCOUNT, StatementLine.Kind.REWARD, StatementLine.Kind.REBATE,
            StatementLine.Kind.PROVIDER_PAID);

    private final JdbcClient jdbc;
    private final Partners partners;
    private final Today today;

    private final ClosedPeriods closedPeriods;

    Adjustments(JdbcClient jdbc, Partners partners, Today today, ClosedPeriods closedPeriods) {
        this.closedPeriods = closedPeriods;
        this.jdbc = jdbc;
        this.partners = partners;
        this.today = today;
    }

    public record Adjustment(long id, long partnerId, String period, String corrects, String kind, Long customerId,
                             String amount, String reason, Instant createdAt, String createdBy) {
    }

    /**
     * Records a correction of {@code corrects} (a closed period) on the statement of {@code period}
     * (an open one; default the current month).
     */
    @Transactional
    public Adjustment record(Caller caller, long partnerId, YearMonth corrects, YearMonth period, StatementLine.Kind kind,
                             Long customerId, BigDecimal amount, String reason) {
        caller.requireOperator("record corrections");
        Partner partner = partners.find(caller, partnerId);
        YearMonth target = period == null ? YearMonth.from(today.date()) : period;
        if (!KINDS.contains(kind)) {
            throw RuleViolation.of("kind", "a correction is one of " + KINDS.stream().sorted().toList());
        }
        if (amount.signum() == 0 || amount.scale() > 2) {
            throw RuleViolation.of("amount", "a correction is a non-zero amount with at most 2 decimals");
        }
        if (!corrects.isBefore(target)) {
            throw RuleViolation.of("corrects", "a correction of " + corrects + " lands in a later period, not " + target);
        }
        jdbc.sql(PeriodLocks.SHARED).query().listOfRows();
        if (!closedPeriods.isClosed(corrects)) {
            throw RuleViolation.of("corrects", corrects + " is not closed: its close settles it, no correction is needed");
        }
        if (closedPeriods.isClosed(target)) {
            throw RuleViolation.of("period", target + " is closed; a correction lands in an open period");
        }
        if (target.isBefore(YearMonth.from(partner.contractDate()))) {
            throw RuleViolation.of("period", "the partner's contract starts " + partner.contractDate());
        }
        long id = jdbc.sql("""
                        insert into adjustment (partner_id, period, corrects, kind, customer_id, amount, reason, created_by)
                        values (:partner, :period, :corrects, :kind, :customer, :amount, :reason, :by) returning id""")
                .param("partner", partnerId).param("period", target.atDay(1)).param("corrects", corrects.atDay(1))
                .param("kind", kind.name()).param("customer", customerId).param("amount", amount)
                .param("reason", reason.strip()).param("by", caller.name()).query(Long.class).single();
        return list(caller, partnerId).stream().filter(a -> a.id() == id).findFirst().orElseThrow();
    }

    public List<Adjustment> list(Caller caller, long partnerId) {
        partners.find(caller, partnerId);
        return jdbc.sql("select * from adjustment where partner_id = :partner order by id").param("partner", partnerId)
                .query(Adjustments::adjustment).list();
    }

    private static Adjustment adjustment(ResultSet rs, int row) throws SQLException {
        return new Adjustment(rs.getLong("id"), rs.getLong("partner_id"),
                YearMonth.from(rs.getDate("period").toLocalDate()).toString(),
                YearMonth.from(rs.getDate("corrects").toLocalDate()).toString(), rs.getString("kind"),
                (Long) rs.getObject("customer_id"), rs.getBigDecimal("amount").toPlainString(), rs.getString("reason"),
                rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"));
    }
}
