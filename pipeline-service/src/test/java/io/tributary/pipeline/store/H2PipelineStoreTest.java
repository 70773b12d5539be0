package io.tributary.pipeline.store;

import io.tributary.pipeline.PipelineServiceApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(classes = PipelineServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "spring.config.name=pipeline")
class H2PipelineStoreTest extends PipelineStoreContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = TestDatabases.h2();
        registry.add("tributary.database.url", () -> url);
    }
}
