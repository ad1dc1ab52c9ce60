package io.partnerhub.shared;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Values inside sentences: English as the API always wrote them, Russian with a decimal comma and no-break spaces. */
class LocalizedValuesTest {

    private static final Locale RU = Locale.forLanguageTag("ru");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "86935.17 | 86 935.17 | 86_935,17", "0.00 | 0.00 | 0,00", "-1234567.80 | -1 234 567.80 | -1_234_567,80",
            "999.99 | 999.99 | 999,99"})
    void amounts(String amount, String english, String russian) {
        assertThat(LocalizedValues.amount(new BigDecimal(amount), Locale.ENGLISH)).isEqualTo(english);
        assertThat(LocalizedValues.amount(new BigDecimal(amount), RU)).isEqualTo(russian.replace('_', '\u00A0'));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"27 | 27 % | 27_%", "2.50 | 2.5 % | 2,5_%", "100 | 100 % | 100_%"})
    void rates(String rate, String english, String russian) {
        assertThat(LocalizedValues.percent(new BigDecimal(rate), Locale.ENGLISH)).isEqualTo(english);
        assertThat(LocalizedValues.percent(new BigDecimal(rate), RU)).isEqualTo(russian.replace('_', '\u00A0'));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"2026-03-01 | 01.03.2026", "2026-12-31 | 31.12.2026"})
    void days(LocalDate day, String russian) {
        assertThat(LocalizedValues.date(day, Locale.ENGLISH)).isEqualTo(day.toString());
        assertThat(LocalizedValues.date(day, RU)).isEqualTo(russian);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"2026-03 | 03.2026 | 2026-Q1 | 1_кв._2026", "2026-12 | 12.2026 | 2026-Q4 | 4_кв._2026"})
    void monthsAndQuarters(String month, String russian, String englishQuarter, String russianQuarter) {
        YearMonth m = YearMonth.parse(month);
        assertThat(LocalizedValues.month(m, Locale.ENGLISH)).isEqualTo(month);
        assertThat(LocalizedValues.month(m, RU)).isEqualTo(russian);
        assertThat(LocalizedValues.quarter(m, Locale.ENGLISH)).isEqualTo(englishQuarter);
        assertThat(LocalizedValues.quarter(m, RU)).isEqualTo(russianQuarter.replace('_', '\u00A0'));
    }
}
