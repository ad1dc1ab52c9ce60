package io.partnerhub.settlement;

import io.partnerhub.settlement.rules.Reason;
import io.partnerhub.shared.Money;
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

/** Reasons in words: both bundles know every code with the same arguments; English reads as it always did. */
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

    @Test
    void bothLanguagesKnowEveryCodeWithTheSameArguments() throws IOException {
        for (String bundle : List.of("reasons", "forecast")) {
            Properties russian = bundle("i18n/" + bundle + ".properties");
            Properties english = bundle("i18n/" + bundle + "_en.properties");
            assertThat(russian.stringPropertyNames()).as(bundle).isEqualTo(english.stringPropertyNames());
            for (String code : english.stringPropertyNames()) {
                assertThat(arguments(russian.getProperty(code))).as(bundle + " " + code)
                        .isEqualTo(arguments(english.getProperty(code)));
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
                String pattern = patterns.getProperty(code);
                int count = arguments(pattern).stream().mapToInt(Integer::parseInt).max().orElse(-1) + 1;
                List<Reason.Arg> args = java.util.stream.IntStream.range(0, count)
                        .mapToObj(i -> (Reason.Arg) new Reason.Text("<" + i + ">")).toList();

                assertThat(ReasonText.in(new Reason(code, args), locale)).as(path + " " + code)
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
    void russianWritesAmountsDaysAndMonthsTheRussianWay() {
        assertThat(ReasonText.in(CAPPED, RU)).isEqualTo("Скидка 32\u00A0% от учитываемого потребления по 14.03.2026:"
                + " базовая 10\u00A0% (по условиям программы VK Cloud от 01.01.2020), статус PLATINUM +5\u00A0%, сделка №12"
                + " зарегистрирована 01.02.2026 +20\u00A0% (защита окончена 15.03.2026), ограничено 30\u00A0% (вместо 35\u00A0%)");
        assertThat(ReasonText.in(Reason.of("reward.presale", 7L, "Migration", LocalDate.of(2026, 3, 3)), RU))
                .isEqualTo("Технический пресейл №7 «Migration» завершён 03.03.2026: фиксированное вознаграждение за пресейл");
        assertThat(ReasonText.in(Reason.of("standing.quarter", "SILVER", "GOLD", Reason.quarter(YearMonth.of(2026, 3)),
                Money.of("3000000", "RUB"), 2), RU))
                .isEqualTo("SILVER → GOLD: учитываемое потребление за 1\u00A0кв.\u00A02026 3\u00A0000\u00A0000,00,"
                        + " сертифицированных сотрудников 2");
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
        Matcher m = Pattern.compile("\\{(\\d+)}").matcher(pattern);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
