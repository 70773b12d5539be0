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
 * @param stateUrl the checkpoint store of jobs that have none yet ({@code file:///dir}); a job keeps the
 *     store its first run used
 * @param retainedCheckpoints how many completed checkpoints of a job are kept in the store
 * @param checkpointTimeout a checkpoint not completed within this long is abandoned
 * @param maxRestarts how many times a failed job is recovered within {@code restartWindow} before it fails
 * @param restartWindow the span over which restarts count against {@code maxRestarts}
 * @param restartBackoff the wait before the first restart, doubled for each further one in the window
 * @param maxRestartBackoff the longest wait before a restart
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
        @DefaultValue("30s") Duration stopTimeout,
        String stateUrl,
        @DefaultValue("3") int retainedCheckpoints,
        @DefaultValue("5m") Duration checkpointTimeout,
        @DefaultValue("5") int maxRestarts,
        @DefaultValue("10m") Duration restartWindow,
        @DefaultValue("1s") Duration restartBackoff,
        @DefaultValue("60s") Duration maxRestartBackoff) {

    /**
     * {@code embedded}: workers inside this JVM, one per run; {@code pool}: workers that registered on
     * their own; {@code process}: a worker JVM per run, started by this controller
     * ({@code tributary.controller.process.*}); {@code kubernetes}: a worker pod per run, created by
     * this controller ({@code tributary.controller.kubernetes.*}).
     */
    public enum SchedulerKind { EMBEDDED, POOL, PROCESS, KUBERNETES }

    public ControllerProperties {
        requireNonNull(compilerUrl, "compilerUrl is null");
        requireNonNull(scheduler, "scheduler is null");
        requireNonNull(pollInterval, "pollInterval is null");
        requireNonNull(workerRegistrationTimeout, "workerRegistrationTimeout is null");
        requireNonNull(heartbeatTimeout, "heartbeatTimeout is null");
        requireNonNull(stopTimeout, "stopTimeout is null");
        requireNonNull(stateUrl, "stateUrl is null (tributary.controller.state-url)");
        requireNonNull(checkpointTimeout, "checkpointTimeout is null");
        requireNonNull(restartWindow, "restartWindow is null");
        requireNonNull(restartBackoff, "restartBackoff is null");
        requireNonNull(maxRestartBackoff, "maxRestartBackoff is null");
        if (retainedCheckpoints < 1) {
            throw new IllegalArgumentException("tributary.controller.retained-checkpoints must be at least 1, got "
                    + retainedCheckpoints);
        }
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("tributary.controller.max-restarts must not be negative, got "
                    + maxRestarts);
        }
    }
}
