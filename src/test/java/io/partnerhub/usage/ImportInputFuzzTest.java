package io.partnerhub.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.springframework.util.unit.DataSize;

import io.partnerhub.shared.ContentTooLarge;
import io.partnerhub.shared.InputLimits;
import io.partnerhub.shared.Sha256;

/**
 * An upload's bytes on their way to a reader, fuzzed: plain or gzip (whole, several members, cut,
 * damaged, with bytes after it), under a small size limit. The input either yields exactly the
 * content that was compressed, or refuses with an I/O reason (damaged, cut, not UTF-8) or as too
 * large; it never throws anything else and never lets bytes after the gzip data pass.
 */
class ImportInputFuzzTest {

    private static final InputLimits LIMITS = new InputLimits(DataSize.ofMegabytes(1), DataSize.ofKilobytes(2), 200);
    private static final ImportContext CONTEXT = new ImportContext(ZoneId.of("Europe/Moscow"),
            Set.of(), Set.of("RUB"), YearMonth.of(2015, 1), YearMonth.of(2026, 12));

    @FuzzTest(maxDuration = "3m")
    void gzipAndPlainUploadsAreReadWhollyOrRefusedForAReason(FuzzedDataProvider data) throws IOException {
        int shape = data.consumeInt(0, 4);
        int members = data.consumeInt(1, 3);
        byte[] tail = shape == 2 ? data.consumeBytes(8) : new byte[0];
        byte[] content = data.consumeRemainingAsBytes();
        byte[] upload = switch (shape) {
            case 0 -> content;
            case 1, 2 -> concat(gzipMembers(content, members), tail);
            case 3 -> cut(gzipMembers(content, members), content.length);
            default -> damaged(gzipMembers(content, members), content.length);
        };
        boolean gzipLooking = content.length > 1 && (content[0] & 0xFF) == 0x1F && (content[1] & 0xFF) == 0x8B;
        boolean whole = shape == 0 ? !gzipLooking : shape == 1;

        try {
            ImportInput input = ImportInput.open(new ByteArrayInputStream(upload), LIMITS);
            List<UsageRow> rows = new ArrayList<>();
            ImportProblems problems = new ImportProblems();
            new FocusCsvReader().read(input.reader(), CONTEXT, rows::add, problems);
            String checksum = input.checksum();
            // the checksum names an accepted file; a reader that found problems may stop before the end,
            // and such a file is refused whatever its checksum
            if (whole && !problems.any()) {
                java.security.MessageDigest expected = Sha256.digest();
                expected.update(withoutBom(content));
                assertThat(checksum).isEqualTo(Sha256.hex(expected));
            }
            assertThat(shape == 2 && tail.length > 0).as("bytes after the gzip data passed").isFalse();
        } catch (ContentTooLarge tooLarge) {
            // a damaged gzip (shapes 3, 4) may unpack to anything, more than its content too: refusing it is right
            if (shape <= 2 && !(shape == 0 && gzipLooking)) {
                assertThat((long) content.length).isGreaterThan(LIMITS.importSize().toBytes());
            }
        } catch (IOException | UncheckedIOException refused) {
            Throwable cause = refused instanceof UncheckedIOException u ? u.getCause() : refused;
            assertThat(cause).isInstanceOfAny(java.util.zip.ZipException.class, java.io.EOFException.class,
                    CharacterCodingException.class, IOException.class);
            assertThat(whole && !(cause instanceof CharacterCodingException)).as("a whole upload refused: " + cause).isFalse();
        }
    }

    private static byte[] withoutBom(byte[] content) {
        boolean bom = content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB
                && (content[2] & 0xFF) == 0xBF;
        return bom ? java.util.Arrays.copyOfRange(content, 3, content.length) : content;
    }

    private static byte[] gzipMembers(byte[] content, int members) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        int step = Math.max(1, (content.length + members - 1) / members);
        for (int from = 0; from < content.length || from == 0; from += step) {
            ByteArrayOutputStream one = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(one)) {
                out.write(content, from, Math.min(step, content.length - from));
            }
            all.write(one.toByteArray());
            if (content.length == 0) {
                break;
            }
        }
        return all.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static byte[] cut(byte[] gzip, int seed) {
        return java.util.Arrays.copyOf(gzip, Math.floorMod(seed, gzip.length));
    }

    private static byte[] damaged(byte[] gzip, int seed) {
        byte[] copy = gzip.clone();
        copy[Math.floorMod(seed * 31 + 10, copy.length)] ^= (byte) (1 + Math.floorMod(seed, 255));
        return copy;
    }
}
