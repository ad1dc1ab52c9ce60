package io.partnerhub.shared;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;

/**
 * How an amount, a rate, a day, a month or a quarter reads inside a sentence, per language. English
 * keeps the platform's long-standing style ("50 000.00", "27 %", ISO days and months) so that API
 * clients see what they always saw; Russian reads the way a Russian accountant writes it
 * ("50 000,00" and "27 %" with no-break spaces, "01.03.2026", "03.2026", "1 кв. 2026").
 */
public final class LocalizedValues {

    /** The no-break space that keeps a Russian amount and its group or percent sign on one line. */
    public static final char NO_BREAK_SPACE = '\u00A0';

    private LocalizedValues() {
    }

    /** An amount as it is (places kept), thousands apart: "-1 234 567.80" / "-1 234 567,80". */
    public static String amount(BigDecimal amount, Locale locale) {
        String grouped = Amounts.grouped(amount);
        return russian(locale) ? grouped.replace(' ', NO_BREAK_SPACE).replace('.', ',') : grouped;
    }

    /** A rate without trailing zeros: "2.5 %" / "2,5 %". */
    public static String percent(BigDecimal rate, Locale locale) {
        String english = Amounts.percent(rate);
        return russian(locale) ? english.replace(' ', NO_BREAK_SPACE).replace('.', ',') : english;
    }

    /** "2026-03-01" / "01.03.2026". */
    public static String date(LocalDate day, Locale locale) {
        return russian(locale) ? String.format("%02d.%02d.%d", day.getDayOfMonth(), day.getMonthValue(), day.getYear())
                : day.toString();
    }

    /** "2026-03" / "03.2026". */
    public static String month(YearMonth month, Locale locale) {
        return russian(locale) ? String.format("%02d.%d", month.getMonthValue(), month.getYear()) : month.toString();
    }

    /** The quarter that ends with (or contains) {@code month}: "2026-Q1" / "1 кв. 2026". */
    public static String quarter(YearMonth month, Locale locale) {
        int quarter = (month.getMonthValue() + 2) / 3;
        return russian(locale) ? quarter + "" + NO_BREAK_SPACE + "кв." + NO_BREAK_SPACE + month.getYear()
                : month.getYear() + "-Q" + quarter;
    }

    private static boolean russian(Locale locale) {
        return locale != null && "ru".equals(locale.getLanguage());
    }
}
