package io.partnerhub.usage;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;

/**
 * What a reader checks rows against.
 *
 * @param zone          the zone whose calendar months are billing periods (Moscow)
 * @param closedPeriods periods that take no more usage
 * @param currencies    the currencies the programs settle in
 * @param earliest      the earliest period a row may belong to
 * @param latest        the latest period a row may belong to (next month)
 * @param restate       the file restates whole days: a row of a closed period lands in the next open one
 */
record ImportContext(ZoneId zone, Set<YearMonth> closedPeriods, Set<String> currencies, YearMonth earliest,
                     YearMonth latest, Periods periods, boolean restate) {

    ImportContext(ZoneId zone, Set<YearMonth> closedPeriods, Set<String> currencies, YearMonth earliest,
                  YearMonth latest) {
        this(zone, closedPeriods, currencies, earliest, latest, false);
    }

    ImportContext(ZoneId zone, Set<YearMonth> closedPeriods, Set<String> currencies, YearMonth earliest,
                  YearMonth latest, boolean restate) {
        this(zone, closedPeriods, currencies, earliest, latest, new Periods(zone, earliest, latest), restate);
    }

    /** The first period after a closed one that still takes usage, if any up to the latest. */
    Optional<YearMonth> openPeriodAfter(YearMonth closed) {
        for (YearMonth month = closed.plusMonths(1); !month.isAfter(latest); month = month.plusMonths(1)) {
            if (!closedPeriods.contains(month)) {
                return Optional.of(month);
            }
        }
        return Optional.empty();
    }

    /** The billing month of an instant in the programs' zone. */
    YearMonth periodOf(java.time.Instant instant) {
        return periods.of(instant);
    }
}
