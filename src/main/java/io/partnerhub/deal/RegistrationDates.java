package io.partnerhub.deal;

import java.time.LocalDate;

import org.springframework.stereotype.Component;

import io.partnerhub.shared.Caller;
import io.partnerhub.shared.ClosedPeriods;
import io.partnerhub.shared.Today;

/**
 * The date a deal or project registration carries. The rules judge a registration as of the day it
 * is made, so a partner cannot date one earlier to slip past them (a customer that consumed since,
 * a link made since); only the operator may backdate, to record what was agreed before, and never
 * into a closed period, whose statements are issued (docs/deals.md, "Registration dates").
 */
@Component
class RegistrationDates {

    private final Today today;
    private final ClosedPeriods closedPeriods;

    RegistrationDates(Today today, ClosedPeriods closedPeriods) {
        this.today = today;
        this.closedPeriods = closedPeriods;
    }

    /** The registration's date: {@code requested}, or today when none is given; refused if backdated wrongly. */
    LocalDate of(Caller caller, LocalDate requested) {
        LocalDate now = today.date();
        if (requested == null) {
            return now;
        }
        if (requested.isBefore(now)) {
            if (!caller.isOperator()) {
                throw new DealRefusal("registeredOn", DealWords.of("deals.refusal.REGISTERED_BEFORE_TODAY", now,
                        requested));
            }
            closedPeriods.refuseDayIn("registeredOn", requested);
        }
        return requested;
    }

    LocalDate today() {
        return today.date();
    }
}
