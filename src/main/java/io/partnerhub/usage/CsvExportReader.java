package io.partnerhub.usage;

import java.io.IOException;
import java.io.Reader;
import java.util.Iterator;
import java.util.function.Consumer;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

/**
 * What every CSV export format shares: a header naming the columns (matched case-insensitively,
 * in any order, unknown ones ignored), required columns, one line per record with as many fields
 * as the header, and every bad value reported with its line and column. A format supplies its
 * required columns and how one line becomes usage rows.
 */
abstract class CsvExportReader implements UsageFileReader {

    /** Turns one checked line into zero or more rows; a bad value is recorded on the check. */
    interface LineReader {
        void read(RowCheck line, ImportContext context, Consumer<UsageRow> rows);
    }

    private final String formatName;
    private final String[] requiredColumns;

    /** @param formatName the format's name, for messages */
    CsvExportReader(String formatName, String... requiredColumns) {
        this.formatName = formatName;
        this.requiredColumns = requiredColumns;
    }

    /** How the lines of a file with this header become rows. */
    abstract LineReader lineReader(CsvColumns header);

    @Override
    public final long read(Reader in, ImportContext context, Consumer<UsageRow> rows, ImportProblems problems)
            throws IOException {
        try (CsvReader<CsvRecord> csv = Csv.reader(in)) {
            Iterator<CsvRecord> records = csv.iterator();
            if (!records.hasNext()) {
                problems.add(1, "(header)", "the file is empty: a header line with the " + formatName
                        + " columns is required");
                return 0;
            }
            CsvColumns header = new CsvColumns(records.next());
            for (String name : requiredColumns) {
                if (header.position(name) < 0) {
                    problems.add(1, name, "required column is missing from the header");
                }
            }
            if (problems.any()) {
                return 0;
            }
            LineReader lines = lineReader(header);
            long count = 0;
            while (records.hasNext()) {
                CsvRecord record = records.next();
                count++;
                long line = record.getStartingLineNumber();
                if (record.getFieldCount() != header.count()) {
                    problems.add(line, "(row)", "has " + record.getFieldCount() + " fields; the header has " + header.count());
                    continue;
                }
                lines.read(new RowCheck(record, line, header, problems), context, rows);
            }
            return count;
        } catch (CsvParseException e) {
            problems.add(Csv.lineOf(e), "(file)", "the CSV cannot be read on: " + e.getMessage());
            return 0;
        }
    }
}
