package io.partnerhub.shared;

/**
 * The PostgreSQL advisory lock that keeps usage imports and period closes apart: an import holds
 * it shared for its transaction, a close holds it exclusively, so no row lands in a period while
 * it is being closed.
 */
public final class PeriodLocks {

    /** An arbitrary, fixed key: "periods" in ASCII. */
    public static final long KEY = 0x706572696f6473L;

    public static final String SHARED = "select pg_advisory_xact_lock_shared(" + KEY + ")";
    public static final String EXCLUSIVE = "select pg_advisory_xact_lock(" + KEY + ")";

    private PeriodLocks() {
    }
}
