package io.tributary.controller;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tributary.controller.*}.
 *
 * @param grpcPort the control plane's port (workers register here); 0 picks a free one
 * @param grpcAdvertisedHost how workers reach the control plane
 * @param compilerUrl where compiler-service is
 * @param scheduler how workers are obtained
 * @param pollInterval how often the database is read for new jobs and changed desired states
 * @param workerRegistrationTimeout how long started workers may take to register
 * @param heartbeatTimeout a worker silent for this long is considered lost
 * @param stopTimeout how long stopping tasks may take before they are abandoned
 */
@ConfigurationProperties("tributary.controller")
public record ControllerProperties(
        @DefaultValue("9190") int grpcPort,
        @DefaultValue("localhost") String grpcAdvertisedHost,
        @DefaultValue("http://localhost:8002") URI compilerUrl,
        @DefaultValue("embedded") SchedulerKind scheduler,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("60s") Duration workerRegistrationTimeout,
        @DefaultValue("30s") Duration heartbeatTimeout,
        @DefaultValue("30s") Duration stopTimeout) {

    /** {@code embedded}: workers inside this JVM, one per run; {@code pool}: workers that registered on their own. */
    public enum SchedulerKind { EMBEDDED, POOL }

    public ControllerProperties {
        requireNonNull(compilerUrl, "compilerUrl is null");
        requireNonNull(scheduler, "scheduler is null");
        requireNonNull(pollInterval, "pollInterval is null");
        requireNonNull(workerRegistrationTimeout, "workerRegistrationTimeout is null");
        requireNonNull(heartbeatTimeout, "heartbeatTimeout is null");
        requireNonNull(stopTimeout, "stopTimeout is null");
    }
}
