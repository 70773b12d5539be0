package io.tributary.controller.job;

import static java.util.Objects.requireNonNull;

import io.tributary.controller.store.JobStore;
import io.tributary.engine.checkpoint.CheckpointCoordinator;
import io.tributary.engine.checkpoint.CheckpointStore;
import io.tributary.engine.checkpoint.CheckpointStoreException;
import io.tributary.proto.checkpoint.CheckpointMetadata;
import io.tributary.proto.checkpoint.SubtaskCheckpoint;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The checkpoints of one run of a job: decides when the next one is due, keeps the database's
 * {@code checkpoints} rows in step with the coordinator, and abandons a checkpoint that takes too
 * long. Sending the barriers and commits to workers is the supervisor's part. Not thread-safe:
 * the supervisor's thread alone uses it.
 */
final class RunCheckpoints {
    private final String jobId;
    private final long runId;
    private final CheckpointStore store;
    private final CheckpointCoordinator coordinator;
    private final JobStore database;
    private final InstantSource clock;
    private Duration interval;
    private final Duration timeout;
    private Instant nextDue;
    private Instant inFlightSince = Instant.MIN;
    private OptionalLong latestCompleted = OptionalLong.empty();

    RunCheckpoints(String jobId, long runId, CheckpointStore store, CheckpointCoordinator coordinator,
            JobStore database, InstantSource clock, Duration interval, Duration timeout) {
        this.jobId = requireNonNull(jobId, "jobId is null");
        this.runId = runId;
        this.store = requireNonNull(store, "store is null");
        this.coordinator = requireNonNull(coordinator, "coordinator is null");
        this.database = requireNonNull(database, "database is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.interval = requireNonNull(interval, "interval is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("checkpoint interval must be positive, got " + interval);
        }
        // Jobs started together would otherwise checkpoint together for ever: the first one comes
        // after half an interval plus a share of the other half that depends on the job.
        double share = Math.floorMod(jobId.hashCode(), 1000) / 1000.0;
        this.nextDue = clock.instant().plus(Duration.ofNanos((long) (interval.toNanos() * (0.5 + share / 2))));
    }

    /** Begins a periodic checkpoint if one is due and none is in flight; its epoch, for the barriers. */
    OptionalLong beginIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextDue)) {
            return OptionalLong.empty();
        }
        OptionalLong epoch = begin(false);
        if (epoch.isPresent()) {
            nextDue = now.plus(interval);
        }
        return epoch;
    }

    /** A new interval (the pipeline was patched) counts from the last periodic checkpoint's schedule. */
    void changeInterval(Duration changed) {
        requireNonNull(changed, "changed is null");
        if (changed.isNegative() || changed.isZero()) {
            throw new IllegalArgumentException("checkpoint interval must be positive, got " + changed);
        }
        if (!changed.equals(interval)) {
            nextDue = nextDue.minus(interval).plus(changed);
            interval = changed;
        }
    }

    /** Begins the final checkpoint, after which the sources stop; empty while another is in flight. */
    OptionalLong beginFinal() {
        return begin(true);
    }

    private OptionalLong begin(boolean thenStop) {
        OptionalLong epoch = coordinator.begin(thenStop);
        if (epoch.isPresent()) {
            inFlightSince = clock.instant();
            database.checkpointStarted(jobId, runId, epoch.getAsLong(), store.location(), thenStop, micros(inFlightSince));
        }
        return epoch;
    }

    /**
     * Takes a subtask's report.
     *
     * @return the metadata when the report completed the checkpoint; it is durable in the store and
     *     recorded as completed, and the sinks may commit
     * @throws CheckpointFailedException when the metadata could not be written; the checkpoint is abandoned
     */
    Optional<CheckpointMetadata> acknowledge(SubtaskCheckpoint report) throws CheckpointFailedException {
        Optional<CheckpointMetadata> completed;
        try {
            completed = coordinator.acknowledge(report);
        } catch (CheckpointStoreException e) {
            String reason = "writing its metadata failed: " + e.getMessage();
            database.checkpointFailed(jobId, report.getEpoch(), micros(clock.instant()), reason);
            throw new CheckpointFailedException("checkpoint " + report.getEpoch() + " of job " + jobId + " failed: "
                    + reason, e);
        }
        completed.ifPresent(metadata -> {
            database.checkpointCompleted(metadata);
            latestCompleted = OptionalLong.of(metadata.getEpoch());
        });
        return completed;
    }

    /** The newest checkpoint this run completed. */
    OptionalLong latestCompleted() {
        return latestCompleted;
    }

    OptionalLong inFlight() {
        return coordinator.inFlight();
    }

    /** Abandons the checkpoint in flight once it has taken longer than the timeout; the message says which. */
    Optional<String> abandonIfOverdue() {
        OptionalLong epoch = coordinator.inFlight();
        if (epoch.isEmpty() || clock.instant().isBefore(inFlightSince.plus(timeout))) {
            return Optional.empty();
        }
        String reason = "it did not complete within " + timeout.toSeconds() + " s";
        abandon(reason);
        return Optional.of("checkpoint " + epoch.getAsLong() + " of job " + jobId + " was abandoned: " + reason);
    }

    /** Abandons the checkpoint in flight, if any, recording why. */
    void abandon(String reason) {
        OptionalLong epoch = coordinator.inFlight();
        if (epoch.isPresent()) {
            coordinator.abort(epoch.getAsLong());
            database.checkpointFailed(jobId, epoch.getAsLong(), micros(clock.instant()), reason);
        }
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    /** A checkpoint could not be completed; the job runs on and the next one may succeed. */
    static final class CheckpointFailedException extends Exception {
        CheckpointFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
