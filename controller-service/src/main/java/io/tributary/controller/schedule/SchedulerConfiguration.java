package io.tributary.controller.schedule;

import io.tributary.controller.ControllerProperties;
import io.tributary.controller.rpc.ControlPlaneServer;
import io.tributary.controller.rpc.WorkerRegistry;
import io.tributary.engine.connector.ConnectorRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SchedulerConfiguration {
    @Bean
    Scheduler scheduler(ControllerProperties properties, ControlPlaneServer controlPlane, WorkerRegistry registry) {
        return switch (properties.scheduler()) {
            case EMBEDDED -> new EmbeddedScheduler(controlPlane, registry, ConnectorRegistry.load());
            case POOL -> new PoolScheduler(registry);
        };
    }
}
