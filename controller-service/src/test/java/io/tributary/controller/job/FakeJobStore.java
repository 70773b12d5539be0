package io.tributary.controller.job;

import io.tributary.controller.store.JobRecord;
import io.tributary.controller.store.JobStore;
import io.tributary.controller.store.RestartStatus;
import io.tributary.proto.checkpoint.CheckpointMetadata;
import io.tributary.proto.program.LogicalProgram;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** One job in memory, with every transition and checkpoint row the supervisor writes. */
public final class FakeJobStore implements JobStore {
    /** A transition as the database would record it. */
    record Recorded(JobState from, JobState to, String reason, Optional<String> failure) {}

    private volatile JobRecord job;
    private volatile LogicalProgram program;
    private final BlockingQueue<Recorded> pending = new LinkedBlockingQueue<>();
    final List<Recorded> transitions = new CopyOnWriteArrayList<>();
    final Map<Long, String> checkpointStates = new ConcurrentHashMap<>();
    final List<Optional<Long>> restoredEpochs = new CopyOnWriteArrayList<>();
    volatile int restarts;
    volatile List<String> runWorkers = List.of();

    public FakeJobStore(JobRecord job, LogicalProgram program) {
        this.job = job;
        this.program = program;
    }

    synchronized void requestStop(StopRequest stop) {
        JobRecord current = job;
        job = new JobRecord(current.jobId(), current.pipelineId(), current.state(), current.runId(), stop, false,
                current.desiredAtMicros(), current.finishTime(), current.ttlMicros(), current.parallelism(),
                current.preview(), current.checkpointIntervalMicros(), current.stateUrl(), current.restarts(), current.restart());
    }

    /**
     * What {@code POST …/restart} stores: the request, at a time after every earlier wish, which
     * also says the job should run.
     */
    synchronized void requestRestart(RestartMode mode) {
        JobRecord current = job;
        long at = Math.max(current.desiredAtMicros(),
                current.restart().requested().map(RestartRequest::requestedAtMicros).orElse(0L)) + 1;
        RestartStatus restart = new RestartStatus(Optional.of(new RestartRequest(mode, at)),
                current.restart().carriedOutAtMicros(), current.restart().discardedThroughEpoch());
        job = new JobRecord(current.jobId(), current.pipelineId(), current.state(), current.runId(), StopRequest.NONE,
                true, at, current.finishTime(), current.ttlMicros(), current.parallelism(), current.preview(),
                current.checkpointIntervalMicros(), current.stateUrl(), current.restarts(), restart);
    }

    /** What a PATCH of the pipeline's parallelism stores: the parallelism and the program planned for it. */
    synchronized void rescale(int parallelism, LogicalProgram replanned) {
        JobRecord current = job;
        program = replanned;
        job = new JobRecord(current.jobId(), current.pipelineId(), current.state(), current.runId(), current.stop(),
                current.runningDesired(), current.desiredAtMicros(), current.finishTime(), current.ttlMicros(),
                parallelism, current.preview(), current.checkpointIntervalMicros(), current.stateUrl(),
                current.restarts(), current.restart());
    }

    /** Waits (as a safety net, generously) for the supervisor to enter {@code state}; returns that transition. */
    Recorded awaitTransitionTo(JobState state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Recorded next = pending.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("the job never reached " + state.label() + "; transitions: " + transitions);
            }
            if (next.to() == state) {
                return next;
            }
        }
    }

    /** The program as last stored (a rescale replans it). */
    LogicalProgram storedProgram() {
        return program;
    }

    List<JobState> states() {
        return transitions.stream().map(Recorded::to).toList();
    }

    @Override
    public List<JobRecord> jobsToSupervise() {
        return List.of(job);
    }

    @Override
    public Optional<JobRecord> job(String jobId) {
        return Optional.of(job).filter(record -> record.jobId().equals(jobId));
    }

    @Override
    public byte[] program(String jobId) {
        return program.toByteArray();
    }

    @Override
    public synchronized long nextRun(String jobId) {
        JobRecord current = job;
        job = new JobRecord(current.jobId(), current.pipelineId(), current.state(), current.runId() + 1, current.stop(),
                current.runningDesired(), current.desiredAtMicros(), current.finishTime(), current.ttlMicros(),
                current.parallelism(), current.preview(), current.checkpointIntervalMicros(), current.stateUrl(),
                current.restarts(), current.restart());
        return job.runId();
    }

    @Override
    public synchronized void transition(String jobId, long runId, JobState from, JobState to, String reason,
            long atMicros, Optional<String> failure) {
        JobRecord current = job;
        // Kept in step, so that a second supervisor (a new leader's) finds the job where the first left it.
        job = new JobRecord(current.jobId(), current.pipelineId(), to, runId, current.stop(), current.runningDesired(),
                current.desiredAtMicros(), to.terminal() ? Optional.of(atMicros) : Optional.empty(), current.ttlMicros(),
                current.parallelism(), current.preview(), current.checkpointIntervalMicros(), current.stateUrl(),
                current.restarts(), current.restart());
        Recorded recorded = new Recorded(from, to, reason, failure);
        transitions.add(recorded);
        pending.add(recorded);
    }

    @Override
    public void runStarting(String jobId, long runId, Optional<String> stateUrl, Optional<Long> restoredEpoch,
            long atMicros) {
        restoredEpochs.add(restoredEpoch);
    }

    @Override
    public void recordRunWorkers(String jobId, long runId, List<String> rpcAddresses) {
        runWorkers = List.copyOf(rpcAddresses);
    }

    @Override
    public List<String> runWorkers(String jobId) {
        return runWorkers;
    }

    @Override
    public synchronized void restartCarriedOut(String jobId, long requestedAtMicros, long discardedThroughEpoch) {
        JobRecord current = job;
        job = new JobRecord(current.jobId(), current.pipelineId(), current.state(), current.runId(), current.stop(),
                current.runningDesired(), current.desiredAtMicros(), current.finishTime(), current.ttlMicros(),
                current.parallelism(), current.preview(), current.checkpointIntervalMicros(), current.stateUrl(),
                current.restarts(), new RestartStatus(current.restart().requested(), requestedAtMicros,
                        discardedThroughEpoch));
    }

    @Override
    public void restarted(String jobId) {
        restarts++;
    }

    @Override
    public void checkpointStarted(String jobId, long runId, long epoch, String backend, boolean thenStop,
            long startMicros) {
        checkpointStates.put(epoch, "in_progress");
    }

    @Override
    public void checkpointCompleted(CheckpointMetadata metadata) {
        checkpointStates.put(metadata.getEpoch(), "completed");
    }

    @Override
    public void checkpointFailed(String jobId, long epoch, long atMicros, String reason) {
        checkpointStates.computeIfPresent(epoch, (k, state) -> state.equals("in_progress") ? "failed" : state);
    }
}
