package io.tributary.controller;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Drives every job through its life: compiles it, schedules workers, starts and watches its
 * subtasks over the gRPC control plane, and stops it. Learns of jobs from the shared database
 * (written by pipeline-service), and writes each job's state back there.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ControllerServiceApplication {
    public static void main(String[] args) {
        builder().run(args);
    }

    /** Reads {@code controller.properties}, so that it can share a JVM with the other services. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ControllerServiceApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties("spring.config.name=controller");
    }
}
