package io.partnerhub.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * How figures, dates and months read to a person, in one place per language: every portal page,
 * the dashboard's chart, the statement's PDF and the CSV files take them from here.
 *
 * <pre>
 *                 Russian                 English
 * money           86 935,17 ₽             86,935.17 RUB
 * amount          86 935,17               86,935.17
 * percent         27 %   29,4 %           27%   29.4%
 * date            04.12.2026              Dec 4, 2026
 * date and time   04.12.2026 10:05        Dec 4, 2026, 10:05
 * month           октябрь 2026            October 2026
 * CSV number      86935,17                86935.17
 * </pre>
 *
 * Russian groups thousands with a no-break space (U+00A0) and puts one between a figure and its
 * sign, so that no line breaks inside an amount; a currency other than RUB keeps its code. Any
 * language but Russian reads English. Times are Moscow's, the programs' time zone. A missing value
 * reads "—".
 */
public final class Formats {

    public static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    public static final String NONE = "—";
    private static final char NBSP = '\u00A0';
    private static final Locale RUSSIAN = Locale.forLanguageTag("ru");

    private final boolean russian;
    private final Locale locale;

    private Formats(Locale locale) {
        this.russian = locale != null && "ru".equals(locale.getLanguage());
        this.locale = russian ? RUSSIAN : Locale.ENGLISH;
    }

    public static Formats of(Locale locale) {
        return new Formats(locale);
    }

    public Locale locale() {
        return locale;
    }

    public boolean russian() {
        return russian;
    }

    /** "86 935,17 ₽" or "86,935.17 RUB": at least two places, more only when the figure has them. */
    public String money(Object amount, String currency) {
        BigDecimal value = decimal(amount);
        if (value == null) {
            return NONE;
        }
        String figure = number(value.scale() < 2 ? value.setScale(2, RoundingMode.UNNECESSARY) : value);
        if (currency == null || currency.isBlank()) {
            return figure;
        }
        return figure + NBSP + (russian && "RUB".equals(currency) ? "₽" : currency);
    }

    /** The figure of an amount without its currency: "86 935,17" or "86,935.17". */
    public String amount(Object amount) {
        return money(amount, null);
    }

    /** A whole count grouped by thousands: "5 000" or "5,000". */
    public String count(Object count) {
        BigDecimal value = decimal(count);
        return value == null ? NONE : number(value);
    }

    /** A percentage without trailing zeros: "27 %", "29,4 %" or "27%", "29.4%". */
    public String percent(Object rate) {
        BigDecimal value = decimal(rate);
        if (value == null) {
            return NONE;
        }
        String figure = number(value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros());
        return russian ? figure + NBSP + "%" : figure + "%";
    }

    /** "04.12.2026" or "Dec 4, 2026"; a date as text (ISO) is read first. */
    public String date(Object date) {
        LocalDate day = switch (date) {
            case null -> null;
            case LocalDate d -> d;
            case String s when s.isBlank() -> null;
            case String s -> LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
            case Instant i -> i.atZone(MOSCOW).toLocalDate();
            case TemporalAccessor t -> LocalDate.from(t);
            default -> throw new IllegalArgumentException("not a date: " + date);
        };
        return day == null ? NONE : day.format(russian ? RU_DATE : EN_DATE);
    }

    /** "04.12.2026 10:05" or "Dec 4, 2026, 10:05", in Moscow time for an instant. */
    public String dateTime(Object moment) {
        LocalDateTime at = switch (moment) {
            case null -> null;
            case Instant i -> i.atZone(MOSCOW).toLocalDateTime();
            case ZonedDateTime z -> z.withZoneSameInstant(MOSCOW).toLocalDateTime();
            case OffsetDateTime o -> o.atZoneSameInstant(MOSCOW).toLocalDateTime();
            case LocalDateTime l -> l;
            default -> throw new IllegalArgumentException("not a moment: " + moment);
        };
        return at == null ? NONE : at.format(russian ? RU_DATE_TIME : EN_DATE_TIME);
    }

    /** "октябрь 2026" (nominative) or "October 2026"; a month as text ("2026-10") is read first. */
    public String month(Object month) {
        YearMonth value = switch (month) {
            case null -> null;
            case YearMonth m -> m;
            case String s when s.isBlank() -> null;
            case String s -> YearMonth.parse(s.length() > 7 ? s.substring(0, 7) : s);
            case TemporalAccessor t -> YearMonth.from(t);
            default -> throw new IllegalArgumentException("not a month: " + month);
        };
        return value == null ? NONE : value.format(russian ? RU_MONTH : EN_MONTH);
    }

    /**
     * A number as a spreadsheet of the language reads it from a CSV file: no grouping, a decimal
     * comma in Russian ("86935,17"), a point in English; empty when missing.
     */
    public String csvNumber(Object number) {
        BigDecimal value = decimal(number);
        if (value == null) {
            return "";
        }
        String plain = value.toPlainString();
        return russian ? plain.replace('.', ',') : plain;
    }

    /** The separator of a CSV file a spreadsheet of the language opens by itself: ';' in Russian. */
    public char csvSeparator() {
        return russian ? ';' : ',';
    }

    private String number(BigDecimal value) {
        DecimalFormat format = new DecimalFormat(value.scale() > 0 ? "#,##0." + "0".repeat(value.scale()) : "#,##0",
                russian ? RU_SYMBOLS : EN_SYMBOLS);
        format.setRoundingMode(RoundingMode.UNNECESSARY);
        return format.format(value);
    }

    private static BigDecimal decimal(Object value) {
        return switch (value) {
            case null -> null;
            case BigDecimal d -> d;
            case String s when s.isBlank() -> null;
            case String s -> new BigDecimal(s.trim());
            case Money m -> m.amount();
            case Integer i -> BigDecimal.valueOf(i);
            case Long l -> BigDecimal.valueOf(l);
            case Number n -> new BigDecimal(n.toString());
            default -> throw new IllegalArgumentException("not a number: " + value);
        };
    }

    private static final DecimalFormatSymbols RU_SYMBOLS = symbols(NBSP, ',');
    private static final DecimalFormatSymbols EN_SYMBOLS = symbols(',', '.');
    private static final DateTimeFormatter RU_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy", RUSSIAN);
    private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter RU_DATE_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm", RUSSIAN);
    private static final DateTimeFormatter EN_DATE_TIME = DateTimeFormatter.ofPattern("MMM d, yyyy, HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter RU_MONTH = DateTimeFormatter.ofPattern("LLLL yyyy", RUSSIAN);
    private static final DateTimeFormatter EN_MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);

    private static DecimalFormatSymbols symbols(char grouping, char decimal) {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
        symbols.setGroupingSeparator(grouping);
        symbols.setDecimalSeparator(decimal);
        symbols.setMinusSign('-');
        return symbols;
    }
}
