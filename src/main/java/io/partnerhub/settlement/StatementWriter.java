package io.partnerhub.settlement;

import io.partnerhub.shared.Money;
import org.postgresql.PGConnection;
import tools.jackson.databind.ObjectMapper;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a period's statements with PostgreSQL COPY: lines go to a spool file as partners are
 * settled (the usage cursor holds the connection meanwhile), statements stay in memory (one small
 * row each); both are copied in when the period is settled.
 */
final class StatementWriter implements AutoCloseable {

    private final ObjectMapper json;
    private final Path linesFile;
    private final Writer lines;
    private final StringBuilder statements = new StringBuilder();
    private int count;

    StatementWriter(ObjectMapper json) {
        this.json = json;
        try {
            this.linesFile = Files.createTempFile("partnerhub-statement-lines", ".copy");
            this.lines = new BufferedWriter(Files.newBufferedWriter(linesFile, StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void add(Statement s) {
        count++;
        Map<String, String> measures = new TreeMap<>();
        s.measures().forEach((key, value) -> measures.put(key, value.toPlainString()));
        row(statements, s.partnerId(), s.period().atDay(1), s.programId(), s.programVersion(), s.model().name(),
                s.tier(), s.currency(), s.totals().listCost(), s.totals().eligibleCost(), s.totals().discount(),
                s.totals().reward(), s.totals().rebate(), s.totals().bonus(), s.totals().payable(),
                json.writeValueAsString(measures),
                s.qualificationWindow() == null ? null : s.qualificationWindow().atDay(1));
        StringBuilder buffer = new StringBuilder(256);
        int lineNo = 0;
        for (StatementLine line : s.lines()) {
            buffer.setLength(0);
            row(buffer, s.partnerId(), s.period().atDay(1), ++lineNo, line.kind().name(), line.customerId(), line.base(),
                    line.rate(), line.amount(), line.corrects() == null ? null : line.corrects().atDay(1),
                    line.explanation());
            try {
                lines.append(buffer);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    int count() {
        return count;
    }

    /** Copies the statements, then their lines, into the database on {@code connection}. */
    void copyInto(Connection connection) throws SQLException, IOException {
        lines.close();
        var copy = connection.unwrap(PGConnection.class).getCopyAPI();
        copy.copyIn("""
                copy statement (partner_id, period, program_id, program_version, model, tier, currency, list_cost,
                                eligible_cost, discount, reward, rebate, bonus, payable, measures, qualification_window)
                from stdin""", new java.io.StringReader(statements.toString()));
        try (Reader reader = Files.newBufferedReader(linesFile, StandardCharsets.UTF_8)) {
            copy.copyIn("""
                    copy statement_line (partner_id, period, line_no, kind, customer_id, base, rate, amount, corrects,
                                         explanation)
                    from stdin""", reader);
        }
    }

    @Override
    public void close() throws IOException {
        lines.close();
        Files.deleteIfExists(linesFile);
    }

    /** One row of COPY's text format: tab-separated, \N for null, backslash escapes. */
    private static void row(StringBuilder out, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            Object value = values[i];
            if (value == null) {
                out.append("\\N");
            } else if (value instanceof Money money) {
                out.append(money.toDecimalString());
            } else if (value instanceof BigDecimal decimal) {
                out.append(decimal.toPlainString());
            } else {
                escape(out, value.toString());
            }
        }
        out.append('\n');
    }

    private static void escape(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }
}
