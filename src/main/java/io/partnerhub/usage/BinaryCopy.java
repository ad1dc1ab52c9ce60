package io.partnerhub.usage;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;

import org.postgresql.copy.CopyIn;

/**
 * A running {@code COPY … FROM STDIN (FORMAT binary)}: dates, timestamps and numerics go over
 * already in PostgreSQL's own representation, so the server parses nothing but text, and the
 * buffer is sent a piece at a time so memory stays flat however many rows are written.
 */
final class BinaryCopy {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final int FLUSH_AT = 256 * 1024;
    /** Days from 1970-01-01 to PostgreSQL's epoch 2000-01-01. */
    private static final long PG_EPOCH_DAYS = 10_957;
    private static final long PG_EPOCH_SECONDS = PG_EPOCH_DAYS * 86_400;
    private static final short NUMERIC_NEGATIVE = 0x4000;

    private final CopyIn copy;
    private byte[] buffer = new byte[FLUSH_AT + 64 * 1024];
    private int used;
    private long rows;
    private short[] digits = new short[32];

    BinaryCopy(CopyIn copy) {
        this.copy = copy;
        room(SIGNATURE.length + 8);
        System.arraycopy(SIGNATURE, 0, buffer, 0, SIGNATURE.length);
        used = SIGNATURE.length;
        int32(0);
        int32(0);
    }

    /** Starts a row of {@code fields} fields; its values follow, in the COPY's column order. */
    void row(int fields) throws SQLException {
        if (used >= FLUSH_AT) {
            flush();
        }
        room(64);
        int16(fields);
        rows++;
    }

    /** Sends what is buffered and the trailer, and ends the COPY. @return the rows PostgreSQL took */
    long finish() throws SQLException {
        room(2);
        int16(-1);
        flush();
        long copied = copy.endCopy();
        if (copied != rows) {
            throw new IllegalStateException("COPY stored " + copied + " rows of " + rows);
        }
        return copied;
    }

    void cancel() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }

    void bigint(long value) {
        room(12);
        int32(8);
        int64(value);
    }

    /** date, as days since 1970-01-01. */
    void date(long epochDay) {
        room(8);
        int32(4);
        int32((int) (epochDay - PG_EPOCH_DAYS));
    }

    /** timestamptz: microseconds since 2000-01-01 UTC, rounded to the microsecond as PostgreSQL does. */
    void timestamp(Instant instant) {
        if (instant == null) {
            nullField();
            return;
        }
        room(12);
        int32(8);
        long micros = Math.round(instant.getNano() / 1000.0);
        int64((instant.getEpochSecond() - PG_EPOCH_SECONDS) * 1_000_000L + micros);
    }

    void text(String value) {
        if (value == null) {
            nullField();
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        room(4 + bytes.length);
        int32(bytes.length);
        System.arraycopy(bytes, 0, buffer, used, bytes.length);
        used += bytes.length;
    }

    /**
     * numeric: base-10000 digits with a weight (the power of 10000 of the first digit), sign and
     * display scale, from a plain decimal such as {@code -1234.50}.
     */
    void numeric(String decimal) {
        if (decimal == null) {
            nullField();
            return;
        }
        boolean negative = decimal.charAt(0) == '-';
        int start = negative || decimal.charAt(0) == '+' ? 1 : 0;
        int point = decimal.indexOf('.', start);
        int intEnd = point < 0 ? decimal.length() : point;
        int scale = point < 0 ? 0 : decimal.length() - point - 1;
        while (start < intEnd - 1 && decimal.charAt(start) == '0') {
            start++;
        }
        int intDigits = intEnd - start;
        int intGroups = (intDigits + 3) / 4;
        int fracGroups = (scale + 3) / 4;
        if (intGroups + fracGroups > digits.length) {
            digits = new short[intGroups + fracGroups];
        }
        int count = 0;
        int firstGroupLength = intDigits - (intGroups - 1) * 4;
        int i = start;
        for (int g = 0; g < intGroups; g++) {
            int length = g == 0 ? firstGroupLength : 4;
            int value = 0;
            for (int k = 0; k < length; k++) {
                value = value * 10 + decimal.charAt(i++) - '0';
            }
            digits[count++] = (short) value;
        }
        for (int g = 0; g < fracGroups; g++) {
            int value = 0;
            for (int k = 0; k < 4; k++) {
                int at = point + 1 + g * 4 + k;
                value = value * 10 + (at < decimal.length() ? decimal.charAt(at) - '0' : 0);
            }
            digits[count++] = (short) value;
        }
        int first = 0;
        while (first < count && digits[first] == 0) {
            first++;
        }
        int last = count - 1;
        while (last >= first && digits[last] == 0) {
            last--;
        }
        int ndigits = last - first + 1;
        int weight = ndigits == 0 ? 0 : intGroups - 1 - first;
        room(12 + 2 * ndigits);
        int32(8 + 2 * ndigits);
        int16(ndigits);
        int16(weight);
        int16(negative && ndigits > 0 ? NUMERIC_NEGATIVE : 0);
        int16(scale);
        for (int k = first; k <= last; k++) {
            int16(digits[k]);
        }
    }

    void nullField() {
        room(4);
        int32(-1);
    }

    private void int16(int value) {
        buffer[used++] = (byte) (value >> 8);
        buffer[used++] = (byte) value;
    }

    private void int32(int value) {
        buffer[used++] = (byte) (value >> 24);
        buffer[used++] = (byte) (value >> 16);
        buffer[used++] = (byte) (value >> 8);
        buffer[used++] = (byte) value;
    }

    private void int64(long value) {
        int32((int) (value >> 32));
        int32((int) value);
    }

    private void room(int bytes) {
        if (used + bytes > buffer.length) {
            byte[] larger = new byte[Math.max(buffer.length * 2, used + bytes)];
            System.arraycopy(buffer, 0, larger, 0, used);
            buffer = larger;
        }
    }

    private void flush() throws SQLException {
        if (used > 0) {
            copy.writeToCopy(buffer, 0, used);
            used = 0;
        }
    }
}
