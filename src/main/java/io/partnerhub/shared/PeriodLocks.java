package io.partnerhub.shared;

/**
 * The PostgreSQL advisory lock that keeps usage imports and period closes apart: an import holds
 * it shared for its transaction, a close holds it exclusively, so no row lands in a period while
 * it is being closed. Taking it shared also counts a change of the facts a close reads
 * ({@link #FACTS_CHANGED}), which a close shared by instances compares from its start to its finish.
 */
public final class PeriodLocks {

    /** An arbitrary, fixed key: "periods" in ASCII. */
    public static final long KEY = 0x706572696f6473L;

    /** The lock first, then the count (V36): a close that reads the count holding the lock sees every writer before it. */
    public static final String SHARED = "select nextval('period_fact_change') from (select pg_advisory_xact_lock_shared("
            + KEY + ")) locked";
    /** How many times writers took the lock shared: unchanged between two reads, no fact changed in between. */
    public static final String FACTS_CHANGED = "select last_value from period_fact_change";
    /**
     * The lock shared without counting a change: for a writer that keeps the months open while it
     * adds what is no fact of a close (an invoice for the month so far).
     */
    public static final String SHARED_UNCOUNTED = "select pg_advisory_xact_lock_shared(" + KEY + ")";
    public static final String EXCLUSIVE = "select pg_advisory_xact_lock(" + KEY + ")";

    private PeriodLocks() {
    }
}
