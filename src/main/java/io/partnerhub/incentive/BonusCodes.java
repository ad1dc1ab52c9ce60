package io.partnerhub.incentive;

import io.partnerhub.customer.Customers;
import io.partnerhub.partner.Partner;
import io.partnerhub.partner.Partners;
import io.partnerhub.program.IncentiveRule;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.Today;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/**
 * Bonus top-up codes (Oblakoteka, seed 002 footnote 12): a partner asks for codes to hand to
 * prospects, at most the program's number and amount of codes a calendar quarter (of the day it
 * asks); a customer redeems one code, ever. Requests for one partner take turns (an advisory lock),
 * so two racing for the last code cannot both get it.
 */
@Service
public class BonusCodes {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Partners partners;
    private final Customers customers;
    private final IncentiveTerms terms;
    private final IncentiveEvents events;
    private final Today today;

    BonusCodes(JdbcClient jdbc, Partners partners, Customers customers, IncentiveTerms terms, IncentiveEvents events,
               Today today) {
        this.jdbc = jdbc;
        this.partners = partners;
        this.customers = customers;
        this.terms = terms;
        this.events = events;
        this.today = today;
    }

    /** A code and what became of it; {@code customerId} and {@code redeemedOn} null while unused. */
    public record BonusCode(String code, long partnerId, String amount, String quarter, LocalDate issuedOn,
                            Long customerId, LocalDate redeemedOn) {

        public boolean redeemed() {
            return customerId != null;
        }
    }

    /** What a partner has used of the quarter's quota and what is left. */
    public record Quota(String quarter, int codesPerQuarter, String amountPerQuarter, int codesIssued,
                        String amountIssued, int codesLeft, String amountLeft) {
    }

