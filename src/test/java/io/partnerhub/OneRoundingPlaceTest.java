package io.partnerhub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Money is rounded in one named place (STYLE.md, habit 2): {@code Money}. Anywhere else in the main
 * code, {@code setScale}, {@code RoundingMode} or {@code MathContext} is a rounding outside it and
 * fails this test, unless {@link #ALLOWED} lists the file with the reason it is no rounding of money.
 */
class OneRoundingPlaceTest {

    private static final Path SOURCES = Path.of("src/main/java");

    /** A scale or rounding of a number, in code (comments are not looked at). */
    private static final Pattern ROUNDING = Pattern.compile("\\bsetScale\\s*\\(|\\bRoundingMode\\b|\\bMathContext\\b");

    /** Files that may scale or round, each with why that is not a rounding of money outside Money. */
    private static final Map<String, String> ALLOWED = Map.of(
            "io/partnerhub/shared/Money.java",
            "the one place: the statement rounding, the engine's one division, the API's two places",
            "io/partnerhub/shared/Formats.java",
            "showing an amount that is already rounded: padding to two places with UNNECESSARY, which never rounds",
            "io/partnerhub/ledger/RebateLedger.java",
            "a sum of stored numeric(19,2) entries widened to two places (setScale without rounding, which throws"
                    + " rather than round)",
            "io/partnerhub/portal/PartnerPages.java",
            "a share of a chart in percent to one place for people to read, not an amount");

    @Test
    void onlyMoneyRoundsAndEachOtherScalingSaysWhy() {
        Map<String, Integer> found = new TreeMap<>();
        for (Path file : javaFiles()) {
            String code = withoutComments(read(file));
            Matcher m = ROUNDING.matcher(code);
            int count = 0;
            while (m.find()) {
                count++;
            }
            if (count > 0) {
                found.put(SOURCES.relativize(file).toString().replace('\\', '/'), count);
            }
        }
        assertThat(found.keySet()).as("files that scale or round a number (%s): round money through Money, or list"
                + " the file in ALLOWED with the reason it is no rounding of money", found).isSubsetOf(ALLOWED.keySet());
        assertThat(ALLOWED.keySet()).as("allowed files that no longer scale or round: remove them from ALLOWED")
                .isSubsetOf(found.keySet());
    }

    @Test
    void commentsAreNotCode() {
        String source = "// setScale(2, RoundingMode.HALF_UP)\n/* MathContext */ int a = 1; String s = \"x\";\n";
        assertThat(ROUNDING.matcher(withoutComments(source)).find()).isFalse();
        assertThat(ROUNDING.matcher("x.setScale (2)").find()).isTrue();
    }

    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ");
    }

    private static java.util.List<Path> javaFiles() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
