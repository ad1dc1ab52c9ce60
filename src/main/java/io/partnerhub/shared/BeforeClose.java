package io.partnerhub.shared;

import java.time.YearMonth;

/**
 * Work a feature does inside a month's close, in its transaction and under its exclusive period
 * lock, before the partners are settled: what the month's statements must already reflect (deals
 * whose protection ended by the month's last day, for instance). Must be idempotent.
 */
public interface BeforeClose {

    void beforeClose(YearMonth month);
}
