package io.tributary.worker;

import io.tributary.engine.connector.ConnectorRegistry;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** A worker in its own process: registers with the controller and runs what it is assigned. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WorkerServiceApplication {
    public static void main(String[] args) {
        builder().run(args);
    }

    /** Reads {@code worker.properties}, so that it can share a JVM with the other services. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(WorkerServiceApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties("spring.config.name=worker");
    }

    @Bean(destroyMethod = "close")
    Worker worker(WorkerProperties properties) {
        return Worker.start(properties.toConfig(), ConnectorRegistry.load());
    }
}
