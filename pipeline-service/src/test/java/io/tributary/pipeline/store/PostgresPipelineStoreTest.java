package io.tributary.pipeline.store;

import io.tributary.pipeline.PipelineServiceApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(classes = PipelineServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "spring.config.name=pipeline")
class PostgresPipelineStoreTest extends PipelineStoreContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.Jdbc database = TestDatabases.postgresSchema();
        registry.add("tributary.database.url", database::url);
        registry.add("tributary.database.username", database::user);
    }
}
