package io.partnerhub.shared;

/** Published once an import of usage rows has committed: features may summarize what it added. */
public record UsageImported(long importId) {
}
