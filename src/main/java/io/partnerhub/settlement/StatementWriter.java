package io.partnerhub.settlement;

import io.partnerhub.settlement.rules.Statement;
import io.partnerhub.settlement.rules.StatementLine;
import io.partnerhub.shared.CopyText;
import io.partnerhub.shared.Money;
import io.partnerhub.shared.ReasonText;
import org.postgresql.PGConnection;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Renders a period's statements and their lines as PostgreSQL COPY text, in chunks of a few
 * statements. The settling thread adds statements; the thread that owns the connection copies each
 * finished chunk, statements before their lines, while the next chunk is being settled.
 */
final class StatementWriter {

    /** Statements per chunk: small enough that storing overlaps settling, large enough that COPY pays off. */
    static final int CHUNK_STATEMENTS = 16;

    /** The statement's columns as the writer copies them, and as a shared close's finish moves them. */
    static final String STATEMENT_COLUMNS = """
            partner_id, period, program_id, program_version, model, tier, currency, list_cost, eligible_cost, discount,
            reward, rebate, bonus, payable, measures, qualification_window, balance_payout""";
    static final String LINE_COLUMNS = """
            partner_id, period, line_no, kind, customer_id, base, rate, amount, corrects, explanation, reason_code,
            reason_args""";

    /**
     * Where the statements go: issued, or staged by a part of a shared close (whose transaction sets
     * {@code partnerhub.close_run}, the staged rows' run).
     */
    enum Target {
        ISSUED("statement", "statement_line"),
        STAGED("close_staged_statement", "close_staged_statement_line");

        private final String copyStatements;
        private final String copyLines;

        Target(String statements, String lines) {
            this.copyStatements = "copy " + statements + " (" + STATEMENT_COLUMNS + ") from stdin";
            this.copyLines = "copy " + lines + " (" + LINE_COLUMNS + ") from stdin";
        }
    }

    private final ObjectMapper json;
    private final Target target;
    private final BlockingQueue<Chunk> finished = new LinkedBlockingQueue<>();
    private Chunk filling = new Chunk();
    private int count;

    StatementWriter(ObjectMapper json) {
        this(json, Target.ISSUED);
    }

    StatementWriter(ObjectMapper json, Target target) {
        this.json = json;
        this.target = target;
    }

    /** A statement and its lines as COPY text, rendered on any thread. */
    record Rendered(String statement, String lines) {
    }

    /** Renders {@code s}; pure, so the settling threads render statements side by side. */
    Rendered render(Statement s) {
        Map<String, String> measures = new TreeMap<>();
        s.measures().forEach((key, value) -> measures.put(key, value.toPlainString()));
        StringBuilder statement = new StringBuilder(256);
        row(statement, s.partnerId(), s.period().atDay(1), s.programId(), s.programVersion(),
                s.model().name(), s.tier(), s.currency(), s.totals().listCost(), s.totals().eligibleCost(),
                s.totals().discount(), s.totals().reward(), s.totals().rebate(), s.totals().bonus(),
                s.totals().payable(), json.writeValueAsString(measures),
                s.qualificationWindow() == null ? null : s.qualificationWindow().atDay(1), s.totals().balancePayout());
        StringBuilder lines = new StringBuilder(s.lines().size() * 160);
        int lineNo = 0;
        for (StatementLine line : s.lines()) {
            row(lines, s.partnerId(), s.period().atDay(1), ++lineNo, line.kind().name(), line.customerId(),
                    line.base(), line.rate(), line.amount(), line.corrects() == null ? null : line.corrects().atDay(1),
                    ReasonText.english(line.reason()), line.reason().code(), json.writeValueAsString(line.reason().jsonArgs()));
        }
        return new Rendered(statement.toString(), lines.toString());
    }

    /** Adds a rendered statement to the chunk being filled, in partner order; called by one thread only. */
    void add(Rendered rendered) {
        count++;
        filling.statements.append(rendered.statement());
        filling.lines.append(rendered.lines());
        if (++filling.size == CHUNK_STATEMENTS) {
            finishChunk();
        }
    }

    /** Hands over the last, partly filled chunk; called by the settling thread when it is done. */
    void finishChunk() {
        if (filling.size > 0) {
            finished.add(filling);
            filling = new Chunk();
        }
    }

    /** Statements added so far. */
    int count() {
        return count;
    }

    /** Copies every finished chunk into the database on {@code connection}; returns without waiting for more. */
    void copyFinished(Connection connection) throws SQLException, IOException {
        for (Chunk chunk; (chunk = finished.poll()) != null; ) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn(target.copyStatements, new StringReader(chunk.statements.toString()));
            copy.copyIn(target.copyLines, new StringReader(chunk.lines.toString()));
        }
    }

    private static final class Chunk {
        final StringBuilder statements = new StringBuilder(1 << 12);
        final StringBuilder lines = new StringBuilder(1 << 16);
        int size;
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
                CopyText.escape(out, value.toString());
            }
        }
        out.append('\n');
    }
}
