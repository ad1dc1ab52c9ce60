package io.partnerhub.shared;


import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one PostgreSQL the platform stores everything in: an external server when
 * {@code PARTNERHUB_DB_URL} is set, otherwise an embedded server whose files live in
 * {@code PARTNERHUB_DATA_DIR}/postgres and survive restarts.
 */
@Configuration(proxyBeanMethods = false)
class Database {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(PartnerhubProperties properties) {
        if (!properties.embeddedDatabase()) {
            return EmbeddedDatabase.none();
        }
        return EmbeddedDatabase.start(properties.dataDir().resolve("postgres"), properties.dbClean());
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(PartnerhubProperties properties, EmbeddedDatabase embedded) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("partnerhub");
        config.setMaximumPoolSize(20);
        if (embedded.running()) {
            config.setJdbcUrl(embedded.jdbcUrl());
            config.setUsername("postgres");
        } else {
            config.setJdbcUrl(properties.dbUrl());
            config.setUsername(properties.dbUser());
            config.setPassword(properties.dbPassword());
        }
        log.info("Database: {}", config.getJdbcUrl());
        return new HikariDataSource(config);
    }
}
