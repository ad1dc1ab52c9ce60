package io.partnerhub.usage;

import java.time.Instant;
import java.time.YearMonth;
import java.util.function.Consumer;


/**
 * FOCUS cost and usage CSV, as real exports write it: columns by header name in any order,
 * unknown columns ignored, quoted or not, {@code NULL} tokens, timestamps with {@code T} or a
 * space and with or without a zone (none: UTC), values in any case, negative amounts.
 * A row's period is the month of its BillingPeriodStart, else of its ChargePeriodStart, in the
 * programs' zone (PROGRAMS.md, "Period").
 */
final class FocusCsvReader extends CsvExportReader {

    static final String[] REQUIRED = {"SubAccountId", "ChargePeriodStart", "ChargeCategory", "ServiceName", "ListCost",
            "BillingCurrency"};

    FocusCsvReader() {
        super("FOCUS", REQUIRED);
    }

    @Override
    LineReader lineReader(CsvColumns header) {
        return new Columns(header);
    }

    /** The positions of the columns FOCUS rows are read from. */
    private static final class Columns implements LineReader {
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

        @Override
        public void read(RowCheck check, ImportContext context, Consumer<UsageRow> rows) {
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
                return;
            }
            rows.accept(new UsageRow(period, accountId, start, end, chargeCategory, serviceName,
                    check.text(serviceCategory, false), check.text(project, false), null, fundingSource,
                    list, billed, effective, currencyCode, check.text(sku, false), check.text(resource, false),
                    quantityValue, check.text(unit, false),
                    provider >= 0 ? check.text(provider, false) : check.text(publisher, false),
                    check.text(billingAccount, false)));
        }
    }
}
