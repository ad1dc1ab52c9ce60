package io.partnerhub.billing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Reads a bank statement in the 1C exchange format ({@code 1CClientBankExchange}, the text file Russian
 * banks export for accounting programs). No library on Maven Central reads it; the subset read is in
 * docs/bank-exchange.md.
 */
public final class BankStatementReader {

    private BankStatementReader() {
    }

    /**
     * The statement in {@code content}: UTF-8 (with or without a byte-order mark), windows-1251 or CP866.
     *
     * @throws BankStatementInvalid with every problem of the file, each naming its line and field
     */
    public static BankStatement read(byte[] content) {
        Objects.requireNonNull(content, "content");
        Problems problems = new Problems();
        StatementText text = StatementText.decode(content, problems);
        problems.throwIfAny();
        return new StatementParser(problems).parse(text, sha256(content));
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
