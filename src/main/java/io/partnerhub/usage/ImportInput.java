package io.partnerhub.usage;

import java.io.BufferedInputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;

import io.partnerhub.shared.InputLimits;
import io.partnerhub.shared.Sha256;

/**
 * The bytes of an uploaded file on their way to a reader: gunzipped when they are gzip (whatever
 * the request says; strictly, see {@link StrictGzip}), kept within the configured size and
 * expansion ({@link SizeLimit}), hashed as they pass (the SHA-256 of the content identifies the file), the
 * UTF-8 byte-order mark dropped, decoded strictly as UTF-8.
 */
final class ImportInput {

    private final DigestInputStream digest;
    private final Reader reader;

    private ImportInput(DigestInputStream digest, Reader reader) {
        this.digest = digest;
        this.reader = reader;
    }

    static ImportInput open(InputStream raw) throws IOException {
        return open(raw, InputLimits.defaults());
    }

    static ImportInput open(InputStream raw, InputLimits limits) throws IOException {
        SizeLimit.Counted counted = new SizeLimit.Counted(raw);
        BufferedInputStream in = new BufferedInputStream(counted, 1 << 16);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        InputStream content = new SizeLimit(gzip ? new StrictGzip(in) : in, counted, gzip, limits);
        DigestInputStream digest = new DigestInputStream(content, Sha256.digest());
        BufferedInputStream text = new BufferedInputStream(digest, 1 << 16);
        text.mark(3);
        if (!(text.read() == 0xEF && text.read() == 0xBB && text.read() == 0xBF)) {
            text.reset();
        }
        Reader reader = new InputStreamReader(text, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
        return new ImportInput(digest, new FilterReader(reader) {
            @Override
            public void close() {
                // the reader is done; the content is drained for the checksum and closed by its owner
            }
        });
    }

    Reader reader() {
        return reader;
    }

    /** Reads what the reader left unread, so the checksum covers the whole content, and returns it. */
    String checksum() throws IOException {
        byte[] rest = new byte[1 << 16];
        while (digest.read(rest) >= 0) {
            // drain: trailing bytes after the last row still belong to the content
        }
        return Sha256.hex(digest.getMessageDigest());
    }
}
