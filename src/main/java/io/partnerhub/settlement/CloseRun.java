package io.partnerhub.settlement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;

/** The rows of a shared close (V36): a run of a month and its parts. */
final class CloseRun {

    private CloseRun() {
    }

    /** A run: RUNNING, then SEALED, DISCARDED (facts changed while it ran) or FAILED. */
    record Run(long id, YearMonth period, String status, int partners, int parts, long factsSeen, String actor,
               String failure) {

        static Run of(ResultSet rs, int row) throws SQLException {
            return new Run(rs.getLong("id"), YearMonth.from(rs.getDate("period").toLocalDate()), rs.getString("status"),
                    rs.getInt("partners"), rs.getInt("parts"), rs.getLong("facts_seen"), rs.getString("started_by"),
                    rs.getString("failure"));
        }
    }

    /** A part: the partners {@code first..last} by id. */
    record Part(long run, int part, long first, long last, int partners) {

        static Part of(ResultSet rs, int row) throws SQLException {
            return new Part(rs.getLong("run_id"), rs.getInt("part"), rs.getLong("first_partner_id"),
                    rs.getLong("last_partner_id"), rs.getInt("partners"));
        }
    }
}
