package io.partnerhub.billing;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The lines of a 1C exchange file, decoded. The format allows windows-1251 ({@code Кодировка=Windows})
 * and CP866 ({@code Кодировка=DOS}); banks also export UTF-8, usually still declaring {@code Windows}.
 * So the bytes decide: a byte-order mark, or bytes that decode cleanly as UTF-8, mean UTF-8 (the
 * Cyrillic keys of a windows-1251 or CP866 file never do); otherwise the file is CP866 when its header
 * spells {@code Кодировка} in CP866 (that is, it says {@code Кодировка=DOS}), and windows-1251 when not.
 */
record StatementText(Charset charset, List<String> lines) {

    static final Charset WINDOWS_1251 = Charset.forName("windows-1251");
    static final Charset CP866 = Charset.forName("IBM866");

    private static final String ENCODINGS = "UTF-8, windows-1251 or CP866";
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final String ENCODING_KEY = "Кодировка";
    /** The DOS end-of-file mark some exporters still append. */
    private static final char SUBSTITUTE = '\u001A';

    /** The decoded lines, or null with a problem when the content is not text in any of the encodings. */
    static StatementText decode(byte[] content, Problems problems) {
        boolean bom = startsWith(content, BOM);
        int start = bom ? BOM.length : 0;
        Decoded utf8 = Decoded.of(content, start, StandardCharsets.UTF_8);
        Charset charset = bom || utf8.clean() ? StandardCharsets.UTF_8 : singleByteCharset(content);
        Decoded decoded = charset == StandardCharsets.UTF_8 ? utf8 : Decoded.of(content, 0, charset);
        if (!decoded.clean()) {
            problems.add(lineAt(content, decoded.badOffset()), "(file)", "is not text in " + ENCODINGS + ": the byte 0x"
                    + String.format("%02X", content[decoded.badOffset()] & 0xFF) + " at offset " + decoded.badOffset()
                    + " is not " + charset.name());
            return null;
        }
        String text = stripEndOfFileMarks(decoded.text());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\r' && c != '\n') {
                problems.add(lineOf(text, i), "(file)", "is not text in " + ENCODINGS + ": it contains the control character U+"
                        + String.format("%04X", (int) c));
                return null;
            }
        }
        return new StatementText(charset, lines(text));
    }

    private static Charset singleByteCharset(byte[] content) {
        return indexOf(content, ENCODING_KEY.getBytes(CP866)) >= 0 ? CP866 : WINDOWS_1251;
    }

    /** Lines end with CRLF, LF or a lone CR; a final line ending ends the last line. */
    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\r\n|\n|\r", -1)));
        if (lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        return List.copyOf(lines);
    }

    private static String stripEndOfFileMarks(String text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == SUBSTITUTE) {
            end--;
        }
        return text.substring(0, end);
    }

    private static int lineAt(byte[] content, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (content[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int lineOf(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        return content.length >= prefix.length && Arrays.equals(content, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] content, byte[] wanted) {
        outer:
        for (int i = 0; i + wanted.length <= content.length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (content[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The content decoded strictly: its text, or the offset of the first byte that does not decode. */
    private record Decoded(String text, int badOffset) {

        boolean clean() {
            return badOffset < 0;
        }

        static Decoded of(byte[] content, int start, Charset charset) {
            CharsetDecoder decoder = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer in = ByteBuffer.wrap(content, start, content.length - start);
            CharBuffer out = CharBuffer.allocate((int) Math.ceil((content.length - start) * (double) decoder.maxCharsPerByte()) + 1);
            CoderResult result = decoder.decode(in, out, true);
            if (!result.isError()) {
                result = decoder.flush(out);
            }
            if (result.isError()) {
                return new Decoded(null, in.position());
            }
            return new Decoded(out.flip().toString(), -1);
        }
    }
}
