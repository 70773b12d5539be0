package io.tributary.controller.schedule;

import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.tributary.controller.ControllerProperties;
import io.tributary.controller.job.JobEvent;
import io.tributary.controller.job.JobEventRouter;
import io.tributary.controller.rpc.ControlPlaneServer;
import io.tributary.controller.rpc.WorkerRegistry;
import io.tributary.engine.connector.ConnectorRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class SchedulerConfiguration {
    @Bean
    Scheduler scheduler(ControllerProperties properties, ProcessSchedulerProperties process,
            ObjectProvider<ControlPlaneServer> controlPlane, ObjectProvider<JobEventRouter> router,
            WorkerRegistry registry, Environment environment) {
        // The control plane routes worker events to jobs, whose supervisors use this scheduler: it
        // (and the router, which runs the supervisors) is looked up lazily to keep that loop out of construction.
        return switch (properties.scheduler()) {
            case EMBEDDED -> new EmbeddedScheduler(() -> controlPlane.getObject().address(), registry,
                    ConnectorRegistry.load());
            case POOL -> new PoolScheduler(registry);
            case PROCESS -> new ProcessScheduler(process, () -> controlPlane.getObject().address(), registry,
                    exits(router));
            // The client finds its cluster as kubectl does: in a pod, its service account; elsewhere, ~/.kube/config.
            case KUBERNETES -> new KubernetesScheduler(KubernetesSchedulerProperties.bind(Binder.get(environment)),
                    new KubernetesClientBuilder().build(), registry, exits(router));
        };
    }

    /** A worker that ends while its run has it sends the job to Recovering at once, naming it. */
    private static ProcessScheduler.ExitListener exits(ObjectProvider<JobEventRouter> router) {
        return (jobId, workerId, description) -> router.getObject().deliver(jobId,
                new JobEvent.WorkerExited(workerId, description));
    }
}
