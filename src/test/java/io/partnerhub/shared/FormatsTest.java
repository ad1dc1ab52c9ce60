package io.partnerhub.shared;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class FormatsTest {

    private static final Formats RU = Formats.of(Locale.forLanguageTag("ru"));
    private static final Formats EN = Formats.of(Locale.ENGLISH);

    @Test
    void moneyGroupsWithANoBreakSpaceAndADecimalCommaInRussian() {
        assertThat(RU.money("86935.17", "RUB")).isEqualTo("86\u00A0935,17\u00A0₽");
        assertThat(EN.money("86935.17", "RUB")).isEqualTo("86,935.17 RUB".replace(' ', '\u00A0'));
        assertThat(RU.money(new BigDecimal("-1234567.8"), "RUB")).isEqualTo("-1\u00A0234\u00A0567,80\u00A0₽");
        assertThat(RU.money("0", "USD")).isEqualTo("0,00\u00A0USD");
        assertThat(RU.money("12.3456", "RUB")).isEqualTo("12,3456\u00A0₽");
        assertThat(RU.amount("1000")).isEqualTo("1\u00A0000,00");
        assertThat(EN.amount(null)).isEqualTo("—");
    }

    @Test
    void percentagesDatesAndMonths() {
        assertThat(RU.percent("27.00")).isEqualTo("27\u00A0%");
        assertThat(RU.percent("29.4")).isEqualTo("29,4\u00A0%");
        assertThat(EN.percent("29.4")).isEqualTo("29.4%");
        assertThat(EN.percent("0.0")).isEqualTo("0%");
        assertThat(RU.date(LocalDate.of(2026, 12, 4))).isEqualTo("04.12.2026");
        assertThat(EN.date("2026-12-04")).isEqualTo("Dec 4, 2026");
        assertThat(RU.dateTime(Instant.parse("2026-12-04T07:05:00Z"))).isEqualTo("04.12.2026 10:05");
        assertThat(EN.dateTime(Instant.parse("2026-12-04T07:05:00Z"))).isEqualTo("Dec 4, 2026, 10:05");
        assertThat(RU.month(YearMonth.of(2026, 10))).isEqualTo("октябрь 2026");
        assertThat(RU.month("2026-03")).isEqualTo("март 2026");
        assertThat(EN.month("2026-10")).isEqualTo("October 2026");
    }

    @Test
    void csvNumbersReadAsTheLanguagesSpreadsheetExpects() {
        assertThat(RU.csvNumber("86935.17")).isEqualTo("86935,17");
        assertThat(EN.csvNumber("86935.17")).isEqualTo("86935.17");
        assertThat(RU.csvSeparator()).isEqualTo(';');
        assertThat(EN.csvSeparator()).isEqualTo(',');
        assertThat(Formats.of(Locale.GERMAN).money("1", "RUB")).isEqualTo("1.00\u00A0RUB");
    }
}
