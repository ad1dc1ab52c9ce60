package io.partnerhub.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reasons in words: both bundles know every code with the same arguments (Russian leaves out the
 * currency English writes after an amount: its amounts carry the sign); English reads as it always
 * did, Russian as the portal's pages write figures, dates and names.
 */
class ReasonTextTest {

    private static final Locale RU = Locale.forLanguageTag("ru");

    /** A discount whose deal ended inside the month and whose rate the program caps. */
    private static final Reason CAPPED = Reason.of("discount.eligible", Reason.rate(new BigDecimal("32.00")),
            Reason.of("during.until", LocalDate.of(2026, 3, 14)), Reason.list("comma", List.of(
                    Reason.of("rate.base", Reason.rate(BigDecimal.TEN), Reason.of("terms", "VK Cloud", LocalDate.of(2020, 1, 1))),
                    Reason.of("rate.tier", "PLATINUM", Reason.rate(new BigDecimal("5"))),
                    Reason.of("rate.dealEnded", 12L, LocalDate.of(2026, 2, 1), Reason.rate(new BigDecimal("20")),
                            LocalDate.of(2026, 3, 15)),
                    Reason.of("rate.capped", Reason.rate(new BigDecimal("30")), Reason.rate(new BigDecimal("35"))))));

    /** The forecast's arguments that name the currency of the amount before them: English writes them, Russian not. */
    private static final java.util.Map<String, Set<String>> CURRENCY_ARGUMENTS = java.util.Map.of(
            "forecast.upgrade.met", Set.of("2"), "forecast.upgrade.needed", Set.of("2"),
            "forecast.keep.met", Set.of("2"), "forecast.keep.needed", Set.of("2"),
            "forecast.window.met", Set.of("2"), "forecast.window.needed", Set.of("2"),
            "forecast.quarter", Set.of("2"), "forecast.quarter.volumeNeeded", Set.of("4"));

    @Test
    void bothLanguagesKnowEveryCodeWithTheSameArguments() throws IOException {
        for (String bundle : List.of("reasons", "forecast")) {
            Properties russian = bundle("i18n/" + bundle + ".properties");
            Properties english = bundle("i18n/" + bundle + "_en.properties");
            assertThat(russian.stringPropertyNames()).as(bundle).isEqualTo(english.stringPropertyNames());
            for (String code : english.stringPropertyNames()) {
                Set<String> expected = new TreeSet<>(arguments(english.getProperty(code)));
                expected.removeAll(CURRENCY_ARGUMENTS.getOrDefault(code, Set.of()));
                assertThat(arguments(russian.getProperty(code))).as(bundle + " " + code).isEqualTo(expected);
            }
        }
    }

    /** ReasonText reads the bundles' patterns itself: exactly as MessageFormat (and so Spring's messages) would. */
    @Test
    void everyPatternReadsAsMessageFormatReadsIt() throws IOException {
        for (String path : List.of("i18n/reasons.properties", "i18n/reasons_en.properties", "i18n/forecast.properties",
                "i18n/forecast_en.properties")) {
            Locale locale = path.contains("_en") ? Locale.ENGLISH : RU;
            Properties patterns = bundle(path);
            for (String code : patterns.stringPropertyNames()) {
                if (code.startsWith("join.")) {
                    continue;
                }
                // a named argument ({0,tier}) whose text the bundles do not name reads as the text
                String pattern = patterns.getProperty(code).replaceAll("\\{(\\d+),(tier|model)}", "{$1}");
                int count = arguments(pattern).stream().mapToInt(Integer::parseInt).max().orElse(-1) + 1;
                List<Reason.Arg> args = java.util.stream.IntStream.range(0, count)
                        .mapToObj(i -> (Reason.Arg) new Reason.Text("<" + i + ">")).toList();

                assertThat(ReasonText.in(new Reason(code, args), locale, null)).as(path + " " + code)
                        .isEqualTo(new java.text.MessageFormat(pattern, locale).format(
                                args.stream().map(arg -> ((Reason.Text) arg).value()).toArray()));
            }
        }
    }

    @Test
    void englishReadsAsTheEngineAlwaysWroteIt() {
        assertThat(ReasonText.english(CAPPED)).isEqualTo("Discount 32 % of eligible consumption until 2026-03-14: base 10 %"
                + " (VK Cloud terms of 2020-01-01), PLATINUM status +5 %, deal #12 registered 2026-02-01 +20 %"
                + " (protection ended 2026-03-15), capped at 30 % (from 35 %)");
        assertThat(ReasonText.english(Reason.of("reward.presale", 7L, "Migration", LocalDate.of(2026, 3, 3))))
                .isEqualTo("Technical presale #7 'Migration' completed 2026-03-03: the fixed presale reward");
        assertThat(ReasonText.english(Reason.of("bonus.appliedUpToPayable", Money.of("5000", "RUB"),
                Money.of("2250", "RUB"), Money.of("2750", "RUB"))))
                .isEqualTo("Rebate balance withdrawn to Bonus: 5 000.00, applied up to the payable 2 250.00;"
                        + " 2 750.00 returns to the balance");
        assertThat(ReasonText.english(Reason.of("rebate.growth", Reason.rate(new BigDecimal("3")),
                Money.of("100000", "RUB"), Reason.quarter(YearMonth.of(2026, 3)), Money.of("150000.005", "RUB"),
                Reason.quarter(YearMonth.of(2026, 6)), Reason.of("payout.rebateBalance"))))
                .isEqualTo("Growth rebate 3 % of main-services revenue after the partner's rate growing from 100 000.00"
                        + " (2026-Q1) to 150 000.01 (2026-Q2); accrued to the rebate balance");
    }

