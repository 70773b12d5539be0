package io.tributary.controller.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.controller.rpc.WorkerRegistry;
import io.tributary.controller.store.JdbcJobStore;
import io.tributary.controller.store.JobStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** The controller's own meters at {@code /actuator/prometheus}, beside the JVM's and Spring's. */
@Configuration(proxyBeanMethods = false)
public class ControllerMetricsConfiguration {
    /** What the controller's parts get as their job store: the database's, counted. */
    @Bean
    @Primary
    JobStore meteredJobStore(JdbcJobStore database, MeterRegistry meters) {
        return new MeteredJobStore(database, meters);
    }

    @Bean
    Gauge registeredWorkers(WorkerRegistry registry, MeterRegistry meters) {
        return Gauge.builder("tributary.workers.registered", registry, WorkerRegistry::size)
                .description("Workers registered with this controller")
                .register(meters);
    }
}
