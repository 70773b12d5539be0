package io.tributary.pipeline;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The REST API under {@code /api/v1}: validation, pipelines and their jobs. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PipelineServiceApplication {
    public static void main(String[] args) {
        builder().run(args);
    }

    /**
     * Every service reads its own {@code <name>.properties}, so that several can share one JVM
     * (the {@code cluster} launcher) without one's {@code application.properties} leaking into another.
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(PipelineServiceApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties("spring.config.name=pipeline");
    }
}
