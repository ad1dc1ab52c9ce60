package io.partnerhub.portal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The words of a feature's pages and documents (its bundle, e.g. i18n/billing): both languages know
 * the same keys with the same arguments, every key its templates name is there, and an English
 * apostrophe reads as one whether Spring formats the message (it has arguments: written '') or not
 * (written '). For partner billing and the program simulator.
 */
class FeatureWordsTest {

    /** A feature's bundle (without _en and .properties), its templates, the keys built from values, its least number of own keys. */
    record Feature(String bundle, List<String> templates, Set<String> built, int ownKeysAtLeast) {
        @Override
        public String toString() {
            return bundle;
        }
    }

    static Stream<Feature> features() {
        return Stream.of(
                new Feature("i18n/billing", List.of("partner-billing", "receivables", "partner-invoice-pdf",
                        "partner-act-pdf"), BILLING_BUILT, 100),
                new Feature("i18n/simulations", List.of("simulations", "simulation"), Set.of("simulation.status.RUNNING",
                        "simulation.status.DONE", "simulation.status.FAILED", "simulation.total.listCost",
                        "simulation.total.discount", "simulation.total.reward", "simulation.total.rebate",
                        "simulation.total.bonus", "simulation.total.payable", "simulation.gaining", "simulation.losing",
                        "simulation.group.month", "simulation.group.model", "simulation.group.tier",
                        "simulation.chart.payable", "simulation.chart.reward", "nav.simulations",
                        "simulation.refused.program", "simulation.refused.order", "simulation.refused.open",
                        "simulation.refused.noDraft", "simulation.refused.draft", "simulation.refused.notDone",
                        "simulation.refused.unconfirmed", "simulation.schedule.month", "simulation.scheduled",
                        "dashboard.termsAhead", "dashboard.termsAhead.effect"), 40));
    }

    /** A key as a template names it: #{key} or #{key(…)}; a key built from a value is listed below. */
    private static final Pattern KEY = Pattern.compile("#\\{([A-Za-z][\\w.]*)[(}]");
    private static final Set<String> BILLING_BUILT = Set.of("partnerBilling.terms.PREPAYMENT", "partnerBilling.terms.POSTPAYMENT",
            "partnerBilling.account.rules.PREPAYMENT", "partnerBilling.account.rules.POSTPAYMENT",
            "partnerBilling.account.warning.LOW", "partnerBilling.account.warning.OUT",
            "partnerBilling.kind.MONTHLY", "partnerBilling.kind.THRESHOLD", "partnerBilling.status.OPEN",
            "partnerBilling.status.PAID", "partnerBilling.status.OVERDUE", "providerInvoice.line.MONTHLY",
            "providerInvoice.line.THRESHOLD", "receivables.bucket.notDue", "receivables.bucket.days0to30",
            "receivables.bucket.days31to60", "receivables.bucket.days61to90", "receivables.bucket.over90",
            "receivables.chart.open", "nav.partnerBilling", "nav.receivables");

    @ParameterizedTest
    @MethodSource("features")
    void bothLanguagesKnowTheSameKeysWithTheSameArguments(Feature feature) throws IOException {
        Properties russian = bundle(feature.bundle() + ".properties");
        Properties english = bundle(feature.bundle() + "_en.properties");

        assertThat(new TreeSet<>(russian.stringPropertyNames())).isEqualTo(new TreeSet<>(english.stringPropertyNames()));
        for (String key : russian.stringPropertyNames()) {
            assertThat(arguments(english.getProperty(key))).as(key).isEqualTo(arguments(russian.getProperty(key)));
        }
    }

    @ParameterizedTest
    @MethodSource("features")
    void everyKeyTheTemplatesNameIsInTheBundles(Feature feature) throws IOException {
        Properties russian = bundle(feature.bundle() + ".properties");
        Properties shared = bundle("messages.properties");
        Set<String> named = new TreeSet<>(feature.built());
        for (String template : feature.templates()) {
            Matcher m = KEY.matcher(resource("templates/" + template + ".html"));
            while (m.find()) {
                named.add(m.group(1));
            }
        }
        assertThat(named).allMatch(key -> russian.containsKey(key) || shared.containsKey(key), "in a bundle");
        assertThat(named).filteredOn(key -> !shared.containsKey(key)).hasSizeGreaterThan(feature.ownKeysAtLeast());
    }

    @ParameterizedTest
    @MethodSource("features")
    void anEnglishApostropheReadsAsOne(Feature feature) throws IOException {
        Properties english = bundle(feature.bundle() + "_en.properties");
        for (String key : english.stringPropertyNames()) {
            String pattern = english.getProperty(key);
            if (arguments(pattern).isEmpty()) {
                assertThat(pattern).as(key + ": read as written").doesNotContain("''");
            } else {
                Object[] args = Stream.iterate(0, i -> i + 1).limit(10).map(i -> (Object) ("<" + i + ">")).toArray();
                assertThat(new MessageFormat(pattern).format(args)).as(key + ": formatted")
                        .doesNotContain("{").hasSameSizeAs(pattern.replace("''", "'").replaceAll("\\{\\d}", "<0>"));
            }
        }
    }

    private static Set<Integer> arguments(String pattern) {
        Set<Integer> used = new TreeSet<>();
        Matcher m = Pattern.compile("\\{(\\d)").matcher(pattern);
        while (m.find()) {
            used.add(Integer.parseInt(m.group(1)));
        }
        return used;
    }

    private static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = FeatureWordsTest.class.getResourceAsStream("/" + name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = FeatureWordsTest.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
