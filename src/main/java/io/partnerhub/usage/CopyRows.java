package io.partnerhub.usage;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

import org.postgresql.copy.CopyIn;

/**
 * Writes usage rows into a running {@code COPY usage_row FROM STDIN} in PostgreSQL's text format,
 * a buffer at a time, so memory stays flat however long the file is.
 */
final class CopyRows {

    static final String COLUMNS = """
            import_id, period, account_id, charge_start, charge_end, charge_category, service_name, service_category,
            project_id, parent_project_id, funding_source, list_cost, billed_cost, effective_cost, currency, sku_id,
            resource_id, pricing_quantity, pricing_unit, provider_name, billing_account_id""";

    private static final int FLUSH_AT = 256 * 1024;

    private final CopyIn copy;
    private final String importId;
    private final StringBuilder line = new StringBuilder(512);
    private byte[] buffer = new byte[FLUSH_AT + 64 * 1024];
    private int used;
    private long rows;

    CopyRows(CopyIn copy, long importId) {
        this.copy = copy;
        this.importId = Long.toString(importId);
    }

    void write(UsageRow row) throws SQLException {
        line.setLength(0);
        line.append(importId).append('\t');
        line.append(row.period().atDay(1)).append('\t');
        text(row.accountId());
        line.append(row.chargeStart()).append('\t');
        line.append(row.chargeEnd() == null ? "\\N" : row.chargeEnd().toString()).append('\t');
        line.append(row.category().name()).append('\t');
        text(row.serviceName());
        text(row.serviceCategory());
        text(row.projectId());
        text(row.parentProjectId());
        line.append(row.funding().name()).append('\t');
        text(row.listCost());
        text(row.billedCost());
        text(row.effectiveCost());
        text(row.currency());
        text(row.skuId());
        text(row.resourceId());
        text(row.pricingQuantity());
        text(row.pricingUnit());
        text(row.providerName());
        line.append(row.billingAccountId() == null ? "\\N" : escaped(row.billingAccountId())).append('\n');
        append(line);
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

    private void text(String value) {
        if (value == null) {
            line.append("\\N");
        } else {
            line.append(escaped(value));
        }
        line.append('\t');
    }

    private static CharSequence escaped(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                return escapedSlow(value);
            }
        }
        return value;
    }

    private static String escapedSlow(String value) {
        StringBuilder s = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> s.append("\\\\");
                case '\t' -> s.append("\\t");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                default -> s.append(c);
            }
        }
        return s.toString();
    }

    private void append(CharSequence text) throws SQLException {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        if (used + bytes.length > buffer.length) {
            flush();
            if (bytes.length > buffer.length) {
                buffer = new byte[bytes.length];
            }
        }
        System.arraycopy(bytes, 0, buffer, used, bytes.length);
        used += bytes.length;
        if (used >= FLUSH_AT) {
            flush();
        }
    }

    private void flush() throws SQLException {
        if (used > 0) {
            copy.writeToCopy(buffer, 0, used);
            used = 0;
        }
    }
}
