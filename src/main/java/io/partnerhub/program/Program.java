package io.partnerhub.program;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * A provider's partner program: its identity and its versions, oldest first.
 *
 * @param timeZone the zone whose calendar days and months the program counts in
 * @param calendar business days, for deadlines counted in them
 */
public record Program(String id, String name, String currency, ZoneId timeZone, Calendar calendar,
                      List<ProgramVersion> versions) {

    public Program {
        versions = versions == null ? List.of() : List.copyOf(versions);
    }

    /** The version in force on {@code day}, if the program existed then. */
    public Optional<ProgramVersion> versionOn(LocalDate day) {
        ProgramVersion inForce = null;
        for (ProgramVersion version : versions) {
            if (!version.effectiveFrom().isAfter(day)) {
                inForce = version;
            }
        }
        return Optional.ofNullable(inForce);
    }

    /** The version a period is settled with: the one in force on its first day. */
    public Optional<ProgramVersion> versionFor(YearMonth period) {
        return versionOn(period.atDay(1));
    }
}
