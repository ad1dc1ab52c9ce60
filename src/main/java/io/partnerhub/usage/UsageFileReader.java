package io.partnerhub.usage;

import java.io.IOException;
import java.io.Reader;
import java.util.function.Consumer;

/** Reads one export format: every good row goes to {@code rows}, every bad value to {@code problems}. */
interface UsageFileReader {

    /** @return the number of data rows read, good and bad */
    long read(Reader in, ImportContext context, Consumer<UsageRow> rows, ImportProblems problems) throws IOException;
}
