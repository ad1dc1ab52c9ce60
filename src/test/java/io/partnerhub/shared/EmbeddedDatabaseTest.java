package io.partnerhub.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** The embedded PostgreSQL keeps its data in the data directory across restarts. */
class EmbeddedDatabaseTest {

    @Test
    void dataSurvivesARestart(@TempDir Path dataDir) throws Exception {
        try (EmbeddedDatabase first = EmbeddedDatabase.start(dataDir, false)) {
            assertThat(first.freshlyCreated()).isTrue();
            JdbcTemplate jdbc = jdbc(first);
            jdbc.execute("create table kept (value text)");
            jdbc.update("insert into kept values ('survives')");
        }

        try (EmbeddedDatabase second = EmbeddedDatabase.start(dataDir, false)) {
            assertThat(second.freshlyCreated()).isFalse();
            assertThat(jdbc(second).queryForObject("select value from kept", String.class)).isEqualTo("survives");
        }
    }

    @Test
    void aSecondOwnerIsRefusedWithAPlainMessage(@TempDir Path dataDir) throws Exception {
        try (EmbeddedDatabase owner = EmbeddedDatabase.start(dataDir, false)) {
            assertThat(owner.running()).isTrue();

            assertThatThrownBy(() -> EmbeddedDatabase.start(dataDir, false))
                    .isInstanceOf(EmbeddedDatabase.EmbeddedDatabaseInUse.class)
                    .hasMessageContaining(dataDir.toString()).hasMessageContaining("in use by another Partnerhub process");
        }
    }

    private static JdbcTemplate jdbc(EmbeddedDatabase database) {
        return new JdbcTemplate(new SimpleDriverDataSource(new org.postgresql.Driver(), database.jdbcUrl(), "postgres", ""));
    }
}
