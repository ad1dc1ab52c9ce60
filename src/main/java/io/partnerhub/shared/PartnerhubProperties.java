package io.partnerhub.shared;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings read from the environment ({@code PARTNERHUB_*}, see the README).
 *
 * @param dataDir    where the embedded PostgreSQL keeps its files and the generated operator token
 * @param dbUrl      an external PostgreSQL; when blank the embedded one is started
 * @param dbUser     user for the external PostgreSQL
 * @param dbPassword password for the external PostgreSQL
 * @param adminToken the operator token; when blank one is generated and kept in the data dir
 * @param demo       whether the first start of an empty embedded database loads demo data
 * @param dbClean    start the embedded database from an empty directory (tests)
 */
@ConfigurationProperties(prefix = "partnerhub")
public record PartnerhubProperties(
        Path dataDir, String dbUrl, String dbUser, String dbPassword, String adminToken,
        boolean demo, boolean dbClean) {

    public PartnerhubProperties {
        if (dataDir == null) {
            dataDir = Path.of("data");
        }
    }

    public boolean embeddedDatabase() {
        return dbUrl == null || dbUrl.isBlank();
    }
}
