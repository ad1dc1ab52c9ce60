package io.partnerhub.usage;

import java.time.YearMonth;
import java.util.List;
import java.util.SortedSet;

/** How an import ended: stored, recognized as a file stored before, or refused with its bad lines. */
public sealed interface ImportResult {

    /** Stored in full; restating, {@code rowsSuperseded} earlier rows stopped counting. */
    record Accepted(long importId, long rowsAccepted, SortedSet<YearMonth> periods, long unattributedRows,
                    int unattributedAccounts, String checksum, ImportMode mode, long rowsSuperseded)
            implements ImportResult {
    }

    /** The same content was imported before as {@code importId}; nothing was added. */
    record Duplicate(long importId, String checksum) implements ImportResult {
    }

    /** Nothing stored: {@code rowsRejected} rows are bad; the first problems are listed. */
    record Rejected(long rowsRead, long rowsRejected, List<ImportProblems.Problem> problems, long problemCount)
            implements ImportResult {
    }
}