    @Test
    void russianWritesAmountsDaysMonthsAndNamesAsThePagesDo() {
        assertThat(ReasonText.in(CAPPED, RU, "RUB")).isEqualTo("Скидка 32\u00A0% от учитываемого потребления по 14.03.2026:"
                + " базовая 10\u00A0% (по условиям программы VK Cloud от 01.01.2020), статус Платиновый +5\u00A0%, сделка №12"
                + " зарегистрирована 01.02.2026 +20\u00A0% (защита окончена 15.03.2026), ограничено 30\u00A0% (вместо 35\u00A0%)");
        assertThat(ReasonText.in(Reason.of("reward.presale", 7L, "Migration", LocalDate.of(2026, 3, 3)), RU, "RUB"))
                .isEqualTo("Технический пресейл №7 «Migration» завершён 03.03.2026: фиксированное вознаграждение за пресейл");
        assertThat(ReasonText.in(Reason.of("standing.quarter", "SILVER", "GOLD", Reason.quarter(YearMonth.of(2026, 3)),
                Money.of("3000000", "RUB"), 2), RU, "RUB"))
                .isEqualTo("Серебряный → Золотой: учитываемое потребление за 1\u00A0кв.\u00A02026 3\u00A0000\u00A0000,00\u00A0₽,"
                        + " сертифицированных сотрудников 2");
        assertThat(ReasonText.in(Reason.of("discount.carried", YearMonth.of(2026, 6)), RU, "RUB"))
                .isEqualTo("Разовая дополнительная скидка: ребейты за июнь 2026, предоставленные в следующем отчёте");
        assertThat(ReasonText.in(Reason.of("bonus.applied", Money.of("0", "RUB")), RU, "RUB"))
                .isEqualTo("Списано с ребейт-баланса в Бонус: 0,00\u00A0₽");
        assertThat(ReasonText.in(Reason.of("bonus.applied", Money.of("1234.5", "USD")), RU, "USD"))
                .isEqualTo("Списано с ребейт-баланса в Бонус: 1\u00A0234,50\u00A0USD");
        assertThat(ReasonText.in(Reason.of("forecast.upgrade.needed", YearMonth.of(2026, 5), Money.of("12400", "RUB"), "RUB",
                "PROFESSIONAL", LocalDate.of(2026, 6, 1)), RU, "RUB"))
                .isEqualTo("Ещё 12\u00A0400,00\u00A0₽ по прайсу за май 2026 (или экзамен) дадут партнёру уровень"
                        + " Профессиональный с 01.06.2026");
        assertThat(ReasonText.english(Reason.of("forecast.upgrade.needed", YearMonth.of(2026, 5), Money.of("12400", "RUB"),
                "RUB", "PROFESSIONAL", LocalDate.of(2026, 6, 1))))
                .isEqualTo("12 400.00 RUB more list cost in 2026-05 (or the exam) makes the partner PROFESSIONAL from 2026-06-01");
    }

    @Test
    void aReasonReadBackFromItsJsonIsTheSame() {
        JsonMapper json = JsonMapper.builder().build();
        String stored = json.writeValueAsString(CAPPED.jsonArgs());

        Reason read = Reason.fromJson(CAPPED.code(), json.readValue(stored, new TypeReference<List<Object>>() {
        }));

        assertThat(read).isEqualTo(CAPPED);
        assertThat(stored).startsWith("[{\"rate\":\"32\"},{\"reason\":{");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'' | en", "ru | ru", "ru-RU,ru;q=0.9,en;q=0.8 | ru", "en-US,en;q=0.9,ru;q=0.8 | en", "fr-FR,fr;q=0.9 | en",
            "fr;q=0.9,ru;q=0.5 | ru", "*;q=bad | en", "de, ru-RU | ru"})
    void theApiSpeaksTheFirstOfItsLanguagesTheRequestAccepts(String header, String language) {
        assertThat(ReasonText.ofAcceptLanguage(header).getLanguage()).isEqualTo(language);
    }

    private static Properties bundle(String path) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ReasonTextTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    private static Set<String> arguments(String pattern) {
        Set<String> found = new TreeSet<>();
        Matcher m = Pattern.compile("\\{(\\d+)(,\\w+)?}").matcher(pattern);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
