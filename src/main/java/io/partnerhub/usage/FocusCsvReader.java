package io.partnerhub.usage;

import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Iterator;
import java.util.function.Consumer;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

/**
 * FOCUS cost and usage CSV, as real exports write it: columns by header name in any order,
 * unknown columns ignored, quoted or not, {@code NULL} tokens, timestamps with {@code T} or a
 * space and with or without a zone (none: UTC), values in any case, negative amounts.
 * A row's period is the month of its BillingPeriodStart, else of its ChargePeriodStart, in the
 * programs' zone (PROGRAMS.md, "Period").
 */
final class FocusCsvReader implements UsageFileReader {

    static final String[] REQUIRED = {"SubAccountId", "ChargePeriodStart", "ChargeCategory", "ServiceName", "ListCost",
            "BillingCurrency"};

    @Override
    public long read(Reader in, ImportContext context, Consumer<UsageRow> rows, ImportProblems problems)
            throws IOException {
        try (CsvReader<CsvRecord> csv = Csv.reader(in)) {
            Iterator<CsvRecord> records = csv.iterator();
            if (!records.hasNext()) {
                problems.add(1, "(header)", "the file is empty: a header line with the FOCUS columns is required");
                return 0;
            }
            Columns columns = new Columns(new CsvColumns(records.next()));
            if (!columns.complete(problems)) {
                return 0;
            }
            long count = 0;
            while (records.hasNext()) {
                CsvRecord record = records.next();
                count++;
                UsageRow row = columns.row(record, context, problems);
                if (row != null) {
                    rows.accept(row);
                }
            }
            return count;
        } catch (CsvParseException e) {
            problems.add(Csv.lineOf(e), "(file)", "the CSV cannot be read on: " + e.getMessage());
            return 0;
        }
    }

    /** The positions of the columns FOCUS rows are read from. */
    private static final class Columns {
        final CsvColumns header;
        final int account;
        final int chargeStart;
        final int chargeEnd;
        final int billingPeriodStart;
        final int category;
        final int service;
        final int serviceCategory;
        final int listCost;
        final int billedCost;
        final int effectiveCost;
        final int currency;
        final int funding;
        final int project;
        final int sku;
        final int resource;
        final int quantity;
        final int unit;
        final int provider;
        final int publisher;
        final int billingAccount;

        Columns(CsvColumns header) {
            this.header = header;
            account = header.position("SubAccountId");
            chargeStart = header.position("ChargePeriodStart");
            chargeEnd = header.position("ChargePeriodEnd");
            billingPeriodStart = header.position("BillingPeriodStart");
            category = header.position("ChargeCategory");
            service = header.position("ServiceName");
            serviceCategory = header.position("ServiceCategory");
            listCost = header.position("ListCost");
            billedCost = header.position("BilledCost");
            effectiveCost = header.position("EffectiveCost");
            currency = header.position("BillingCurrency");
            funding = header.position("x_FundingSource");
            project = header.position("x_ProjectId");
            sku = header.position("SkuId");
            resource = header.position("ResourceId");
            quantity = header.position("PricingQuantity");
            unit = header.position("PricingUnit");
            provider = header.position("ProviderName");
            publisher = header.position("PublisherName");
            billingAccount = header.position("BillingAccountId");
        }

        boolean complete(ImportProblems problems) {
            for (String name : REQUIRED) {
                if (header.position(name) < 0) {
                    problems.add(1, name, "required column is missing from the header");
                }
            }
            return !problems.any();
        }

        UsageRow row(CsvRecord record, ImportContext context, ImportProblems problems) {
            long line = record.getStartingLineNumber();
            if (record.getFieldCount() != header.count()) {
                problems.add(line, "(row)", "has " + record.getFieldCount() + " fields; the header has " + header.count());
                return null;
            }
            RowCheck check = new RowCheck(record, line, header, problems);
            String accountId = check.text(account, true);
            Instant start = check.instant(chargeStart, true);
            Instant end = check.instant(chargeEnd, false);
            Instant billingStart = check.instant(billingPeriodStart, false);
            ChargeCategory chargeCategory = check.category(category);
            String serviceName = check.text(service, true);
            String list = check.decimal(listCost, true);
            String billed = check.decimal(billedCost, false);
            String effective = check.decimal(effectiveCost, false);
            String quantityValue = check.decimal(quantity, false);
            String currencyCode = check.currency(currency, context);
            FundingSource fundingSource = check.funding(funding);
            Instant periodStart = billingStart != null ? billingStart : start;
            YearMonth period = periodStart == null ? null : check.period(
                    context.periodOf(periodStart),
                    billingStart != null ? billingPeriodStart : chargeStart, context);
            if (!check.ok()) {
                return null;
            }
            return new UsageRow(period, accountId, start, end, chargeCategory, serviceName,
                    check.text(serviceCategory, false), check.text(project, false), null, fundingSource,
                    list, billed, effective, currencyCode, check.text(sku, false), check.text(resource, false),
                    quantityValue, check.text(unit, false),
                    provider >= 0 ? check.text(provider, false) : check.text(publisher, false),
                    check.text(billingAccount, false));
        }
    }
}
