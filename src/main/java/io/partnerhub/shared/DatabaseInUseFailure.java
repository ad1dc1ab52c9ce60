package io.partnerhub.shared;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A short start-up report when the embedded database already has an owner. */
class DatabaseInUseFailure extends AbstractFailureAnalyzer<EmbeddedDatabase.EmbeddedDatabaseInUse> {

    @Override
    protected FailureAnalysis analyze(Throwable root, EmbeddedDatabase.EmbeddedDatabaseInUse cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Stop the other process first, or give this one its own PARTNERHUB_DATA_DIR"
                        + " (or an external database with PARTNERHUB_DB_URL).", cause);
    }
}
