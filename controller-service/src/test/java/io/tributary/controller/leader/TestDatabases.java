package io.tributary.controller.leader;

import io.tributary.pipeline.store.TestDatabases.Jdbc;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * pipeline-service's test databases, migrated with its migrations (which own the schema): each
 * call gets a fresh H2 database or PostgreSQL schema.
 */
final class TestDatabases {
    /** Relative to this module, where Maven runs its tests. */
    private static final String MIGRATIONS = "filesystem:../pipeline-service/src/main/resources/db/migration";

    private TestDatabases() {}

    static DataSource h2() {
        return migrated(new DriverManagerDataSource(io.tributary.pipeline.store.TestDatabases.h2(), "sa", ""));
    }

    static DataSource postgres() {
        Jdbc jdbc = io.tributary.pipeline.store.TestDatabases.postgresSchema();
        return migrated(new DriverManagerDataSource(jdbc.url(), jdbc.user(), ""));
    }

    private static DataSource migrated(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations(MIGRATIONS).load().migrate();
        return dataSource;
    }
}
