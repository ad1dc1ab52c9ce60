package io.partnerhub.usage;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.SplittableRandom;

import io.partnerhub.program.ProgramVersion;
import io.partnerhub.program.Service;

/**
 * Writes realistic FOCUS files for demos and benchmarks: customers of partners consuming a
 * program's services over chosen months, with a share of excluded services, grant- and
 * bonus-funded rows, credits, the partners' own consumption and accounts no one claims.
 * Accounts are named so a test or benchmark can create matching partners and customers:
 * customer {@code i} is {@code acc-<i>} and belongs to partner {@code i % partners}, whose own
 * account is {@code own-<partner>}.
 */
public final class UsageFileGenerator {

    /** What to generate. Shares are fractions of all rows (0.05 = 5 %). */
    public record Spec(int partners, int customers, long rows, YearMonth from, YearMonth to, double exclusionShare,
                       double grantShare, double bonusShare, double creditShare, double ownShare,
                       double unattributedShare, long seed) {
    }

    static final String HEADER = "BillingAccountId,BillingAccountName,SubAccountId,SubAccountName,BillingPeriodStart,"
            + "BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ChargeDescription,ServiceName,"
            + "ServiceCategory,SkuId,ResourceId,RegionId,PricingQuantity,PricingUnit,ListUnitPrice,ListCost,BilledCost,"
            + "EffectiveCost,BillingCurrency,ProviderName,PublisherName,Tags,x_FundingSource,x_ProjectId\n";

    private final Spec spec;
    private final List<String> customerAccounts;
    private final List<String> partnerAccounts;
    private final List<Service> eligible;
    private final List<Service> excluded;
    private final String currency;
    private final String provider;

    public UsageFileGenerator(Spec spec, String providerName, String currency, ProgramVersion terms) {
        this(spec, providerName, currency, terms,
                java.util.stream.IntStream.range(0, spec.customers()).mapToObj(UsageFileGenerator::customerAccount).toList(),
                java.util.stream.IntStream.range(0, spec.partners()).mapToObj(UsageFileGenerator::partnerAccount).toList());
    }

    /** A generator for given accounts (the spec's counts are then the sizes of these lists). */
    public UsageFileGenerator(Spec spec, String providerName, String currency, ProgramVersion terms,
                              List<String> customerAccounts, List<String> partnerAccounts) {
        if (customerAccounts.isEmpty() || partnerAccounts.isEmpty() || spec.rows() < 0 || spec.to().isBefore(spec.from())) {
            throw new IllegalArgumentException("need at least one partner and customer, rows >= 0, from <= to");
        }
        this.spec = spec;
        this.customerAccounts = List.copyOf(customerAccounts);
        this.partnerAccounts = List.copyOf(partnerAccounts);
        this.eligible = terms.services().stream().filter(s -> !s.excluded()).toList();
        this.excluded = terms.services().stream().filter(Service::excluded).toList();
        this.currency = currency;
        this.provider = providerName;
    }

    public static String customerAccount(int customer) {
        return String.format("acc-%07d", customer);
    }

    public static String partnerAccount(int partner) {
        return String.format("own-%05d", partner);
    }

    /** Writes the header and {@code rows} rows, spread evenly over the months. */
    public void write(Writer out) throws IOException {
        SplittableRandom random = new SplittableRandom(spec.seed());
        out.write(HEADER);
        int months = (int) (spec.to().getYear() * 12L + spec.to().getMonthValue()
                - spec.from().getYear() * 12L - spec.from().getMonthValue()) + 1;
        StringBuilder line = new StringBuilder(512);
        for (long i = 0; i < spec.rows(); i++) {
            YearMonth month = spec.from().plusMonths(i * months / Math.max(1, spec.rows()));
            line.setLength(0);
            row(line, month, random);
            out.append(line);
        }
    }

    private void row(StringBuilder line, YearMonth month, SplittableRandom random) {
        double roll = random.nextDouble();
        String account;
        if (roll < spec.ownShare()) {
            account = partnerAccounts.get(random.nextInt(partnerAccounts.size()));
        } else if (roll < spec.ownShare() + spec.unattributedShare()) {
            account = String.format("stray-%05d", random.nextInt(20));
        } else {
            account = customerAccounts.get(random.nextInt(customerAccounts.size()));
        }
        boolean isExcluded = !excluded.isEmpty() && random.nextDouble() < spec.exclusionShare();
        Service service = isExcluded ? excluded.get(random.nextInt(excluded.size()))
                : eligible.get(random.nextInt(eligible.size()));
        double funding = random.nextDouble();
        String fundingSource = funding < spec.grantShare() ? "GRANT"
                : funding < spec.grantShare() + spec.bonusShare() ? "BONUS" : "MONEY";
        boolean credit = random.nextDouble() < spec.creditShare();
        LocalDate day = month.atDay(1 + random.nextInt(month.lengthOfMonth()));
        int hour = random.nextInt(24);
        long quantityMilli = 1 + random.nextLong(48_000);
        long unitPriceKopecks = 50 + random.nextLong(5_000);
        long costMicro = quantityMilli * unitPriceKopecks * 10;
        if (credit) {
            costMicro = -costMicro / 10;
        }
        String cost = micro(costMicro);
        String sku = "sku-" + service.name().toLowerCase().replace(' ', '-') + "-" + random.nextInt(8);
        line.append("ba-main,Main billing account,").append(account).append(",\"Account ").append(account).append("\",")
                .append(month.atDay(1)).append("T00:00:00+03:00,").append(month.plusMonths(1).atDay(1)).append("T00:00:00+03:00,")
                .append(day).append(' ').append(two(hour)).append(":00:00,")
                .append(day).append(' ').append(two(hour)).append(":59:59,")
                .append(credit ? "Credit" : "Usage").append(",\"").append(service.name()).append(" consumption\",")
                .append(service.name()).append(',').append(credit ? "Other" : "Compute").append(',')
                .append(sku).append(",res-").append(random.nextInt(1_000_000)).append(",ru-central1,")
                .append(milli(quantityMilli)).append(",Hours,").append(kopecks(unitPriceKopecks)).append(',')
                .append(cost).append(',').append(cost).append(',').append(cost).append(',')
                .append(currency).append(',').append(provider).append(',').append(provider).append(',')
                .append("\"{\"\"env\"\":\"\"prod\"\"}\",").append(fundingSource).append(',')
                .append("folder-").append(account).append('-').append(random.nextInt(3)).append('\n');
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    private static String micro(long value) {
        return decimal(value, 6);
    }

    private static String milli(long value) {
        return decimal(value, 3);
    }

    private static String kopecks(long value) {
        return decimal(value, 2);
    }

    private static String decimal(long value, int places) {
        long abs = Math.abs(value);
        long scale = (long) Math.pow(10, places);
        String fraction = Long.toString(abs % scale);
        return (value < 0 ? "-" : "") + abs / scale + "." + "0".repeat(places - fraction.length()) + fraction;
    }
}
