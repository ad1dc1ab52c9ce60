package io.partnerhub.usage;

import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;

import org.postgresql.copy.CopyIn;

/**
 * Writes usage rows into a running {@code COPY usage_row FROM STDIN} in PostgreSQL's text format,
 * encoding straight into a byte buffer that is sent a piece at a time, so memory stays flat
 * however long the file is and no row is formatted twice.
 */
final class CopyRows {

    static final String COLUMNS = """
            import_id, period, account_id, charge_start, charge_end, charge_category, service_name, service_category,
            project_id, parent_project_id, funding_source, list_cost, billed_cost, effective_cost, currency, sku_id,
            resource_id, pricing_quantity, pricing_unit, provider_name, billing_account_id""";

    private static final int FLUSH_AT = 256 * 1024;

    private final CopyIn copy;
    private final String importId;
    private byte[] buffer = new byte[FLUSH_AT + 64 * 1024];
    private int used;
    private long rows;

    CopyRows(CopyIn copy, long importId) {
        this.copy = copy;
        this.importId = Long.toString(importId);
    }

    void write(UsageRow row) throws SQLException {
        if (used >= FLUSH_AT) {
            flush();
        }
        ascii(importId);
        tab();
        period(row.period());
        tab();
        text(row.accountId());
        instant(row.chargeStart());
        instant(row.chargeEnd());
        ascii(row.category().name());
        tab();
        text(row.serviceName());
        text(row.serviceCategory());
        text(row.projectId());
        text(row.parentProjectId());
        ascii(row.funding().name());
        tab();
        text(row.listCost());
        text(row.billedCost());
        text(row.effectiveCost());
        text(row.currency());
        text(row.skuId());
        text(row.resourceId());
        text(row.pricingQuantity());
        text(row.pricingUnit());
        text(row.providerName());
        text(row.billingAccountId());
        buffer[used - 1] = '\n';
        rows++;
    }

    /** Sends what is buffered and ends the COPY. @return the rows PostgreSQL took */
    long finish() throws SQLException {
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

    private void tab() {
        buffer[used++] = '\t';
    }

    /** A text value, escaped for COPY and encoded as UTF-8, then a tab; null as {@code \N}. */
    private void text(String value) {
        if (value == null) {
            room(3);
            buffer[used++] = '\\';
            buffer[used++] = 'N';
            tab();
            return;
        }
        room(value.length() * 6 + 1);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '\\' -> escape('\\');
                    case '\t' -> escape('t');
                    case '\n' -> escape('n');
                    case '\r' -> escape('r');
                    default -> buffer[used++] = (byte) c;
                }
            } else if (c < 0x800) {
                buffer[used++] = (byte) (0xC0 | c >> 6);
                buffer[used++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, value.charAt(++i));
                buffer[used++] = (byte) (0xF0 | cp >> 18);
                buffer[used++] = (byte) (0x80 | cp >> 12 & 0x3F);
                buffer[used++] = (byte) (0x80 | cp >> 6 & 0x3F);
                buffer[used++] = (byte) (0x80 | cp & 0x3F);
            } else {
                buffer[used++] = (byte) (0xE0 | c >> 12);
                buffer[used++] = (byte) (0x80 | c >> 6 & 0x3F);
                buffer[used++] = (byte) (0x80 | c & 0x3F);
            }
        }
        tab();
    }

    private void escape(char c) {
        buffer[used++] = '\\';
        buffer[used++] = (byte) c;
    }

    private void ascii(String value) {
        room(value.length());
        for (int i = 0; i < value.length(); i++) {
            buffer[used++] = (byte) value.charAt(i);
        }
    }

    private void period(YearMonth period) {
        room(10);
        digits(period.getYear(), 4);
        buffer[used++] = '-';
        digits(period.getMonthValue(), 2);
        buffer[used++] = '-';
        buffer[used++] = '0';
        buffer[used++] = '1';
    }

    /** An instant as {@code YYYY-MM-DD HH:MM:SS[.nnnnnnnnn]+00}, then a tab; null as {@code \N}. */
    private void instant(Instant instant) {
        if (instant == null) {
            text(null);
            return;
        }
        room(40);
        long seconds = instant.getEpochSecond();
        long day = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        // civil_from_days (Howard Hinnant)
        long z = day + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        int dayOfMonth = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        digits((int) year, 4);
        buffer[used++] = '-';
        digits(month, 2);
        buffer[used++] = '-';
        digits(dayOfMonth, 2);
        buffer[used++] = ' ';
        digits(secondOfDay / 3600, 2);
        buffer[used++] = ':';
        digits(secondOfDay / 60 % 60, 2);
        buffer[used++] = ':';
        digits(secondOfDay % 60, 2);
        if (instant.getNano() != 0) {
            buffer[used++] = '.';
            digits(instant.getNano(), 9);
        }
        buffer[used++] = '+';
        buffer[used++] = '0';
        buffer[used++] = '0';
        tab();
    }

    private void digits(int value, int width) {
        for (int i = width - 1; i >= 0; i--) {
            buffer[used + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        used += width;
    }

    private void room(int bytes) {
        if (used + bytes + 1 > buffer.length) {
            byte[] larger = new byte[Math.max(buffer.length * 2, used + bytes + 1)];
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
