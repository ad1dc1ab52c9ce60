package io.partnerhub.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * The operator token: {@code PARTNERHUB_ADMIN_TOKEN} when set; otherwise one generated on the
 * first start and kept in {@code PARTNERHUB_DATA_DIR/operator-token}, so a fresh machine works
 * without configuration and the token survives restarts.
 */
@Component
@ConditionalOnWebApplication
public class OperatorToken {

    private final String value;
    private final String origin;

    OperatorToken(PartnerhubProperties properties) {
        if (properties.adminToken() != null && !properties.adminToken().isBlank()) {
            this.value = properties.adminToken().strip();
            this.origin = "PARTNERHUB_ADMIN_TOKEN";
        } else {
            Path file = properties.dataDir().resolve("operator-token");
            this.value = readOrCreate(file);
            this.origin = file.toString();
        }
    }

    public boolean matches(String presented) {
        return Tokens.same(value, presented);
    }

    public String value() {
        return value;
    }

    /** Where the token came from, for the start-up message. */
    public String origin() {
        return origin;
    }

    private static String readOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            String token = Tokens.generate("op_");
            Files.writeString(file, token + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the file keeps the default permissions
            }
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the operator token in " + file, e);
        }
    }
}
