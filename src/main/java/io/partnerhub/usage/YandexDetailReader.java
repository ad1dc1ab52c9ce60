package io.partnerhub.usage;

import java.io.IOException;
import java.io.Reader;
import java.util.function.Consumer;

/** Yandex Cloud billing detail CSV (account and partner exports). */
final class YandexDetailReader implements UsageFileReader {

    @Override
    public long read(Reader in, ImportContext context, Consumer<UsageRow> rows, ImportProblems problems)
            throws IOException {
        throw new UnsupportedOperationException("not yet");
    }
}
