package io.partnerhub.incentive;

import io.partnerhub.customer.Customers;
import io.partnerhub.partner.Partner;
import io.partnerhub.partner.Partners;
import io.partnerhub.program.IncentiveRule;
import io.partnerhub.program.IncentiveRule.BonusKind;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.ClosedPeriods;
import io.partnerhub.shared.PeriodLocks;
import io.partnerhub.shared.Today;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * One-off bonuses the operator grants (Oblakoteka, seed 002 footnotes 6, 10, 11): a published case
 * study, a published Telegram comment (an amount in the program's range), and the sales-manager
 * bonus (the program's share of one month of a customer's cost after the partner discount, once per
 * customer). Each is a BONUS_PAYMENT line of an open period's statement, counted in the reward.
 */
@Service
public class Bonuses {

    private final JdbcClient jdbc;
    private final Partners partners;
    private final Customers customers;
    private final IncentiveTerms terms;
    private final IncentiveEvents events;
    private final ClosedPeriods closedPeriods;
    private final Today today;

    Bonuses(JdbcClient jdbc, Partners partners, Customers customers, IncentiveTerms terms, IncentiveEvents events,
            ClosedPeriods closedPeriods, Today today) {
        this.jdbc = jdbc;
        this.partners = partners;
        this.customers = customers;
        this.terms = terms;
        this.events = events;
        this.closedPeriods = closedPeriods;
        this.today = today;
    }

    /**
     * A bonus granted for the statement of {@code period}; {@code amount} null for a sales-manager
     * bonus, which that statement computes.
     */
    public record Bonus(long id, long partnerId, BonusKind kind, String period, LocalDate publishedOn, String amount,
                        Long customerId, String reference) {
    }

    /** What the operator grants: {@code amount} for a Telegram comment, {@code customerId} and {@code month} for a sales manager. */
    public record Grant(BonusKind kind, LocalDate publishedOn, BigDecimal amount, Long customerId, YearMonth month,
                        String reference) {
    }

    @Transactional
    public Bonus grant(Caller caller, long partnerId, Grant g) {
        caller.requireOperator("grant bonuses");
        Partner partner = partners.find(caller, partnerId);
        partner.refuseNewClaimsIfGone("bonuses");
        LocalDate day = today.date();
        IncentiveRule.OneOffBonus rule = terms.requireBonus(partner, g.kind(), day);
        LocalDate published = g.publishedOn() == null ? day : g.publishedOn();
        if (published.isAfter(day)) {
            throw terms.refusal("publishedOn", "bonus.publishedBy", day);
        }
        BigDecimal amount = amount(partner, rule, g);
        YearMonth period = g.kind() == BonusKind.SALES_MANAGER ? month(g) : YearMonth.from(published);
        jdbc.sql(PeriodLocks.SHARED).query().listOfRows();
        if (closedPeriods.isClosed(period)) {
            throw terms.refusal(g.kind() == BonusKind.SALES_MANAGER ? "month" : "publishedOn", "incentive.periodClosed", period);
        }
        if (g.kind() == BonusKind.SALES_MANAGER) {
            salesManagerOnce(caller, partnerId, g.customerId(), period);
        }
        long id = jdbc.sql("""
                        insert into incentive_bonus (partner_id, kind, period, published_on, amount, customer_id, reference,
                                                     granted_by)
                        values (:partner, :kind, :period, :published, :amount, :customer, :reference, :by) returning id""")
                .param("partner", partnerId).param("kind", g.kind().name()).param("period", period.atDay(1))
                .param("published", published).param("amount", amount)
                .param("customer", g.kind() == BonusKind.SALES_MANAGER ? g.customerId() : null)
                .param("reference", g.reference().strip()).param("by", caller.name()).query(Long.class).single();
        events.record(caller.name(), partnerId, IncentiveEvents.Type.BONUS_GRANTED, "bonus/" + id,
                g.kind() + " bonus '" + g.reference().strip() + "' for " + period
                        + (amount == null ? " (" + rule.percentOfMonthAfterDiscount().stripTrailingZeros().toPlainString()
                        + " % of customer " + g.customerId() + "'s month after discount, computed at the close)"
                        : ": " + IncentiveTerms.money(amount)),
                IncentiveEvents.data("kind", g.kind(), "period", period, "amount", IncentiveTerms.money(amount),
                        "customerId", g.customerId(), "reference", g.reference().strip()));
        return find(id);
    }

    /** The amount a bonus of a fixed or ranged kind pays; null for the sales-manager bonus (the close computes it). */
    private BigDecimal amount(Partner partner, IncentiveRule.OneOffBonus rule, Grant g) {
        return switch (g.kind()) {
            case CASE_STUDY -> {
                if (g.amount() != null && g.amount().compareTo(rule.amount()) != 0) {
                    throw terms.refusal("amount", "bonus.caseStudyAmount", terms.amount(partner, rule.amount()),
                            terms.amount(partner, g.amount()));
                }
                yield rule.amount();
            }
            case TELEGRAM_COMMENT -> {
                if (g.amount() == null || g.amount().compareTo(rule.minAmount()) < 0
                        || g.amount().compareTo(rule.maxAmount()) > 0) {
                    throw terms.refusal("amount", "bonus.telegramRange", terms.amount(partner, rule.minAmount()),
                            terms.amount(partner, rule.maxAmount()),
                            g.amount() == null ? "—" : terms.amount(partner, g.amount()));
                }
                yield g.amount();
            }
            case SALES_MANAGER -> {
                if (g.amount() != null) {
                    throw terms.refusal("amount", "bonus.salesManagerComputed",
                            rule.percentOfMonthAfterDiscount().stripTrailingZeros().toPlainString());
                }
                yield null;
            }
        };
    }

    private YearMonth month(Grant g) {
        if (g.customerId() == null || g.month() == null) {
            throw terms.refusal(g.customerId() == null ? "customerId" : "month", "bonus.salesManagerNeeds");
        }
        return g.month();
    }

    /** Once per customer, whichever partner earned it; for a customer linked to the partner in that month. */
    private void salesManagerOnce(Caller caller, long partnerId, long customerId, YearMonth month) {
        customers.find(caller, customerId);
        boolean linked = customers.linksOfPartner(caller, partnerId).stream()
                .anyMatch(link -> link.customerId() == customerId && link.from().isBefore(month.plusMonths(1).atDay(1))
                        && (link.to() == null || link.to().isAfter(month.atDay(1))));
        if (!linked) {
            throw terms.refusal("customerId", "freeMonth.notLinked", customerId, partnerId, month);
        }
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('sales_manager_bonus:' || :customer, 0))")
                .param("customer", customerId).query().listOfRows();
        jdbc.sql("select * from incentive_bonus where kind = 'SALES_MANAGER' and customer_id = :customer")
                .param("customer", customerId).query(Bonuses::bonus).optional().ifPresent(earlier -> {
                    throw terms.refusal("customerId", "bonus.salesManagerOnce", customerId, earlier.id(), earlier.period(),
                            earlier.partnerId());
                });
    }

    /** The partner's bonuses, latest period first. */
    public List<Bonus> of(Caller caller, long partnerId) {
        partners.find(caller, partnerId);
        return jdbc.sql("select * from incentive_bonus where partner_id = :partner order by period desc, id desc")
                .param("partner", partnerId).query(Bonuses::bonus).list();
    }

    private Bonus find(long id) {
        return jdbc.sql("select * from incentive_bonus where id = :id").param("id", id).query(Bonuses::bonus).single();
    }

    private static Bonus bonus(ResultSet rs, int row) throws SQLException {
        return new Bonus(rs.getLong("id"), rs.getLong("partner_id"), BonusKind.valueOf(rs.getString("kind")),
                YearMonth.from(rs.getObject("period", LocalDate.class)).toString(),
                rs.getObject("published_on", LocalDate.class), IncentiveTerms.money(rs.getBigDecimal("amount")),
                (Long) rs.getObject("customer_id"), rs.getString("reference"));
    }
}
