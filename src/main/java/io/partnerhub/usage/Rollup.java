package io.partnerhub.usage;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import io.partnerhub.shared.CopyText;

/**
 * One import's rows summed while they stream ({@code usage_rollup}, V35): per period, day of the
 * charge, account, billing account, service, funding source, charge category and currency, the
 * rows and their list cost, exact. The sums are copied in whenever they reach a bound of keys,
 * and at the end, so the memory taken is bounded however long the file is; a key copied in twice
 * is two rollup rows that readers sum.
 */
final class Rollup {

    /** Keys held before they are copied in: about 120 bytes each. */
    static final int BOUND = 500_000;

    private record Key(int period, int day, String account, String billingAccount, String service,
                       FundingSource funding, ChargeCategory category, String currency) {
    }

    private static final class Sum {
        long rows;
        BigDecimal listCost = BigDecimal.ZERO;
    }

    private final int bound;
    private final Map<Key, Sum> sums = new HashMap<>();
    /** One instance of each account, service and currency text, however many rows repeat it. */
    private final Map<String, String> texts = new HashMap<>();

    /** @param bound the keys held before they are copied in */
    Rollup(int bound) {
        this.bound = bound;
    }

    void add(UsageRow row, LocalDate day) {
        YearMonth period = row.period();
        Key key = new Key(period.getYear() * 12 + period.getMonthValue() - 1, (int) day.toEpochDay(),
                text(row.accountId()), text(row.billingAccountId()), text(row.serviceName()), row.funding(),
                row.category(), text(row.currency()));
        Sum sum = sums.computeIfAbsent(key, k -> new Sum());
        sum.rows++;
        sum.listCost = sum.listCost.add(new BigDecimal(row.listCost()));
    }

    boolean full() {
        return sums.size() >= bound;
    }

    /** Copies the sums into {@code usage_rollup} as rows of import {@code importId}, and forgets them. */
    void store(Connection connection, long importId) throws SQLException {
        if (sums.isEmpty()) {
            return;
        }
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                COPY usage_rollup (import_id, period, day, account_id, billing_account_id, service_name,
                                   funding_source, charge_category, currency, rows, list_cost) FROM STDIN""");
        try {
            StringBuilder text = new StringBuilder(SEND_AT + 1024);
            for (Map.Entry<Key, Sum> entry : sums.entrySet()) {
                line(text, importId, entry.getKey(), entry.getValue());
                if (text.length() >= SEND_AT) {
                    send(copy, text);
                }
            }
            send(copy, text);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        sums.clear();
        texts.clear();
    }

    private static final int SEND_AT = 256 * 1024;

    private static void line(StringBuilder text, long importId, Key key, Sum sum) {
        text.append(importId).append('\t')
                .append(YearMonth.of(key.period() / 12, key.period() % 12 + 1).atDay(1)).append('\t')
                .append(LocalDate.ofEpochDay(key.day())).append('\t');
        CopyText.escape(text, key.account());
        text.append('\t');
        if (key.billingAccount() == null) {
            text.append("\\N");
        } else {
            CopyText.escape(text, key.billingAccount());
        }
        text.append('\t');
        CopyText.escape(text, key.service());
        text.append('\t').append(key.funding().name())
                .append('\t').append(key.category().name())
                .append('\t').append(key.currency())
                .append('\t').append(sum.rows)
                .append('\t').append(sum.listCost.toPlainString()).append('\n');
    }

    private static void send(CopyIn copy, StringBuilder text) throws SQLException {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        text.setLength(0);
    }

    private String text(String value) {
        return value == null ? null : texts.computeIfAbsent(value, v -> v);
    }
}
