package io.partnerhub.usage;

import static io.partnerhub.ApiFixture.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.partnerhub.Api;
import io.partnerhub.PlatformTest;

/**
 * A usage import's gzip is read strictly and within limits: bytes after the gzip data are refused
 * (they were ignored), a gzip that unpacks to a thousand times its size stops with 413 at once (a
 * 1 MB gzip of 1 GiB took a minute of CPU and was imported), and a file name is printable text.
 */
@PlatformTest
class ImportLimitsApiTest {

    private static final String IMPORTS = "/api/v1/usage/imports?format=focus";

    @LocalServerPort
    int port;

    @Test
    void bytesAfterTheGzipDataAreRefusedAndNothingIsStored() throws IOException {
        Api api = new Api(port);
        String account = "acc-" + Api.unique();
        byte[] gzip = gzip(file(account));
        byte[] withGarbage = Arrays.copyOf(gzip, gzip.length + 5);

        Api.Response refused = api.upload(IMPORTS, Api.OPERATOR_TOKEN, withGarbage, "application/gzip");

        assertProblem(refused, 422);
        assertThat(refused.body().get("errors").get(0).get("message").asString())
                .isEqualTo("the file ends unexpectedly or is damaged: bytes follow the end of the gzip data");
        Api.Response whole = api.upload(IMPORTS, Api.OPERATOR_TOKEN, gzip, "application/gzip");
        assertThat(whole.status()).as(whole.raw()).isEqualTo(201);
        assertThat(whole.body().get("rowsAccepted").asInt()).isEqualTo(1);
    }

    @Test
    void twoGzipMembersInARowAreOneFile() throws IOException {
        Api api = new Api(port);
        String account = "acc-" + Api.unique();
        String header = "ListCost,SubAccountId,ChargeCategory,ServiceName,ChargePeriodStart,BillingCurrency\n";
        byte[] first = gzip(header + "1.00," + account + ",Usage,Compute Cloud,2026-05-03T00:00:00Z,RUB\n");
        byte[] second = gzip("2.00," + account + ",Usage,Compute Cloud,2026-05-04T00:00:00Z,RUB\n");
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);

        Api.Response imported = api.upload(IMPORTS, Api.OPERATOR_TOKEN, both, "application/gzip");

        assertThat(imported.status()).as(imported.raw()).isEqualTo(201);
        assertThat(imported.body().get("rowsAccepted").asInt()).isEqualTo(2);
    }

    @Test
    void aGzipBombStopsWith413AtOnce() throws IOException {
        Api api = new Api(port);
        byte[] spaces = new byte[1 << 20];
        Arrays.fill(spaces, (byte) ' ');
        byte[] member = gzip(new String(spaces, StandardCharsets.US_ASCII));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(gzip("ListCost,SubAccountId,ChargeCategory,ServiceName,ChargePeriodStart,BillingCurrency\n"));
        for (int i = 0; i < 1024; i++) {
            bytes.write(member);
        }
        assertThat(bytes.size()).isLessThan(1_100_000);
        long started = System.nanoTime();

        Api.Response refused = api.upload(IMPORTS, Api.OPERATOR_TOKEN, bytes.toByteArray(), "application/gzip");

        assertProblem(refused, 413);
        assertThat(refused.text("detail")).isEqualTo("The gzip file unpacks to more than 200 times its size"
                + " (partnerhub.limits.import-expansion); nothing was stored.");
        assertThat((System.nanoTime() - started) / 1_000_000_000.0).isLessThan(10.0);
    }

    @Test
    void aFileNameWithANulOrControlCharacterIsRefusedNotA500() {
        Api api = new Api(port);
        byte[] content = file("acc-" + Api.unique()).getBytes(StandardCharsets.UTF_8);

        Api.Response nul = api.upload(IMPORTS + "&fileName=a%00b", Api.OPERATOR_TOKEN, content, "text/csv");

        assertProblem(nul, 400);
        assertThat(nul.text("detail")).isEqualTo("fileName must not contain a NUL or other control character.");
        assertProblem(api.upload(IMPORTS + "&fileName=a%01b", Api.OPERATOR_TOKEN, content, "text/csv"), 400);
        Api.Response named = api.upload(IMPORTS + "&fileName=may.csv", Api.OPERATOR_TOKEN, content, "text/csv");
        assertThat(named.status()).as(named.raw()).isEqualTo(201);
    }

    private static String file(String account) {
        return "ListCost,SubAccountId,ChargeCategory,ServiceName,ChargePeriodStart,BillingCurrency\n"
                + "1.00," + account + ",Usage,Compute Cloud,2026-05-03T00:00:00Z,RUB\n";
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
