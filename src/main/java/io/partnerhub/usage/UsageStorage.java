package io.partnerhub.usage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Maintenance of the imported rows' storage, for the benchmarks that time reads right after a bulk import. */
public final class UsageStorage {

    private UsageStorage() {
    }

    /**
     * Vacuums and analyzes every month's partition of the rows and of their rollup, then checkpoints, so a timed read
     * finds fresh statistics and no dirty pages to write. Outside a transaction (autocommit on).
     */
    public static void settle(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("vacuum analyze usage_row");
            statement.execute("vacuum analyze usage_rollup");
            statement.execute("checkpoint");
        }
    }
}
