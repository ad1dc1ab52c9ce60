package io.partnerhub.program;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a broken program definition into a short start-up failure report instead of a stack trace. */
class InvalidProgramFailure extends AbstractFailureAnalyzer<InvalidProgramDefinition> {

    @Override
    protected FailureAnalysis analyze(Throwable root, InvalidProgramDefinition cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Fix " + cause.file() + " at the path shown (PARTNERHUB_PROGRAMS_DIR overrides the shipped files).",
                cause);
    }
}
