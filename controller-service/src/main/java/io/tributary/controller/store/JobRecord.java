package io.tributary.controller.store;

import static java.util.Objects.requireNonNull;

import io.tributary.controller.job.JobState;
import io.tributary.controller.job.RestartRequest;
import io.tributary.controller.job.StopRequest;
import java.util.Optional;

/**
 * A job as the controller reads it from the shared database.
 *
 * @param desiredAtMicros when the user last changed what they want of the job
 * @param ttlMicros how long the job may run (previews)
 * @param preview the job previews a query: it keeps no state and is not recovered
 * @param checkpointIntervalMicros how often the job's pipeline wants a checkpoint
 * @param stateUrl the checkpoint store the job's first run chose; absent before it
 * @param restarts how often the job was recovered after a failure
 * @param restart the restarts the user asked for and how far the controller carried them out
 */
public record JobRecord(
        String jobId,
        String pipelineId,
        JobState state,
        long runId,
        StopRequest stop,
        boolean runningDesired,
        long desiredAtMicros,
        Optional<Long> finishTime,
        Optional<Long> ttlMicros,
        int parallelism,
        boolean preview,
        long checkpointIntervalMicros,
        Optional<String> stateUrl,
        int restarts,
        RestartStatus restart) {
    public JobRecord {
        requireNonNull(jobId, "jobId is null");
        requireNonNull(pipelineId, "pipelineId is null");
        requireNonNull(state, "state is null");
        requireNonNull(stop, "stop is null");
        requireNonNull(finishTime, "finishTime is null");
        requireNonNull(ttlMicros, "ttlMicros is null");
        requireNonNull(stateUrl, "stateUrl is null");
        requireNonNull(restart, "restart is null");
    }

    /** Whether the job takes checkpoints (and so restores from them): every job but previews. */
    public boolean checkpointed() {
        return !preview && checkpointIntervalMicros > 0;
    }

    /** A terminal job that the user asked to run again after it ended. */
    public boolean restartRequested() {
        return (state == JobState.STOPPED || state == JobState.FAILED)
                && runningDesired
                && stop == StopRequest.NONE
                && desiredAtMicros > finishTime.orElse(0L);
    }

    /**
     * The restart the user asked for that no run has carried out yet. A stop asked for after it
     * overrides it: the latest wish wins.
     */
    public Optional<RestartRequest> pendingRestart() {
        return restart.requested().filter(request -> request.requestedAtMicros() > restart.carriedOutAtMicros()
                && request.requestedAtMicros() >= desiredAtMicros);
    }
}
