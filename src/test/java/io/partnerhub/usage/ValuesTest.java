package io.partnerhub.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Field values as billing exports write them: each row a value and what it reads as (empty: the
 * value is refused). Real FOCUS exports differ in separators, zones and fractions (API.md, "Usage
 * CSV (FOCUS)"); anything else is refused rather than guessed.
 */
class ValuesTest {

    @ParameterizedTest(name = "[{0}] is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            2026-05-01T10:20:30Z              | 2026-05-01T10:20:30Z
            2026-05-01 10:20:30               | 2026-05-01T10:20:30Z
            2026-05-01T10:20:30               | 2026-05-01T10:20:30Z
            2026-05-01t10:20:30z              | 2026-05-01T10:20:30Z
            2026-05-01T10:20:30+03:00         | 2026-05-01T07:20:30Z
            2026-05-01T10:20:30+0300          | 2026-05-01T07:20:30Z
            2026-05-01T10:20:30+03            | 2026-05-01T07:20:30Z
            2026-05-01T10:20:30-05:00         | 2026-05-01T15:20:30Z
            2026-05-01 10:20:30 +03:00        | 2026-05-01T07:20:30Z
            2026-05-01 10:20:30 UTC           | 2026-05-01T10:20:30Z
            2026-05-01 10:20:30 MSK           | 2026-05-01T07:20:30Z
            2026-05-01T10:20:30.123Z          | 2026-05-01T10:20:30.123Z
            2026-05-01T10:20:30.123456Z       | 2026-05-01T10:20:30.123456Z
            2026-05-01T10:20:30.123456789Z    | 2026-05-01T10:20:30.123456789Z
            2026-05-01T10:20:30,5Z            | 2026-05-01T10:20:30.5Z
            2026-05-01 10:20:30.000+03:00     | 2026-05-01T07:20:30Z
            2026-05-01T10:20Z                 | 2026-05-01T10:20:00Z
            2026-05-01 10:20                  | 2026-05-01T10:20:00Z
            2026-05-01                        | 2026-05-01T00:00:00Z
            "  2026-05-01T10:20:30Z  "        | 2026-05-01T10:20:30Z
            2026-04-30T21:00:00Z              | 2026-04-30T21:00:00Z
            2024-02-29                        | 2024-02-29T00:00:00Z
            """)
    void readsTheInstantsRealExportsWrite(String value, Instant expected) {
        assertThat(Values.instant(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{0}] is no instant")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            yesterday
            ""
            20260501
            2026/05/01
            01.05.2026
            05/01/2026 10:20:30
            2026-5-1
            2026-13-01
            2026-02-30
            2025-02-29
            2026-05-01T25:00:00Z
            2026-05-01T10:61:00Z
            2026-05-01T10:20:60Z
            2026-05-01T10
            2026-05-01T10:2
            2026-05-01T10:20:3
            2026-05-01X10:20:30
            2026-05-01T10:20:30.Z
            2026-05-01T10:20:30.1234567890Z
            2026-05-01T10:20:30+25:00
            2026-05-01T10:20:30 GMT
            2026-05-01 10:20:30 +0000 UTC
            2026-05-01T10:20:30Z trailing
            """)
    void refusesWhatIsNoInstant(String value) {
        assertThat(Values.instant(value)).isNull();
    }

    @ParameterizedTest(name = "[{0}] is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            12           | 12
            -12.50       | -12.50
            +3           | 3
            0            | 0
            1.5E-3       | 0.0015
            1.5e3        | 1500
            -2E+2        | -200
            .5           | .5
            -.5          | -.5
            +.5          | .5
            "  7.25  "   | 7.25
            1000.1000    | 1000.1000
            """)
    void readsDecimalsAsPostgresqlWould(String value, String expected) {
        assertThat(Values.decimal(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{0}] is no decimal")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "1,5"
            abc
            ""
            -
            +
            .
            --1
            1.2.3
            1 000
            12abc
            1e
            e5
            NaN
            Infinity
            0x10
            1E-41
            """)
    void refusesWhatIsNoDecimal(String value) {
        assertThat(Values.decimal(value)).isNull();
    }

    /**
     * An exponent PostgreSQL's numeric cannot hold (at most 131 072 digits before the point) is no
     * storable number: it must be refused here, not expanded into a string of millions of zeros.
     */
    @ParameterizedTest(name = "[{0}] is refused without expanding it")
    @CsvSource({"1E200000", "1E99999999", "1E2147483647"})
    void refusesExponentsNoNumericColumnCanHold(String value) {
        AtomicReference<String> read = new AtomicReference<>();

        assertThatCode(() -> read.set(Values.decimal(value))).doesNotThrowAnyException();
        assertThat(read.get() == null ? "refused" : "expanded to " + read.get().length() + " characters")
                .isEqualTo("refused");
    }

    @ParameterizedTest(name = "[{0}] is absent")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""
            "  "
            "\t"
            NULL
            null
            Null
            nUlL
            " NULL "
            """)
    void absentValues(String value) {
        assertThat(Values.absent(value)).isTrue();
    }

    @Test
    void noFieldAtAllIsAbsent() {
        assertThat(Values.absent(null)).isTrue();
    }

    @ParameterizedTest(name = "[{0}] is a value")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            x
            0
            NULLS
            NUL
            N/A
            "-"
            """)
    void presentValues(String value) {
        assertThat(Values.absent(value)).isFalse();
    }
}
