package io.partnerhub.settlement;

import java.time.YearMonth;

/**
 * How far a close has got, told by the thread that runs it. A month goes through settling (with
 * the number of partners it has and how many are settled) and storing; then the next month starts.
 */
public interface CloseProgress {

    /** Nobody watches: the API's close, which answers when it is done. */
    CloseProgress UNWATCHED = new CloseProgress() {
    };

    /** {@code month} starts settling its {@code partners} partners. */
    default void settling(YearMonth month, int partners) {
    }

    /** {@code settled} of the month's partners are settled. */
    default void settled(YearMonth month, int settled) {
    }

    /** Every partner of {@code month} is settled; the statements' consequences are stored and the month sealed. */
    default void storing(YearMonth month) {
    }
}
