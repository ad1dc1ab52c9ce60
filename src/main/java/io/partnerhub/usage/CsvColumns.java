package io.partnerhub.usage;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import de.siegmar.fastcsv.reader.CsvRecord;

/**
 * A CSV header: columns found by name, case-insensitively and in any order; columns nobody asks
 * for are ignored.
 */
final class CsvColumns {

    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> names;

    CsvColumns(CsvRecord header) {
        this.names = header.getFields();
        for (int i = 0; i < names.size(); i++) {
            index.putIfAbsent(key(names.get(i)), i);
        }
    }

    /** The position of the column, or -1 when the file has none of that name. */
    int position(String name) {
        return index.getOrDefault(key(name), -1);
    }

    /** The column's name as the file writes it. */
    String name(int position) {
        return names.get(position);
    }

    int count() {
        return names.size();
    }

    /** The value of the column in the record, or null when the column is absent. */
    static String value(CsvRecord record, int position) {
        return position < 0 || position >= record.getFieldCount() ? null : record.getField(position);
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
