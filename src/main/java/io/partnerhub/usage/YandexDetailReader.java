package io.partnerhub.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.function.Consumer;


/**
 * Yandex Cloud billing detail CSV, the billing-account export and the partner export alike: one
 * line is one SKU's consumption on one Moscow day ({@code date}) of a billing account, its
 * {@code cost} at list price. The cost becomes a USAGE row paid with money and, for the part a
 * grant paid ({@code monetary_grant_credit}), a USAGE row funded GRANT (the two sum to the cost);
 * every other non-zero credit becomes a CREDIT row. {@code reward}, labels and names are ignored.
 */
final class YandexDetailReader extends CsvExportReader {

    static final String[] REQUIRED = {"billing_account_id", "date", "service_name", "cost", "currency"};

    /** The credits other than the grant, each a CREDIT row of its own. */
    static final String[] CREDITS = {"volume_incentive_credit", "cud_credit", "misc_credit"};

    static final String PROVIDER = "Yandex Cloud";

    /** The zone of a Yandex {@code date}: the day runs 00:00-23:59 Moscow time whatever the caller's zone. */
    private static final ZoneId YANDEX_DAY = ZoneId.of("Europe/Moscow");

    YandexDetailReader() {
        super("Yandex Cloud detail", REQUIRED);
    }

    @Override
    LineReader lineReader(CsvColumns header) {
        return new Columns(header);
    }

    /** The positions of the columns Yandex detail rows are read from. */
    private static final class Columns implements LineReader {
        final int account;
        final int date;
        final int service;
        final int cost;
        final int currency;
        final int folder;
        final int cloud;
        final int sku;
        final int resource;
        final int quantity;
        final int unit;
        final int totalCredit;
        final int grant;
        final int[] credits = new int[CREDITS.length];

        Columns(CsvColumns header) {
            account = header.position("billing_account_id");
            date = header.position("date");
            service = header.position("service_name");
            cost = header.position("cost");
            currency = header.position("currency");
            folder = header.position("folder_id");
            cloud = header.position("cloud_id");
            sku = header.position("sku_id");
            resource = header.position("resource_id");
            quantity = header.position("pricing_quantity");
            unit = header.position("pricing_unit");
            totalCredit = header.position("credit");
            grant = header.position("monetary_grant_credit");
            for (int i = 0; i < CREDITS.length; i++) {
                credits[i] = header.position(CREDITS[i]);
            }
        }

        /** Sends the rows of one line to {@code rows}, or records why the line is bad and sends none. */
        @Override
        public void read(RowCheck check, ImportContext context, Consumer<UsageRow> rows) {
            String accountId = check.text(account, true);
            LocalDate day = check.date(date, true);
            String serviceName = check.text(service, true);
            String listCost = check.decimal(cost, true);
            String quantityValue = check.decimal(quantity, false);
            String currencyCode = check.currency(currency, context);
            credit(check, totalCredit);
            BigDecimal grantPart = credit(check, grant);
            BigDecimal[] creditValues = new BigDecimal[CREDITS.length];
            for (int i = 0; i < CREDITS.length; i++) {
                creditValues[i] = credit(check, credits[i]);
            }
            // a Yandex date is already a Moscow day, and Moscow months are the periods (PROGRAMS.md, "Period")
            YearMonth period = day == null ? null : check.period(YearMonth.from(day), date, context);
            if (!check.ok()) {
                return;
            }
            Row row = new Row(period, accountId, day.atStartOfDay(YANDEX_DAY).toInstant(),
                    day.plusDays(1).atStartOfDay(YANDEX_DAY).toInstant(), serviceName, check.text(folder, false),
                    check.text(cloud, false), currencyCode, check.text(sku, false), check.text(resource, false),
                    quantityValue, check.text(unit, false));
            if (grantPart == null) {
                rows.accept(row.of(ChargeCategory.USAGE, FundingSource.MONEY, listCost));
            } else {
                String paidWithMoney = new BigDecimal(listCost).add(grantPart).toPlainString();
                rows.accept(row.of(ChargeCategory.USAGE, FundingSource.MONEY, paidWithMoney));
                rows.accept(row.of(ChargeCategory.USAGE, FundingSource.GRANT, grantPart.negate().toPlainString()));
            }
            for (BigDecimal credit : creditValues) {
                if (credit != null) {
                    rows.accept(row.of(ChargeCategory.CREDIT, FundingSource.MONEY, credit.toPlainString()));
                }
            }
        }

        /**
         * A credit column's value: null when absent or zero; a problem when it is no decimal or is
         * positive (Yandex writes credits as zero or negative amounts).
         */
        private static BigDecimal credit(RowCheck check, int column) {
            String value = check.decimal(column, false);
            if (value == null) {
                return null;
            }
            BigDecimal credit = new BigDecimal(value);
            if (credit.signum() > 0) {
                check.fail(column, "'" + value + "' is positive; a credit is zero or negative");
                return null;
            }
            return credit.signum() == 0 ? null : credit;
        }
    }

    /** What every row of one line shares; the rows differ in category, funding and amount. */
    private record Row(YearMonth period, String accountId, Instant start, Instant end, String serviceName,
                       String folderId, String cloudId, String currency, String skuId, String resourceId,
                       String quantity, String unit) {

        UsageRow of(ChargeCategory category, FundingSource funding, String listCost) {
            return new UsageRow(period, accountId, start, end, category, serviceName, null, folderId, cloudId,
                    funding, listCost, null, null, currency, skuId, resourceId, quantity, unit, PROVIDER, accountId);
        }
    }
}
