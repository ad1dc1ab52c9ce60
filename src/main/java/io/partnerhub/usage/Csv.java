package io.partnerhub.usage;

import java.io.Reader;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;

/** The one way billing exports are read as CSV: comma-separated, quotes optional, empty lines skipped. */
final class Csv {

    private Csv() {
    }

    static CsvReader<CsvRecord> reader(Reader in) {
        return CsvReader.builder()
                .skipEmptyLines(true)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .build(de.siegmar.fastcsv.reader.CsvRecordHandler.of(), in);
    }

    /** The line a parse error happened on, as far as the message tells; 0 when it does not. */
    static long lineOf(CsvParseException e) {
        String message = String.valueOf(e.getMessage());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("line (\\d+)").matcher(message);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
