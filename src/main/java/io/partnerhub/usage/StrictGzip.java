package io.partnerhub.usage;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * The content of gzip data (RFC 1952), one member or several in a row, read strictly: every
 * member's checksum and length are checked, and anything after the last member is refused. The
 * JDK's {@code GZIPInputStream} silently ignores trailing bytes it cannot read as another member,
 * so a file with garbage appended was imported as if whole.
 */
final class StrictGzip extends InputStream {

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int RESERVED = 0xE0;

    private final PushbackInputStream in;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] input = new byte[1 << 16];
    private int inputLength;
    private long memberSize;
    private boolean ended;

    StrictGzip(InputStream raw) throws IOException {
        this.in = new PushbackInputStream(raw, input.length);
        readHeader(true);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!ended) {
            int n = inflate(b, off, len);
            if (n > 0) {
                crc.update(b, off, n);
                memberSize += n;
                return n;
            }
            if (inflater.finished()) {
                endMember();
            } else if (inflater.needsDictionary()) {
                throw new ZipException("the gzip data asks for a preset dictionary");
            } else if (inflater.needsInput()) {
                inputLength = in.read(input);
                if (inputLength < 0) {
                    throw new EOFException("the gzip data ends before its end");
                }
                inflater.setInput(input, 0, inputLength);
            }
        }
        return -1;
    }

    private int inflate(byte[] b, int off, int len) throws ZipException {
        try {
            return inflater.inflate(b, off, len);
        } catch (DataFormatException e) {
            throw new ZipException("the gzip data is damaged: " + e.getMessage());
        }
    }

    /** Checks the finished member's trailer; then either another member follows or the data ends. */
    private void endMember() throws IOException {
        int remaining = inflater.getRemaining();
        if (remaining > 0) {
            in.unread(input, inputLength - remaining, remaining);
        }
        long expectedCrc = readInt();
        long expectedSize = readInt();
        if (expectedCrc != crc.getValue() || expectedSize != (memberSize & 0xFFFF_FFFFL)) {
            throw new ZipException("the gzip data is damaged: its checksum or length does not match");
        }
        ended = !readHeader(false);
    }

    /** Reads a member header; false at a clean end after a member, a refusal for anything else. */
    private boolean readHeader(boolean first) throws IOException {
        int id1 = in.read();
        if (id1 < 0 && !first) {
            return false;
        }
        if (id1 != 0x1F || in.read() != 0x8B) {
            throw new ZipException(first ? "not gzip data" : "bytes follow the end of the gzip data");
        }
        if (readByte() != 8) {
            throw new ZipException("the gzip data uses an unknown compression method");
        }
        int flags = readByte();
        if ((flags & RESERVED) != 0) {
            throw new ZipException("the gzip header has reserved flags set");
        }
        skip(6);
        if ((flags & FEXTRA) != 0) {
            skip(readByte() | readByte() << 8);
        }
        if ((flags & FNAME) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FCOMMENT) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FHCRC) != 0) {
            skip(2);
        }
        inflater.reset();
        crc.reset();
        memberSize = 0;
        return true;
    }

    private long readInt() throws IOException {
        return readByte() | (long) readByte() << 8 | (long) readByte() << 16 | (long) readByte() << 24;
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the gzip data ends before its end");
        }
        return b;
    }

    private void skip(int bytes) throws IOException {
        for (int i = 0; i < bytes; i++) {
            readByte();
        }
    }

    private void skipZeroTerminated() throws IOException {
        while (readByte() != 0) {
            // a file name or comment: not used
        }
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }
}
