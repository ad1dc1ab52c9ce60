package io.partnerhub.settlement.rules;

import io.partnerhub.program.PartnerModel;
import io.partnerhub.shared.Money;
import io.partnerhub.shared.Reason;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A partner's settled period as the rules computed it: lines, their totals, and what the close
 * must carry out besides storing it (a tier change, rebate accruals, Bonus returned to the balance,
 * and on a partner's final statement the rebate balance paid out).
 *
 * @param measures            exact figures later periods build on (see {@link Measures})
 * @param qualificationWindow the first month of an open qualification window after this period
 * @param customerConsumption for a partner that invoices its customers through the platform: per customer
 *                            and service, the list cost of the consumption the customer pays itself (paid
 *                            with money; what a trial or free month paid left out), late rows included;
 *                            empty otherwise
 */
public record Statement(long partnerId, YearMonth period, String programId, LocalDate programVersion,
                        PartnerModel model, String tier, String currency, List<StatementLine> lines, Totals totals,
                        Map<String, BigDecimal> measures, YearMonth qualificationWindow,
                        Optional<StandingChange> standingChange, List<Accrual> accruals,
                        List<BonusReturn> bonusReturns, Optional<FinalPayout> finalPayout,
                        Map<Long, Map<String, Money>> customerConsumption) {

    public Statement {
        customerConsumption = customerConsumption == null ? Map.of() : Map.copyOf(customerConsumption);
        lines = List.copyOf(lines);
        measures = Map.copyOf(measures);
        accruals = List.copyOf(accruals);
        bonusReturns = List.copyOf(bonusReturns);
    }

    /** A model or tier change the period's close decided, effective from a later day, and why. */
    public record StandingChange(LocalDate effectiveFrom, PartnerModel model, String tier, Reason reason) {
    }

    /**
     * A rebate line whose amount goes to the rebate balance; {@code lineNo} counts from 1 and
     * {@code reference} is the ledger entry's reason ({@code ledger.accrual}), which quotes the line's.
     */
    public record Accrual(int lineNo, Money amount, Reason reference) {
    }

    /** Bonus withdrawn for this period beyond its payable, returned to the balance. */
    public record BonusReturn(long withdrawalEntryId, Money amount) {
    }

    /**
     * The partner's final statement pays the rebate balance out to its bank account: {@code amount}
     * (zero when nothing is left), shown on line {@code lineNo} (0 when zero).
     */
    public record FinalPayout(int lineNo, Money amount, Reason reference) {
    }
}
