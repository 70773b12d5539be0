package io.tributary.pipeline.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * A real PostgreSQL for tests: the one named by {@code TRIBUTARY_TEST_POSTGRES_URL} (CI sets it
 * to the machine's server), otherwise an embedded PostgreSQL started from Maven Central binaries.
 * Each call gets a fresh schema, so runs never see each other's rows. controller-service's tests
 * use it too (through this module's test jar), on the same schema.
 */
public final class TestDatabases {
    private static EmbeddedPostgres embedded;

    private TestDatabases() {}

    /** Where a test database is and who to log in as. */
    public record Jdbc(String url, String user) {}

    /** A new, empty schema. */
    public static synchronized Jdbc postgresSchema() {
        String base = Optional.ofNullable(System.getenv("TRIBUTARY_TEST_POSTGRES_URL"))
                .filter(url -> !url.isBlank())
                .orElseGet(TestDatabases::embeddedUrl);
        String user = Optional.ofNullable(System.getenv("TRIBUTARY_TEST_POSTGRES_USER")).orElse("postgres");
        String schema = "tributary_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        try (Connection connection = DriverManager.getConnection(base, user, "")) {
            connection.createStatement().execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test schema in PostgreSQL at " + base, e);
        }
        return new Jdbc(base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema, user);
    }

    private static String embeddedUrl() {
        if (embedded == null) {
            try {
                embedded = EmbeddedPostgres.start();
            } catch (IOException e) {
                throw new UncheckedIOException("no TRIBUTARY_TEST_POSTGRES_URL is set and embedded PostgreSQL "
                        + "did not start (it refuses to run as root)", e);
            }
        }
        return embedded.getJdbcUrl("postgres", "postgres").replaceFirst("\\?.*$", "");
    }

    public static String h2() {
        return "jdbc:h2:mem:tributary-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }
}
