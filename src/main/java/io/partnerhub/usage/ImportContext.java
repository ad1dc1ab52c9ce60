package io.partnerhub.usage;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Set;

/**
 * What a reader checks rows against.
 *
 * @param zone          the zone whose calendar months are billing periods (Moscow)
 * @param closedPeriods periods that take no more usage
 * @param currencies    the currencies the programs settle in
 * @param earliest      the earliest period a row may belong to
 * @param latest        the latest period a row may belong to (next month)
 */
record ImportContext(ZoneId zone, Set<YearMonth> closedPeriods, Set<String> currencies, YearMonth earliest,
                     YearMonth latest, Periods periods) {

    ImportContext(ZoneId zone, Set<YearMonth> closedPeriods, Set<String> currencies, YearMonth earliest,
                  YearMonth latest) {
        this(zone, closedPeriods, currencies, earliest, latest, new Periods(zone, earliest, latest));
    }

    /** The billing month of an instant in the programs' zone. */
    YearMonth periodOf(java.time.Instant instant) {
        return periods.of(instant);
    }
}
