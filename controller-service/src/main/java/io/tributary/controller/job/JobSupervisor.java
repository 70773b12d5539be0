package io.tributary.controller.job;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.StatusRuntimeException;
import io.tributary.controller.ControllerProperties;
import io.tributary.controller.compile.CompilerClient;
import io.tributary.controller.output.OutputHub;
import io.tributary.controller.rpc.WorkerHandle;
import io.tributary.controller.rpc.WorkerRegistry;
import io.tributary.controller.schedule.Scheduler;
import io.tributary.controller.schedule.WorkerRequest;
import io.tributary.controller.store.JobRecord;
import io.tributary.controller.store.JobStore;
import io.tributary.engine.checkpoint.CheckpointCoordinator;
import io.tributary.engine.checkpoint.CheckpointStore;
import io.tributary.engine.checkpoint.CheckpointStoreException;
import io.tributary.engine.checkpoint.CheckpointStores;
import io.tributary.engine.runtime.SubtaskId;
import io.tributary.engine.time.Timestamps;
import io.tributary.proto.checkpoint.CheckpointMetadata;
import io.tributary.proto.control.CheckpointRequest;
import io.tributary.proto.control.CommitRequest;
import io.tributary.proto.control.StartExecutionRequest;
import io.tributary.proto.control.StopExecutionRequest;
import io.tributary.proto.control.StopMode;
import io.tributary.proto.control.TaskAssignment;
import io.tributary.proto.control.TaskEvent;
import io.tributary.proto.control.TaskEventType;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.Node;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one job through its states until it ends. Each state has a handler that returns the next
 * state; every transition is checked against {@link JobState#next()} and persisted with its reason
 * before the next handler runs, so the database always says where the job is.
 *
 * <p>While a checkpointed job runs, the supervisor begins a checkpoint every interval, sends its
 * barriers to the workers, gathers their reports and, once the metadata is durable, lets the sinks
 * commit. Every run restores the latest completed checkpoint. A failed task or a lost worker sends
 * the job to {@code Recovering}: the run is cleared away and a new one starts after a backoff,
 * within a restart budget.
 */
final class JobSupervisor implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(JobSupervisor.class);
    private static final int COMPILE_ATTEMPTS = 5;

    /** A subtask of the running program: node and parallel index. */
    private record Subtask(int nodeId, int index) {}

    /** The next state and why the job goes there. */
    private record Transition(JobState to, String reason) {}

    /** Why the job is recovering and when its next run may start. */
    private record Recovery(String cause, Instant resumeAt) {}

    private final String jobId;
    private final JobRecord initial;
    private final JobStore store;
    private final CompilerClient compiler;
    private final Scheduler scheduler;
    private final WorkerRegistry registry;
    private final OutputHub output;
    private final ControllerProperties properties;
    private final Clock clock;
    private final BlockingQueue<JobEvent> events = new LinkedBlockingQueue<>();

    private JobState state;
    private long runId;
    private StopRequest stop = StopRequest.NONE;
    private Optional<String> failure = Optional.empty();
    private LogicalProgram program = LogicalProgram.getDefaultInstance();
    private final Map<String, WorkerHandle> workers = new LinkedHashMap<>();
    private final Map<Subtask, TaskEventType> tasks = new LinkedHashMap<>();
    private boolean executionStopSent;
    private long startedNanos;
    private final RestartPolicy restarts;
    private Optional<Recovery> recovery = Optional.empty();
    private Optional<CheckpointStore> checkpointStore = Optional.empty();
    private Optional<RunCheckpoints> checkpoints = Optional.empty();

    JobSupervisor(JobRecord job, JobStore store, CompilerClient compiler, Scheduler scheduler, WorkerRegistry registry,
            OutputHub output, ControllerProperties properties, Clock clock) {
        this.jobId = job.jobId();
        this.initial = job;
        this.store = store;
        this.compiler = compiler;
        this.scheduler = scheduler;
        this.registry = registry;
        this.output = output;
        this.properties = properties;
        this.clock = clock;
        this.state = job.state();
        this.runId = job.runId();
        this.restarts = new RestartPolicy(properties.maxRestarts(), properties.restartWindow(),
                properties.restartBackoff(), properties.maxRestartBackoff());
    }

    void deliver(JobEvent event) {
        events.add(event);
    }

    @Override
    public void run() {
        try {
            enter(firstTransition());
            while (!state.terminal()) {
                enter(switch (state) {
                    case CREATED -> new Transition(JobState.COMPILING, "job created");
                    case COMPILING -> compile();
                    case SCHEDULING -> schedule();
                    case RUNNING -> running();
                    case RECOVERING -> recovering();
                    case CHECKPOINT_STOPPING -> checkpointStopping();
                    case STOPPING -> stopping();
                    case FINISHING -> finishing();
                    case FAILING -> failing();
                    case STOPPED, FINISHED, FAILED -> throw new IllegalStateException("terminal state " + state);
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.info("supervision of job {} interrupted in state {}", jobId, state.label());
        } catch (RuntimeException e) {
            LOG.error("supervision of job {} failed in state {}", jobId, state.label(), e);
            abandon("the controller failed while the job was " + state.label() + ": " + e.getMessage());
        } finally {
            if (state.terminal()) {
                output.complete(jobId);
            }
            releaseWorkers();
        }
    }

    /** Where a job found in the database starts: new, asked to run again, or left mid-way by a previous controller. */
    private Transition firstTransition() {
        return switch (initial.state()) {
            case CREATED -> stopRequested() ? new Transition(JobState.STOPPED, "stopped before it started")
                    : new Transition(JobState.COMPILING, "job created");
            case STOPPED, FAILED -> new Transition(JobState.COMPILING, "asked to run again");
            case FINISHED -> throw new IllegalStateException("a finished job is never supervised again");
            // This controller has no workers of a previous one: the job's tasks are gone.
            case STOPPING, CHECKPOINT_STOPPING -> new Transition(JobState.STOPPING,
                    "the controller restarted while the job was stopping");
            case FINISHING -> new Transition(JobState.FINISHED, "the controller restarted while the job was finishing");
            case COMPILING, SCHEDULING, RUNNING, RECOVERING, FAILING -> fail("the controller restarted while the job was "
                    + initial.state().label() + "; its tasks are gone. Start the pipeline again");
        };
    }

    private void enter(Transition transition) {
        if (transition.to() == state && !state.terminal()) {
            return;
        }
        if (!state.next().contains(transition.to())) {
            throw new IllegalStateException("job " + jobId + " cannot go from " + state.label() + " to "
                    + transition.to().label());
        }
        LOG.info("job {} run {}: {} -> {} ({})", jobId, runId, state.label(), transition.to().label(),
                transition.reason());
        Optional<String> failureToRecord = transition.to() == JobState.FAILED ? failure : Optional.empty();
        store.transition(jobId, runId, state, transition.to(), transition.reason(), nowMicros(), failureToRecord);
        state = transition.to();
    }

    private Transition compile() throws InterruptedException {
        LogicalProgram planned;
        try {
            planned = LogicalProgram.parseFrom(store.program(jobId));
        } catch (InvalidProtocolBufferException e) {
            return fail("the stored program of this job is unreadable: " + e.getMessage());
        }
        for (int attempt = 1; ; attempt++) {
            try {
                program = compiler.compile(jobId, planned);
                break;
            } catch (CompilerClient.CompilationException e) {
                if (!e.retryable() || attempt == COMPILE_ATTEMPTS) {
                    return fail(e.getMessage());
                }
                LOG.warn("compiling job {} failed (attempt {} of {}), retrying: {}", jobId, attempt, COMPILE_ATTEMPTS,
                        e.getMessage());
                Thread.sleep(Duration.ofMillis(200L << attempt));
            }
        }
        if (stopRequested()) {
            return new Transition(JobState.STOPPING, "stop requested while compiling");
        }
        return new Transition(JobState.SCHEDULING, "compiled " + program.getNodesCount() + " nodes");
    }

    private Transition schedule() throws InterruptedException {
        runId = store.nextRun(jobId);
        output.reset(jobId);
        tasks.clear();
        workers.clear();
        checkpoints = Optional.empty();
        executionStopSent = false;
        int slots = program.getNodesList().stream().mapToInt(Node::getParallelism).max().orElse(1);
        // One worker runs every subtask until the worker-to-worker data plane lets shuffles cross workers.
        List<String> expected;
        try {
            expected = scheduler.startWorkers(new WorkerRequest(jobId, runId, 1, slots));
        } catch (Scheduler.SchedulingException e) {
            return fail(e.getMessage());
        }
        long deadline = System.nanoTime() + properties.workerRegistrationTimeout().toNanos();
        Set<String> missing = new HashSet<>(expected);
        // Pooled workers registered long before this run: they are in the registry already.
        for (String id : expected) {
            registry.worker(id).filter(worker -> worker.jobId().isEmpty()).ifPresent(worker -> {
                workers.put(id, worker);
                missing.remove(id);
            });
        }
        while (!missing.isEmpty()) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return fail("workers " + String.join(", ", missing.stream().sorted().toList())
                        + " did not register within " + properties.workerRegistrationTimeout().toSeconds() + " s");
            }
            JobEvent event = events.poll(Math.min(remaining, properties.pollInterval().toNanos()), TimeUnit.NANOSECONDS);
            if (event instanceof JobEvent.WorkerRegistered registered
                    && missing.remove(registered.worker().workerId())) {
                workers.put(registered.worker().workerId(), registered.worker());
            }
            if (stopRequested()) {
                return new Transition(JobState.STOPPING, "stop requested while scheduling");
            }
        }
        return start();
    }

    private Transition start() {
        List<WorkerHandle> handles = new ArrayList<>(workers.values());
        List<TaskAssignment> assignments = new ArrayList<>();
        for (Node node : program.getNodesList()) {
            for (int index = 0; index < node.getParallelism(); index++) {
                WorkerHandle worker = handles.get(index * handles.size() / node.getParallelism());
                assignments.add(TaskAssignment.newBuilder()
                        .setNodeId(node.getNodeId())
                        .setSubtaskIndex(index)
                        .setWorkerId(worker.workerId())
                        .setWorkerDataAddress(worker.rpcAddress())
                        .build());
                tasks.put(new Subtask(node.getNodeId(), index), TaskEventType.TASK_EVENT_TYPE_UNSPECIFIED);
            }
        }
        var request = StartExecutionRequest.newBuilder()
                .setJobId(jobId)
                .setRunId(runId)
                .setProgram(program)
                .addAllTasks(assignments);
        OptionalLong restoreEpoch = OptionalLong.empty();
        if (initial.checkpointed()) {
            String stateUrl = initial.stateUrl().orElse(properties.stateUrl());
            try {
                CheckpointStore opened = checkpointStore.isPresent() ? checkpointStore.get() : CheckpointStores.open(stateUrl);
                checkpointStore = Optional.of(opened);
                restoreEpoch = CheckpointCoordinator.latestCompleted(opened, jobId);
                var coordinator = new CheckpointCoordinator(jobId, opened, subtaskIds(), properties.retainedCheckpoints(),
                        () -> Timestamps.toNanos(clock.instant()));
                checkpoints = Optional.of(new RunCheckpoints(jobId, runId, opened, coordinator, store, clock,
                        Duration.of(initial.checkpointIntervalMicros(), ChronoUnit.MICROS), properties.checkpointTimeout()));
            } catch (CheckpointStoreException e) {
                return fail("cannot use the checkpoint store " + stateUrl + ": " + e.getMessage());
            }
            request.setStateUrl(stateUrl);
            restoreEpoch.ifPresent(request::setRestoreEpoch);
            store.runStarting(jobId, runId, Optional.of(stateUrl), boxed(restoreEpoch), nowMicros());
        }
        for (WorkerHandle worker : handles) {
            try {
                worker.stub().startExecution(request.build());
            } catch (StatusRuntimeException e) {
                return fail("worker " + worker.workerId() + " could not start the job: " + describe(e));
            }
        }
        startedNanos = System.nanoTime();
        return new Transition(JobState.RUNNING, "started " + tasks.size() + " subtasks on " + handles.size()
                + " worker" + (handles.size() == 1 ? "" : "s")
                + (restoreEpoch.isPresent() ? " from checkpoint " + restoreEpoch.getAsLong() : ""));
    }

    private Transition running() throws InterruptedException {
        while (true) {
            Optional<String> failed = drainEvents();
            if (failed.isPresent()) {
                return recoverOrFail(failed.get());
            }
            if (allTasks(TaskEventType.TASK_FINISHED)) {
                checkpoints.ifPresent(run -> run.abandon("the job finished before it completed"));
                return new Transition(JobState.FINISHING, "every source finished and every task drained");
            }
            if (stopRequested()) {
                return stop == StopRequest.CHECKPOINT
                        ? new Transition(JobState.CHECKPOINT_STOPPING, "stop with a final checkpoint requested")
                        : new Transition(JobState.STOPPING, stop.name().toLowerCase(Locale.ROOT) + " stop requested");
            }
            Optional<Long> ttl = initial.ttlMicros();
            if (ttl.isPresent() && System.nanoTime() - startedNanos > ttl.get() * 1000) {
                stop = StopRequest.GRACEFUL;
                return new Transition(JobState.STOPPING, "its time to live of " + ttl.get() / 1_000_000 + " s ran out");
            }
            Optional<String> lost = lostWorker();
            if (lost.isPresent()) {
                return recoverOrFail(lost.get());
            }
            if (checkpoints.isPresent()) {
                checkpoints.get().abandonIfOverdue().ifPresent(message -> LOG.warn("{}", message));
                checkpoints.get().beginIfDue().ifPresent(epoch -> sendCheckpoint(epoch, false));
            }
        }
    }

    /**
     * Takes a final checkpoint after which the sources stop, lets the sinks commit it and waits for
     * every task to end. Without checkpoints, stops the sources and lets every row already read reach
     * the sinks.
     */
    private Transition checkpointStopping() throws InterruptedException {
        if (checkpoints.isEmpty()) {
            sendStop(StopMode.GRACEFUL);
            Optional<String> failed = awaitTasksEnded();
            return failed.map(this::fail)
                    .orElse(new Transition(JobState.STOPPING, "sources stopped and in-flight rows drained"));
        }
        RunCheckpoints run = checkpoints.get();
        OptionalLong finalEpoch = OptionalLong.empty();
        while (true) {
            Optional<String> failed = drainEvents().or(this::lostWorker);
            if (failed.isPresent()) {
                return fail(failed.get());
            }
            if (allTasks(TaskEventType.TASK_FINISHED)) {
                // Bounded sources ran out first: there is nothing left to stop or to checkpoint.
                run.abandon("every task ended before it completed");
                executionStopSent = true;
                return new Transition(JobState.STOPPING, "every task ended before the final checkpoint");
            }
            if (finalEpoch.isEmpty()) {
                // A periodic checkpoint in flight completes (or times out) first: one at a time.
                run.abandonIfOverdue().ifPresent(message -> LOG.warn("{}", message));
                finalEpoch = run.beginFinal();
                finalEpoch.ifPresent(epoch -> sendCheckpoint(epoch, true));
            } else {
                run.abandonIfOverdue().ifPresent(message -> LOG.warn("{}", message));
                if (run.inFlight().isEmpty()) {
                    return afterFinalCheckpoint(run, finalEpoch.getAsLong());
                }
            }
        }
    }

    /** Once the final checkpoint is over: the tasks end by themselves after its commit, otherwise they are cancelled. */
    private Transition afterFinalCheckpoint(RunCheckpoints run, long epoch) throws InterruptedException {
        if (run.latestCompleted().orElse(0) != epoch) {
            // The sources may have stopped at the barrier already; only cancelling ends the tasks now.
            stop = StopRequest.IMMEDIATE;
            return new Transition(JobState.STOPPING, "the final checkpoint " + epoch + " did not complete; stopping "
                    + "at once (a restart resumes from the checkpoint before)");
        }
        Optional<String> failed = awaitTasksEnded();
        if (failed.isPresent()) {
            return fail(failed.get());
        }
        executionStopSent = allTasks(TaskEventType.TASK_FINISHED);
        if (!executionStopSent) {
            stop = StopRequest.IMMEDIATE;
        }
        return new Transition(JobState.STOPPING, "final checkpoint " + epoch + " completed"
                + (executionStopSent ? " and every task ended" : "; cancelling the tasks that did not end"));
    }

    private Transition stopping() throws InterruptedException {
        if (!workers.isEmpty() && !executionStopSent) {
            sendStop(stop == StopRequest.GRACEFUL || stop == StopRequest.CHECKPOINT ? StopMode.GRACEFUL : StopMode.IMMEDIATE);
            Optional<String> failed = awaitTasksEnded();
            if (failed.isPresent()) {
                return fail(failed.get());
            }
        }
        checkpoints.ifPresent(run -> run.abandon("the job stopped before it completed"));
        releaseWorkers();
        return new Transition(JobState.STOPPED, "stopped");
    }

    private Transition finishing() {
        releaseWorkers();
        return new Transition(JobState.FINISHED, "finished");
    }

    private Transition failing() {
        checkpoints.ifPresent(run -> run.abandon("the job failed before it completed"));
        if (!workers.isEmpty()) {
            sendStop(StopMode.IMMEDIATE);
        }
        releaseWorkers();
        return new Transition(JobState.FAILED, failure.orElse("failed"));
    }

    /**
     * Clears the failed run away, waits out the backoff (a stop request ends the wait), then starts
     * again: compiled and scheduled afresh, restoring the latest completed checkpoint.
     */
    private Transition recovering() throws InterruptedException {
        Recovery current = recovery.orElseThrow(() -> new IllegalStateException("job " + jobId + " recovers from nothing"));
        checkpoints.ifPresent(run -> run.abandon("the run failed: " + current.cause()));
        checkpoints = Optional.empty();
        if (!workers.isEmpty()) {
            sendStop(StopMode.IMMEDIATE);
        }
        releaseWorkers();
        tasks.clear();
        store.restarted(jobId);
        while (clock.instant().isBefore(current.resumeAt())) {
            if (stopRequested()) {
                recovery = Optional.empty();
                return new Transition(JobState.STOPPING, "stop requested while recovering");
            }
            // What the failed run still reports is of no use to the next one.
            events.clear();
            Thread.sleep(properties.pollInterval());
        }
        events.clear();
        recovery = Optional.empty();
        OptionalLong latest = checkpointStore.map(opened -> CheckpointCoordinator.latestCompleted(opened, jobId))
                .orElse(OptionalLong.empty());
        return new Transition(JobState.COMPILING, "restarting after: " + current.cause() + "; "
                + (latest.isPresent() ? "resuming from checkpoint " + latest.getAsLong() : "starting from the beginning"));
    }

    /** A run failed: recover within the restart budget, otherwise fail. Previews fail at once. */
    private Transition recoverOrFail(String cause) {
        if (initial.preview()) {
            return fail(cause);
        }
        Instant now = clock.instant();
        Optional<Duration> delay = restarts.restart(now);
        if (delay.isEmpty()) {
            return fail(cause + " (gave up after " + restarts.budget() + ")");
        }
        recovery = Optional.of(new Recovery(cause, now.plus(delay.get())));
        return new Transition(JobState.RECOVERING, cause + "; restarting in " + delay.get().toMillis() + " ms");
    }

    /** Waits for every task to end after a stop; a task that fails meanwhile is returned as the failure. */
    private Optional<String> awaitTasksEnded() throws InterruptedException {
        long deadline = System.nanoTime() + properties.stopTimeout().toNanos();
        while (!allTasks(TaskEventType.TASK_FINISHED)) {
            Optional<String> failed = drainEvents();
            if (failed.isPresent()) {
                return failed;
            }
            if (System.nanoTime() > deadline) {
                LOG.warn("job {}: tasks did not stop within {}; stopping their workers", jobId, properties.stopTimeout());
                return Optional.empty();
            }
            Optional<String> lost = lostWorker();
            if (lost.isPresent()) {
                return lost;
            }
        }
        return Optional.empty();
    }

    /**
     * Applies the events that arrived within one poll interval: task lives and checkpoint reports.
     *
     * @return what failed, when a task did
     */
    private Optional<String> drainEvents() throws InterruptedException {
        JobEvent event = events.poll(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        while (event != null) {
            switch (event) {
                case JobEvent.TaskReported reported -> {
                    Optional<String> failed = apply(reported.event());
                    if (failed.isPresent()) {
                        return failed;
                    }
                }
                case JobEvent.CheckpointReported reported -> acknowledge(reported);
                case JobEvent.WorkerRegistered registered ->
                        LOG.debug("job {}: worker {} registered late; ignored", jobId, registered.worker().workerId());
            }
            event = events.poll();
        }
        return Optional.empty();
    }

    private Optional<String> apply(TaskEvent task) {
        if (task.getType() == TaskEventType.UNRECOGNIZED || !workers.containsKey(task.getWorkerId())) {
            return Optional.empty();
        }
        Subtask subtask = new Subtask(task.getNodeId(), task.getSubtaskIndex());
        if (!tasks.containsKey(subtask)) {
            return Optional.empty();
        }
        tasks.put(subtask, task.getType());
        if (task.getType() == TaskEventType.TASK_FAILED) {
            return Optional.of("operator " + task.getOperatorId() + " (subtask " + task.getSubtaskIndex() + ") failed: "
                    + task.getErrorMessage());
        }
        return Optional.empty();
    }

    /** Counts a subtask's report towards its checkpoint; the one that completes it lets the sinks commit. */
    private void acknowledge(JobEvent.CheckpointReported reported) {
        if (checkpoints.isEmpty() || !workers.containsKey(reported.workerId())) {
            return;
        }
        try {
            checkpoints.get().acknowledge(reported.checkpoint()).ifPresent(this::sendCommit);
        } catch (RunCheckpoints.CheckpointFailedException e) {
            LOG.warn("{}", e.getMessage());
        } catch (IllegalArgumentException e) {
            LOG.warn("job {}: ignoring a checkpoint report that does not fit this run: {}", jobId, e.getMessage());
        }
    }

    private Optional<String> lostWorker() {
        long now = System.nanoTime();
        for (WorkerHandle worker : workers.values()) {
            if (worker.silentForNanos(now) > properties.heartbeatTimeout().toNanos()) {
                return Optional.of("worker " + worker.workerId() + " sent no heartbeat for "
                        + properties.heartbeatTimeout().toSeconds() + " s");
            }
        }
        return Optional.empty();
    }

    /** Injects the epoch's barriers; a worker that cannot take them fails the checkpoint, not the job. */
    private void sendCheckpoint(long epoch, boolean thenStop) {
        var request = CheckpointRequest.newBuilder().setJobId(jobId).setEpoch(epoch).setThenStop(thenStop).build();
        for (WorkerHandle worker : workers.values()) {
            try {
                worker.stub().checkpoint(request);
            } catch (StatusRuntimeException e) {
                String reason = "worker " + worker.workerId() + " did not take its barriers: " + describe(e);
                LOG.warn("job {}: checkpoint {} abandoned: {}", jobId, epoch, reason);
                checkpoints.ifPresent(run -> run.abandon(reason));
                return;
            }
        }
    }

    private void sendCommit(CheckpointMetadata metadata) {
        var request = CommitRequest.newBuilder().setJobId(jobId).setEpoch(metadata.getEpoch()).build();
        for (WorkerHandle worker : workers.values()) {
            try {
                worker.stub().commit(request);
            } catch (StatusRuntimeException e) {
                // The checkpoint is complete all the same: a restore from it commits what is left.
                LOG.warn("job {}: worker {} did not take the commit of checkpoint {}: {}", jobId, worker.workerId(),
                        metadata.getEpoch(), describe(e));
            }
        }
    }

    private Set<SubtaskId> subtaskIds() {
        Set<SubtaskId> ids = new HashSet<>();
        tasks.keySet().forEach(task -> ids.add(new SubtaskId(task.nodeId(), task.index())));
        return ids;
    }

    private static Optional<Long> boxed(OptionalLong value) {
        return value.isPresent() ? Optional.of(value.getAsLong()) : Optional.empty();
    }

    private static String describe(StatusRuntimeException e) {
        return Optional.ofNullable(e.getStatus().getDescription()).orElse(e.getStatus().getCode().name());
    }

    private boolean allTasks(TaskEventType type) {
        return !tasks.isEmpty() && tasks.values().stream().allMatch(type::equals);
    }

    private void sendStop(StopMode mode) {
        executionStopSent = true;
        var request = StopExecutionRequest.newBuilder().setJobId(jobId).setStopMode(mode).build();
        for (WorkerHandle worker : workers.values()) {
            try {
                worker.stub().stopExecution(request);
            } catch (StatusRuntimeException e) {
                LOG.warn("job {}: worker {} did not take the stop request: {}", jobId, worker.workerId(), e.getStatus());
            }
        }
    }

    /** Reads what the user wants now; true when they want the job stopped. */
    private boolean stopRequested() {
        store.job(jobId).ifPresent(job -> {
            if (job.stop() != StopRequest.NONE) {
                stop = job.stop();
            }
        });
        return stop != StopRequest.NONE;
    }

    private Transition fail(String message) {
        failure = Optional.of(message);
        return new Transition(JobState.FAILING, message);
    }

    /** Ends supervision after an unexpected error, recording the failure if the database still listens. */
    private void abandon(String message) {
        failure = Optional.of(message);
        try {
            if (state.next().contains(JobState.FAILING)) {
                enter(new Transition(JobState.FAILING, message));
            }
            if (state == JobState.FAILING) {
                enter(failing());
            }
        } catch (RuntimeException e) {
            LOG.error("job {} could not be marked failed", jobId, e);
        }
    }

    private void releaseWorkers() {
        scheduler.stopWorkers(jobId, runId);
        workers.clear();
    }

    private long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
    }
}
