package io.tributary.controller.metrics;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tributary.controller.job.JobState;
import io.tributary.controller.store.JobRecord;
import io.tributary.controller.store.JobStore;
import io.tributary.proto.checkpoint.CheckpointMetadata;
import io.tributary.proto.checkpoint.SubtaskCheckpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The job store, counted for Prometheus as the controller writes to it: jobs per state (as this
 * controller last read or wrote them), recoveries, checkpoint durations, sizes and failures.
 * Everything the controller does to a job goes through the store, so the meters need no hooks in
 * the state machine.
 */
public final class MeteredJobStore implements JobStore {
    private final JobStore delegate;
    private final Map<String, JobState> states = new ConcurrentHashMap<>();
    private final Counter restarts;
    private final Counter failedCheckpoints;
    private final Timer checkpointDuration;
    private final DistributionSummary checkpointSize;

    public MeteredJobStore(JobStore delegate, MeterRegistry meters) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        for (JobState state : JobState.values()) {
            Gauge.builder("tributary.jobs", states, all -> all.values().stream().filter(state::equals).count())
                    .description("Jobs in the state, as this controller last recorded or read them")
                    .tag("state", state.label())
                    .register(meters);
        }
        this.restarts = Counter.builder("tributary.job.restarts")
                .description("Recoveries of jobs after a failed run")
                .register(meters);
        this.failedCheckpoints = Counter.builder("tributary.checkpoints.failed")
                .description("Checkpoints abandoned before they completed")
                .register(meters);
        this.checkpointDuration = Timer.builder("tributary.checkpoint.duration")
                .description("From a checkpoint's trigger to its durable metadata")
                .register(meters);
        this.checkpointSize = DistributionSummary.builder("tributary.checkpoint.size")
                .description("State written by every subtask for one checkpoint")
                .baseUnit("bytes")
                .register(meters);
    }

    @Override
    public List<JobRecord> jobsToSupervise() {
        List<JobRecord> jobs = delegate.jobsToSupervise();
        jobs.forEach(job -> states.put(job.jobId(), job.state()));
        return jobs;
    }

    @Override
    public Optional<JobRecord> job(String jobId) {
        return delegate.job(jobId);
    }

    @Override
    public byte[] program(String jobId) {
        return delegate.program(jobId);
    }

    @Override
    public long nextRun(String jobId) {
        return delegate.nextRun(jobId);
    }

    @Override
    public void transition(String jobId, long runId, JobState from, JobState to, String reason, long atMicros,
            Optional<String> failure) {
        delegate.transition(jobId, runId, from, to, reason, atMicros, failure);
        states.put(jobId, to);
    }

    @Override
    public void runStarting(String jobId, long runId, Optional<String> stateUrl, Optional<Long> restoredEpoch,
            long atMicros) {
        delegate.runStarting(jobId, runId, stateUrl, restoredEpoch, atMicros);
    }

    @Override
    public void recordRunWorkers(String jobId, long runId, List<String> rpcAddresses) {
        delegate.recordRunWorkers(jobId, runId, rpcAddresses);
    }

    @Override
    public List<String> runWorkers(String jobId) {
        return delegate.runWorkers(jobId);
    }

    @Override
    public void restartCarriedOut(String jobId, long requestedAtMicros, long discardedThroughEpoch) {
        delegate.restartCarriedOut(jobId, requestedAtMicros, discardedThroughEpoch);
    }

    @Override
    public void restarted(String jobId) {
        delegate.restarted(jobId);
        restarts.increment();
    }

    @Override
    public void checkpointStarted(String jobId, long runId, long epoch, String backend, boolean thenStop,
            long startMicros) {
        delegate.checkpointStarted(jobId, runId, epoch, backend, thenStop, startMicros);
    }

    @Override
    public void checkpointCompleted(CheckpointMetadata metadata) {
        delegate.checkpointCompleted(metadata);
        checkpointDuration.record(Duration.ofNanos(
                Math.max(0, metadata.getFinishedMicros() - metadata.getStartedMicros()) * 1_000));
        checkpointSize.record(metadata.getSubtasksList().stream().mapToLong(SubtaskCheckpoint::getBytes).sum());
    }

    @Override
    public void checkpointFailed(String jobId, long epoch, long atMicros, String reason) {
        delegate.checkpointFailed(jobId, epoch, atMicros, reason);
        failedCheckpoints.increment();
    }
}