    @Transactional
    public BonusCode issue(Caller caller, long partnerId, BigDecimal amount) {
        Partner partner = partners.find(caller, partnerId);
        partner.refuseNewClaimsIfGone("bonus codes");
        LocalDate day = today.date();
        IncentiveRule.BonusCodes rule = terms.require(partner, IncentiveRule.BonusCodes.class, day);
        if (amount.signum() <= 0) {
            throw terms.refusal("amount", "bonusCode.amountPositive", terms.amount(partner, amount));
        }
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('bonus_code:' || :partner, 0))")
                .param("partner", partnerId).query().listOfRows();
        LocalDate quarter = Quarter.of(day).firstDay();
        Quota quota = quota(partnerId, rule, quarter);
        if (quota.codesLeft() < 1) {
            throw terms.refusal("amount", "bonusCode.noCodeLeft", quota.codesPerQuarter(), quota.quarter(),
                    quota.codesIssued(), terms.amount(partner, quota.amountLeft()));
        }
        BigDecimal left = new BigDecimal(quota.amountLeft());
        if (amount.compareTo(left) > 0) {
            throw terms.refusal("amount", "bonusCode.amountOverQuota", terms.amount(partner, amount),
                    terms.amount(partner, quota.amountPerQuarter()), quota.quarter(),
                    terms.amount(partner, quota.amountIssued()), terms.amount(partner, quota.amountLeft()),
                    quota.codesLeft());
        }
        String code = newCode();
        jdbc.sql("""
                        insert into bonus_code (code, partner_id, amount, quarter, issued_on, issued_by)
                        values (:code, :partner, :amount, :quarter, :day, :by)""")
                .param("code", code).param("partner", partnerId).param("amount", amount).param("quarter", quarter)
                .param("day", day).param("by", caller.name()).update();
        events.record(caller.name(), partnerId, IncentiveEvents.Type.BONUS_CODE_ISSUED, "bonus-code/" + code,
                "Bonus code " + code + " of " + IncentiveTerms.money(amount) + " issued in " + quota.quarter() + "; left: "
                        + (quota.codesLeft() - 1) + " codes, " + IncentiveTerms.money(left.subtract(amount)),
                IncentiveEvents.data("code", code, "amount", IncentiveTerms.money(amount), "quarter", quota.quarter(),
                        "codesLeft", quota.codesLeft() - 1, "amountLeft", IncentiveTerms.money(left.subtract(amount))));
        return find(code);
    }

    /** A customer redeems a code on {@code on} (default today): one code per customer, ever; a code once. */
    @Transactional
    public BonusCode redeem(Caller caller, String code, long customerId, LocalDate on) {
        caller.requireOperator("record bonus code redemptions");
        BonusCode bonusCode = jdbc.sql("select * from bonus_code where code = :code for update").param("code", code)
                .query(BonusCodes::code).optional().orElseThrow(() -> new NotFound("bonus code", code));
        customers.find(caller, customerId);
        LocalDate day = on == null ? today.date() : on;
        if (day.isAfter(today.date()) || day.isBefore(bonusCode.issuedOn())) {
            throw terms.refusal("on", "bonusCode.redeemedBetween", bonusCode.issuedOn(), today.date());
        }
        if (bonusCode.redeemed()) {
            throw terms.refusal("code", "bonusCode.alreadyRedeemed", code, bonusCode.customerId(), bonusCode.redeemedOn());
        }
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('bonus_code_customer:' || :customer, 0))")
                .param("customer", customerId).query().listOfRows();
        jdbc.sql("select * from bonus_code where customer_id = :customer").param("customer", customerId)
                .query(BonusCodes::code).optional().ifPresent(earlier -> {
                    throw terms.refusal("customerId", "bonusCode.customerRedeemedBefore", customerId, earlier.code(),
                            earlier.redeemedOn());
                });
        jdbc.sql("update bonus_code set customer_id = :customer, redeemed_on = :day, redeemed_by = :by where code = :code")
                .param("customer", customerId).param("day", day).param("by", caller.name()).param("code", code).update();
        events.record(caller.name(), bonusCode.partnerId(), IncentiveEvents.Type.BONUS_CODE_REDEEMED, "bonus-code/" + code,
                "Bonus code " + code + " of " + bonusCode.amount() + " redeemed by customer " + customerId + " on " + day,
                IncentiveEvents.data("code", code, "customerId", customerId, "redeemedOn", day));
        return find(code);
    }

    /** The partner's codes, newest first. */
    public List<BonusCode> of(Caller caller, long partnerId) {
        partners.find(caller, partnerId);
        return jdbc.sql("select * from bonus_code where partner_id = :partner order by issued_on desc, code")
                .param("partner", partnerId).query(BonusCodes::code).list();
    }

    /** The partner's quota this quarter, where its program gives codes to it today. */
    public java.util.Optional<Quota> quotaToday(Partner partner) {
        LocalDate day = today.date();
        return terms.program(partner).versionOn(day).flatMap(t -> t.incentive(IncentiveRule.BonusCodes.class))
                .map(rule -> quota(partner.id(), rule, Quarter.of(day).firstDay()));
    }

    private Quota quota(long partnerId, IncentiveRule.BonusCodes rule, LocalDate quarter) {
        record Issued(int count, BigDecimal amount) {
        }
        Issued issued = jdbc.sql("""
                        select count(*) as count, coalesce(sum(amount), 0) as amount from bonus_code
                         where partner_id = :partner and quarter = :quarter""")
                .param("partner", partnerId).param("quarter", quarter)
                .query((rs, i) -> new Issued(rs.getInt("count"), rs.getBigDecimal("amount"))).single();
        BigDecimal left = rule.amountPerQuarter().subtract(issued.amount()).max(BigDecimal.ZERO);
        return new Quota(Quarter.of(quarter).toString(), rule.codesPerQuarter(),
                IncentiveTerms.money(rule.amountPerQuarter()), issued.count(), IncentiveTerms.money(issued.amount()),
                Math.max(0, rule.codesPerQuarter() - issued.count()), IncentiveTerms.money(left));
    }

    /** One row of the operator's report: a partner's codes of a quarter. */
    public record QuarterReport(long partnerId, String partnerName, String quarter, int issued, String issuedAmount,
                                int redeemed, String redeemedAmount, int unused, String unusedAmount) {
    }

    /** Codes issued, redeemed and unused, by partner and quarter, latest quarter first (operator). */
    public List<QuarterReport> report(Caller caller, String quarter) {
        caller.requireOperator("read the bonus code report");
        LocalDate from = quarter == null ? null : Quarter.parse("quarter", quarter).firstDay();
        return jdbc.sql("""
                        select b.partner_id, p.name, b.quarter, count(*) as issued, sum(b.amount) as issued_amount,
                               count(b.customer_id) as redeemed,
                               coalesce(sum(b.amount) filter (where b.customer_id is not null), 0) as redeemed_amount
                          from bonus_code b join partner_name_view p on p.partner_id = b.partner_id
                         where cast(:quarter as date) is null or b.quarter = :quarter
                         group by b.partner_id, p.name, b.quarter
                         order by b.quarter desc, p.name, b.partner_id""")
                .param("quarter", from)
                .query((rs, i) -> {
                    BigDecimal issued = rs.getBigDecimal("issued_amount");
                    BigDecimal redeemed = rs.getBigDecimal("redeemed_amount");
                    return new QuarterReport(rs.getLong("partner_id"), rs.getString("name"),
                            Quarter.of(rs.getObject("quarter", LocalDate.class)).toString(), rs.getInt("issued"),
                            IncentiveTerms.money(issued), rs.getInt("redeemed"), IncentiveTerms.money(redeemed),
                            rs.getInt("issued") - rs.getInt("redeemed"), IncentiveTerms.money(issued.subtract(redeemed)));
                }).list();
    }

    private BonusCode find(String code) {
        return jdbc.sql("select * from bonus_code where code = :code").param("code", code).query(BonusCodes::code).single();
    }

    private static BonusCode code(ResultSet rs, int row) throws SQLException {
        return new BonusCode(rs.getString("code"), rs.getLong("partner_id"), IncentiveTerms.money(rs.getBigDecimal("amount")),
                Quarter.of(rs.getObject("quarter", LocalDate.class)).toString(), rs.getObject("issued_on", LocalDate.class),
                (Long) rs.getObject("customer_id"), rs.getObject("redeemed_on", LocalDate.class));
    }

    /** A code a person can read out ("BC-XXXXX-XXXXX"), without look-alike letters. */
    private static String newCode() {
        StringBuilder code = new StringBuilder("BC-");
        for (int i = 0; i < 10; i++) {
            if (i == 5) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }
}
