package io.partnerhub.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The import reads and writes timestamps with plain arithmetic for speed; these seeded random
 * cases hold it to java.time's answers.
 */
class TimestampsAgreeWithJavaTimeTest {

    private static final long SEED = 20261122L;
    private static final DateTimeFormatter WITH_SPACE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Test
    void readingAgreesWithJavaTimeForEveryShape() {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < 20_000; i++) {
            LocalDateTime local = LocalDateTime.of(1990 + random.nextInt(80), 1 + random.nextInt(12), 1, 0, 0)
                    .plusDays(random.nextInt(31)).plusSeconds(random.nextInt(86_400)).withNano(random.nextInt(1000) * 1_000_000);
            ZoneOffset offset = ZoneOffset.ofTotalSeconds((random.nextInt(49) - 24) * 1800);

            String iso = local.atOffset(offset).toString();
            String spaced = local.format(WITH_SPACE);
            String date = local.toLocalDate().toString();

            assertThat(Values.instant(iso)).as(iso).isEqualTo(OffsetDateTime.parse(iso).toInstant());
            assertThat(Values.instant(spaced)).as(spaced).isEqualTo(local.withNano(0).toInstant(ZoneOffset.UTC));
            assertThat(Values.instant(date)).as(date).isEqualTo(local.toLocalDate().atStartOfDay().toInstant(ZoneOffset.UTC));
        }
    }

    @Test
    void epochDaysAgreeWithJavaTime() {
        for (LocalDate day = LocalDate.of(1899, 12, 1); day.isBefore(LocalDate.of(2101, 3, 1)); day = day.plusDays(1)) {
            assertThat(Values.epochDay(day.getYear(), day.getMonthValue(), day.getDayOfMonth())).isEqualTo(day.toEpochDay());
        }
    }

    @Test
    void impossibleDatesAndTimesAreRefused() {
        for (String bad : new String[]{"2026-02-29", "2026-13-01", "2026-04-31", "2026-05-01T24:00:00", "2026-05-01T10:60",
                "2026-05-01T10:00:00+19:00", "2026-05-01 10:00:00 EST", "2026/05/01", "20260501"}) {
            assertThat(Values.instant(bad)).as(bad).isNull();
        }
        assertThat(Values.instant("2024-02-29")).isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
    }
}
