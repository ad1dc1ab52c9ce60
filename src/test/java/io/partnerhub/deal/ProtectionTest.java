package io.partnerhub.deal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.partnerhub.deal.Protection.Ending;
import io.partnerhub.deal.Protection.Linked;

/**
 * When an approved deal's protection ends, 60 protection days (Yandex Cloud). Links read
 * "from..to" (to exclusive, open when missing) separated by ';'; consumption days by ' '.
 *
 * <pre>
 *   registered 03-01, approved 03-02: the window to be linked and consuming is 03-01 .. 04-30
 *   (the 60th day after 03-02 is 05-01, the first day without protection)
 * </pre>
 */
class ProtectionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                        | links                              | consumed                    | ends on    | rule
            never linked                                  |                                    | 2026-03-05                  | 2026-05-01 | NOT_LINKED_AND_CONSUMING
            linked, never consuming                       | 2026-03-01..                       |                             | 2026-05-01 | NOT_LINKED_AND_CONSUMING
            consuming only before the link                | 2026-04-01..                       | 2026-03-10                  | 2026-05-01 | NOT_LINKED_AND_CONSUMING
            consuming only before the registration        | 2026-02-01..                       | 2026-02-20                  | 2026-05-01 | NOT_LINKED_AND_CONSUMING
            linked and consuming on the window's last day | 2026-04-30..                       | 2026-04-30                  |            |
            linked and consuming the day after the window | 2026-04-30..                       | 2026-05-01                  | 2026-05-01 | NOT_LINKED_AND_CONSUMING
            linked and consuming, link open               | 2026-03-01..                       | 2026-03-10                  |            |
            link ends: protection 60 days after           | 2026-03-01..2026-06-10             | 2026-03-10                  | 2026-08-09 | LINK_ENDED
            relinked within the 60 days                   | 2026-03-01..2026-06-10; 2026-07-01.. | 2026-03-10                | |
            relinked on the first unprotected day: late   | 2026-03-01..2026-06-10; 2026-08-09.. | 2026-03-10                | 2026-08-09 | LINK_ENDED
            relinked, then the new link ends              | 2026-03-01..2026-06-10; 2026-07-01..2026-09-01 | 2026-03-10      | 2026-10-31 | LINK_ENDED
            a short link converts; 60 days after its end  | 2026-03-01..2026-03-05             | 2026-03-03                  | 2026-05-04 | LINK_ENDED
            """)
    void protectionEnds(String name, String links, String consumed, String endsOn, String rule) {
        Optional<Ending> ending = Protection.ending("7701", LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-02"),
                60, linked(links, consumed));

        if (endsOn == null) {
            assertThat(ending).isEmpty();
        } else {
            assertThat(ending).hasValueSatisfying(e -> {
                assertThat(e.on()).isEqualTo(LocalDate.parse(endsOn));
                assertThat(e.rule()).isEqualTo(DealRule.valueOf(rule));
                assertThat(e.reason()).contains("60 days");
            });
        }
    }

    private static List<Linked> linked(String links, String consumed) {
        ConsumptionDays days = consumed == null ? ConsumptionDays.NONE
                : ConsumptionDays.of(Arrays.stream(consumed.strip().split("\\s+")).map(LocalDate::parse).toArray(LocalDate[]::new));
        List<Linked> linked = new ArrayList<>();
        if (links != null) {
            for (String link : links.split(";")) {
                String[] ends = link.strip().split("\\.\\.", -1);
                linked.add(new Linked(LocalDate.parse(ends[0]), ends[1].isBlank() ? null : LocalDate.parse(ends[1]), days));
            }
        }
        return linked;
    }
}
