package io.tributary.controller.store;

import io.tributary.controller.job.JobState;
import io.tributary.proto.checkpoint.CheckpointMetadata;
import java.util.List;
import java.util.Optional;

/**
 * The controller's view of the shared database: it reads jobs and their desired state (written
 * by pipeline-service) and writes every state transition, with its time and reason, and every
 * checkpoint it coordinates.
 */
public interface JobStore {
    /** Jobs that need a supervisor: every job not yet ended, and ended ones asked to run again. */
    List<JobRecord> jobsToSupervise();

    Optional<JobRecord> job(String jobId);

    /** The planned program of the job's pipeline, protobuf-encoded. */
    byte[] program(String jobId);

    /** Starts a new run of the job and returns its number. */
    long nextRun(String jobId);

    /** Persists a transition together with the job's new state and the times it implies. */
    void transition(String jobId, long runId, JobState from, JobState to, String reason, long atMicros,
            Optional<String> failure);

    /**
     * Records how a run starts: the job's checkpoint store (kept if the job has one already) and the
     * checkpoint it restores; checkpoints earlier runs left in progress are marked failed.
     */
    void runStarting(String jobId, long runId, Optional<String> stateUrl, Optional<Long> restoredEpoch, long atMicros);

    /** Records where the workers of the job's run listen, so that a controller taking the job over can stop them. */
    void recordRunWorkers(String jobId, long runId, List<String> rpcAddresses);

    /** The rpc addresses of the workers of the job's latest run, as recorded; empty if none were. */
    List<String> runWorkers(String jobId);

    /**
     * Records that the run starting now carries out the restart requested at {@code requestedAtMicros},
     * and up to which epoch checkpoints hold discarded state (raised only by a restart ignoring state).
     */
    void restartCarriedOut(String jobId, long requestedAtMicros, long discardedThroughEpoch);

    /** Counts a recovery of the job after a failure. */
    void restarted(String jobId);

    /** A checkpoint began: it is in progress until {@link #checkpointCompleted} or {@link #checkpointFailed}. */
    void checkpointStarted(String jobId, long runId, long epoch, String backend, boolean thenStop, long startMicros);

    /** The checkpoint's metadata is durable in the store: it is complete and can be restored. */
    void checkpointCompleted(CheckpointMetadata metadata);

    /** An in-progress checkpoint was abandoned; a completed one stays completed. */
    void checkpointFailed(String jobId, long epoch, long atMicros, String reason);
}
