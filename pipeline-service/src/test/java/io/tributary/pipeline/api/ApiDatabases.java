package io.tributary.pipeline.api;

import io.tributary.pipeline.store.TestDatabases;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The database an API test's service runs on. The default test run uses an in-memory H2; the
 * {@code api-on-postgres} run of this module (see its pom) sets {@code tributary.test.api-database=postgres}
 * and runs the same API tests on a fresh schema of a real PostgreSQL, so every endpoint is checked
 * on both databases the service supports.
 */
final class ApiDatabases {
    private ApiDatabases() {}

    /** Registers a new database named after {@code name} as the service's. */
    static void register(DynamicPropertyRegistry registry, String name) {
        if ("postgres".equals(System.getProperty("tributary.test.api-database"))) {
            TestDatabases.Jdbc database = TestDatabases.postgresSchema();
            registry.add("tributary.database.url", database::url);
            registry.add("tributary.database.username", database::user);
        } else {
            String url = "jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
            registry.add("tributary.database.url", () -> url);
        }
    }
}
