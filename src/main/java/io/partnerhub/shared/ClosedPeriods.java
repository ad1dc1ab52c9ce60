package io.partnerhub.shared;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Keeps facts out of closed periods: a contract, link or registration dated inside a closed month
 * would leave its issued statements wrong, so it is refused with the way to correct that month.
 * Takes the period lock shared, so a close cannot slip in between the check and the write.
 */
@Component
public class ClosedPeriods {

    private final JdbcClient jdbc;

    ClosedPeriods(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the month is closed. Callers that write depending on it hold {@link PeriodLocks#SHARED} first. */
    public boolean isClosed(YearMonth month) {
        return jdbc.sql("select count(*) from accounting_period where period = :p and status = 'CLOSED'")
                .param("p", month.atDay(1)).query(Integer.class).single() > 0;
    }

    public void refuseDayIn(String field, LocalDate day) {
        jdbc.sql(PeriodLocks.SHARED).query().listOfRows();
        YearMonth month = YearMonth.from(day);
        if (isClosed(month)) {
            throw RuleViolation.of(field, "period " + month + " is closed and its statements are issued: " + day
                    + " would change them. Use a day in an open period; correct the closed one with an adjustment.")
                    .worded(Phrase.of("refused.closedDay", month, day));
        }
    }
}
