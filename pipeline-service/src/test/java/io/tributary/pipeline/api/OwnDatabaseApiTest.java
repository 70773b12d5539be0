package io.tributary.pipeline.api;

import io.tributary.api.client.TributaryClient;
import io.tributary.pipeline.PipelineServiceApplication;
import java.net.URI;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * API tests of a service on a database of the test class's own, into which they write rows as the
 * controller would (no controller runs here): a client of the API, and the database.
 */
@SpringBootTest(classes = PipelineServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=pipeline"})
abstract class OwnDatabaseApiTest {
    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    TributaryClient client;

    /** For a subclass's {@code @DynamicPropertySource}: a new database of its own (see {@link ApiDatabases}). */
    static void newDatabase(DynamicPropertyRegistry registry, String name) {
        ApiDatabases.register(registry, name);
    }

    @BeforeEach
    void connect() {
        client = new TributaryClient(URI.create("http://localhost:" + port));
    }
}
