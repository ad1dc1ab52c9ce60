package io.partnerhub.cabinet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The cabinet's words in both languages, and the text colour it puts on a partner's colour. */
class CabinetWordsTest {

    @Test
    void bothBundlesKnowTheSameKeysAndTheCabinetsTakeTheSameArguments() throws IOException {
        Properties russian = bundle("messages.properties");
        Properties english = bundle("messages_en.properties");

        assertThat(new TreeSet<>(russian.stringPropertyNames())).isEqualTo(new TreeSet<>(english.stringPropertyNames()));
        assertThat(russian.stringPropertyNames()).anyMatch(key -> key.startsWith("cabinet."));
        for (String key : russian.stringPropertyNames()) {
            if (key.startsWith("cabinet.")) {
                assertThat(arguments(english.getProperty(key))).as(key).isEqualTo(arguments(russian.getProperty(key)));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
            "#0b6e4f, #ffffff",  // dark green: white reads better
            "#1a73e8, #000000",  // a mid blue: 4.6:1 with black against 4.5:1 with white
            "#0d47a1, #ffffff",
            "#ffd23f, #000000",  // yellow: black
            "#ffffff, #000000",
            "#000000, #ffffff"})
    void theTextOnThePartnersColourIsWhateverReadsBetter(String colour, String text) {
        assertThat(new CabinetBrand.Look(1, "P", colour, null, null, null, null).onPrimary()).isEqualTo(text);
    }

    private static Set<Integer> arguments(String pattern) {
        Set<Integer> used = new TreeSet<>();
        Object[] formats = new MessageFormat(pattern).getFormatsByArgumentIndex();
        for (int i = 0; i < formats.length; i++) {
            if (pattern.contains("{" + i)) {
                used.add(i);
            }
        }
        return used;
    }

    private static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = CabinetWordsTest.class.getResourceAsStream("/" + name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
