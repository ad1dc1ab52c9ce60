package io.partnerhub.customer;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

import org.postgresql.PGConnection;

/**
 * Customers loaded in bulk with {@code COPY}, each linked to a partner from a day, for the
 * benchmarks' population (the {@code seed} command): no consent, no event, in the caller's
 * transaction. The API creates and links customers one at a time; this is for hundreds of thousands.
 */
public final class BulkCustomers {

    /** One customer and the open-ended link it starts with. */
    public record Row(String name, String taxId, String accountId, long partnerId, LocalDate linkedFrom) {
    }

    private BulkCustomers() {
    }

    public static void load(Connection connection, List<Row> rows, String createdBy) throws SQLException {
        StringBuilder copy = new StringBuilder();
        String[] accounts = new String[rows.size()];
        Long[] partners = new Long[rows.size()];
        Date[] from = new Date[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            copy.append(r.name()).append('\t').append(r.taxId()).append('\t').append(r.accountId()).append('\t')
                    .append(createdBy).append('\n');
            accounts[i] = r.accountId();
            partners[i] = r.partnerId();
            from[i] = Date.valueOf(r.linkedFrom());
        }
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY customer (name, tax_id, account_id, created_by) FROM STDIN", new StringReader(copy.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY customer failed", e);
        }
        try (PreparedStatement link = connection.prepareStatement("""
                insert into customer_link (partner_id, customer_id, valid_from, created_by)
                select l.partner_id, c.id, l.valid_from, ?
                  from unnest(?, ?, ?) as l(account_id, partner_id, valid_from)
                  join customer c on c.account_id = l.account_id""")) {
            link.setString(1, createdBy);
            link.setArray(2, connection.createArrayOf("text", accounts));
            link.setArray(3, connection.createArrayOf("bigint", partners));
            link.setArray(4, connection.createArrayOf("date", from));
            link.execute();
        }
    }
}
