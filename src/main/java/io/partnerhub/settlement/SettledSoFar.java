package io.partnerhub.settlement;

import java.time.YearMonth;

/**
 * The progress of a run as the asking instance tells it: partners settled by any instance, counted
 * up one by one and never down, whichever instance's part ends first.
 */
final class SettledSoFar implements CloseProgress {
    private final CloseProgress inner;
    private int reported;

    SettledSoFar(CloseProgress inner) {
        this.inner = inner;
    }

    @Override
    public void settling(YearMonth month, int partners) {
        reported = 0;
        inner.settling(month, partners);
    }

    @Override
    public void settled(YearMonth month, int settled) {
        while (reported < settled) {
            inner.settled(month, ++reported);
        }
    }

    @Override
    public void storing(YearMonth month) {
        inner.storing(month);
    }
}
