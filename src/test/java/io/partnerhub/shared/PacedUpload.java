package io.partnerhub.shared;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

import io.partnerhub.Api;

/**
 * A usage import over real HTTP whose body the test hands over in parts: the server holds the
 * request open, mid-{@code COPY}, for as long as the test waits, so a kill or a SIGTERM lands
 * inside the import however fast or slow the machine is.
 */
final class PacedUpload {

    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> parts = new LinkedBlockingQueue<>();
    final CompletableFuture<HttpResponse<String>> response;

    private PacedUpload(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/usage/imports?format=focus&fileName=usage.csv"))
                .header("Authorization", "Bearer " + Api.OPERATOR_TOKEN).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new Parts(parts))).build();
        this.response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Starts the import and sends {@code first}; the rest waits for {@link #finish(byte[])}. */
    static PacedUpload begin(int port, byte[] first) {
        PacedUpload upload = new PacedUpload(port);
        upload.parts.add(first);
        return upload;
    }

    /** Sends {@code rest}, ends the body, and gives the answer to come. */
    CompletableFuture<HttpResponse<String>> finishing(byte[] rest) {
        parts.add(rest);
        parts.add(END);
        return response;
    }

    /** The body as the HTTP client reads it: the parts in order, blocking until the next is handed over. */
    private static final class Parts extends InputStream {
        private final BlockingQueue<byte[]> parts;
        private byte[] current = new byte[0];
        private int position;

        Parts(BlockingQueue<byte[]> parts) {
            this.parts = parts;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            while (position == current.length) {
                if (current == END) {
                    return -1;
                }
                try {
                    current = parts.take();
                    position = 0;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("the upload was abandoned", e);
                }
            }
            int count = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, count);
            position += count;
            return count;
        }
    }
}
