package io.partnerhub.usage;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;

/** The export formats the platform reads, by the name clients use ({@code format=focus}). */
public enum UsageFormat {
    FOCUS("focus", FocusCsvReader::new),
    YANDEX_DETAIL("yandex-detail", YandexDetailReader::new);

    private final String id;
    private final Supplier<UsageFileReader> reader;

    UsageFormat(String id, Supplier<UsageFileReader> reader) {
        this.id = id;
        this.reader = reader;
    }

    public String id() {
        return id;
    }

    UsageFileReader reader() {
        return reader.get();
    }

    public static Optional<UsageFormat> byId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equalsIgnoreCase(String.valueOf(id).strip())).findFirst();
    }
}
