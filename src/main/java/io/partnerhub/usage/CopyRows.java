package io.partnerhub.usage;

import java.sql.SQLException;
import java.time.YearMonth;

import org.postgresql.copy.CopyIn;

/**
 * Writes usage rows into a running {@code COPY usage_row FROM STDIN (FORMAT binary)}. The values
 * were checked by the reader; this class only encodes them.
 */
final class CopyRows {

    static final String COLUMNS = """
            import_id, period, account_id, charge_start, charge_end, charge_category, service_name, service_category,
            project_id, parent_project_id, funding_source, list_cost, billed_cost, effective_cost, currency, sku_id,
            resource_id, pricing_quantity, pricing_unit, provider_name, billing_account_id""";
    static final String COPY = "COPY usage_row (" + COLUMNS + ") FROM STDIN (FORMAT binary)";

    private static final int FIELDS = 21;

    private final BinaryCopy copy;
    private final long importId;

    CopyRows(CopyIn copy, long importId) {
        this.copy = new BinaryCopy(copy);
        this.importId = importId;
    }

    void write(UsageRow row) throws SQLException {
        copy.row(FIELDS);
        copy.bigint(importId);
        copy.date(epochDay(row.period()));
        copy.text(row.accountId());
        copy.timestamp(row.chargeStart());
        copy.timestamp(row.chargeEnd());
        copy.text(row.category().name());
        copy.text(row.serviceName());
        copy.text(row.serviceCategory());
        copy.text(row.projectId());
        copy.text(row.parentProjectId());
        copy.text(row.funding().name());
        copy.numeric(row.listCost());
        copy.numeric(row.billedCost());
        copy.numeric(row.effectiveCost());
        copy.text(row.currency());
        copy.text(row.skuId());
        copy.text(row.resourceId());
        copy.numeric(row.pricingQuantity());
        copy.text(row.pricingUnit());
        copy.text(row.providerName());
        copy.text(row.billingAccountId());
    }

    /** Ends the COPY. @return the rows PostgreSQL took */
    long finish() throws SQLException {
        return copy.finish();
    }

    void cancel() throws SQLException {
        copy.cancel();
    }

    static long epochDay(YearMonth month) {
        return Values.epochDay(month.getYear(), month.getMonthValue(), 1);
    }
}
