package io.partnerhub.usage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import io.partnerhub.shared.ContentTooLarge;
import io.partnerhub.shared.InputLimits;

/**
 * An import's content kept within {@code partnerhub.limits.import-size}, and, when it is gunzipped,
 * within {@code import-expansion} times the compressed bytes read so far (once past 64 MB): a small
 * gzip that unpacks to gigabytes is refused after a fraction of a second of work, not a minute.
 */
final class SizeLimit extends FilterInputStream {

    private static final long EXPANSION_CHECKED_FROM = 64L << 20;

    private final Counted raw;
    private final boolean gzip;
    private final InputLimits limits;
    private long content;

    SizeLimit(InputStream content, Counted raw, boolean gzip, InputLimits limits) {
        super(content);
        this.raw = raw;
        this.gzip = gzip;
        this.limits = limits;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    private void counted(int n) {
        content += n;
        if (content > limits.importSize().toBytes()) {
            throw new ContentTooLarge("The file's content is larger than " + limits.importSize()
                    + " (partnerhub.limits.import-size); nothing was stored.");
        }
        if (gzip && content > EXPANSION_CHECKED_FROM && content > raw.bytes * limits.importExpansion()) {
            throw new ContentTooLarge("The gzip file unpacks to more than " + limits.importExpansion()
                    + " times its size (partnerhub.limits.import-expansion); nothing was stored.");
        }
    }

    /** Counts the bytes read from the request as they were sent. */
    static final class Counted extends FilterInputStream {
        private long bytes;

        Counted(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                bytes++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                bytes += n;
            }
            return n;
        }
    }
}
