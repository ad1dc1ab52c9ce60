package io.partnerhub.partner;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

import org.postgresql.PGConnection;

import io.partnerhub.program.PartnerModel;

/**
 * Partners loaded in bulk with {@code COPY} for the benchmarks' population (the {@code seed}
 * command): no eligibility check, no event, only the rows and each partner's contract standing,
 * in the caller's transaction. The API registers partners one at a time; this is for thousands.
 */
public final class BulkPartners {

    /** One partner: a legal entity in Russia registered before its contract. */
    public record Row(String programId, PartnerModel model, String tier, String name, String taxId,
                      LocalDate registeredOn, LocalDate contractDate, String accountId) {
    }

    private BulkPartners() {
    }

    /** Loads the partners and their standing from the contract date; returns the first one's id (ids follow in order). */
    public static long load(Connection connection, List<Row> rows, String createdBy) throws SQLException {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no partners to load");
        }
        StringBuilder copy = new StringBuilder();
        for (Row r : rows) {
            copy.append(r.programId()).append('\t').append(r.model()).append('\t')
                    .append(r.tier() == null ? "\\N" : r.tier()).append('\t').append(r.name()).append('\t')
                    .append("LEGAL_ENTITY\t").append(r.taxId()).append('\t').append(r.registeredOn()).append("\tRU\t")
                    .append(r.contractDate()).append('\t').append(r.accountId()).append('\t').append(createdBy).append('\n');
        }
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY partner (program_id, model, tier, name,"
                    + " legal_form, tax_id, registered_on, country, contract_date, account_id, created_by) FROM STDIN",
                    new StringReader(copy.toString()));
        } catch (java.io.IOException e) {
            throw new SQLException("COPY partner failed", e);
        }
        long first;
        try (PreparedStatement select = connection.prepareStatement(
                "select id from partner where created_by = ? and program_id = ? and tax_id = ?")) {
            select.setString(1, createdBy);
            select.setString(2, rows.getFirst().programId());
            select.setString(3, rows.getFirst().taxId());
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                first = rs.getLong(1);
            }
        }
        try (PreparedStatement standing = connection.prepareStatement("""
                insert into partner_standing (partner_id, effective_from, model, tier, reason)
                select id, contract_date, model, tier, 'contract' from partner where created_by = ? and id >= ?""")) {
            standing.setString(1, createdBy);
            standing.setLong(2, first);
            standing.execute();
        }
        return first;
    }
}
