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
import java.util.Map;
import java.util.Optional;
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
 */
final class JobSupervisor implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(JobSupervisor.class);
    private static final int COMPILE_ATTEMPTS = 5;

    /** A subtask of the running program: node and parallel index. */
    private record Subtask(int nodeId, int index) {}

    /** The next state and why the job goes there. */
    private record Transition(JobState to, String reason) {}

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
            case COMPILING, SCHEDULING, RUNNING, FAILING -> fail("the controller restarted while the job was "
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
                .addAllTasks(assignments)
                .build();
        for (WorkerHandle worker : handles) {
            try {
                worker.stub().startExecution(request);
            } catch (StatusRuntimeException e) {
                return fail("worker " + worker.workerId() + " could not start the job: "
                        + Optional.ofNullable(e.getStatus().getDescription()).orElse(e.getStatus().getCode().name()));
            }
        }
        startedNanos = System.nanoTime();
        return new Transition(JobState.RUNNING, "started " + tasks.size() + " subtasks on " + handles.size()
                + " worker" + (handles.size() == 1 ? "" : "s"));
    }

    private Transition running() throws InterruptedException {
        while (true) {
            Optional<Transition> fromEvents = drainTaskEvents();
            if (fromEvents.isPresent()) {
                return fromEvents.get();
            }
            if (allTasks(TaskEventType.TASK_FINISHED)) {
                return new Transition(JobState.FINISHING, "every source finished and every task drained");
            }
            if (stopRequested()) {
                return stop == StopRequest.CHECKPOINT
                        ? new Transition(JobState.CHECKPOINT_STOPPING, "stop with a final checkpoint requested")
                        : new Transition(JobState.STOPPING, stop.name().toLowerCase(java.util.Locale.ROOT) + " stop requested");
            }
            Optional<Long> ttl = initial.ttlMicros();
            if (ttl.isPresent() && System.nanoTime() - startedNanos > ttl.get() * 1000) {
                stop = StopRequest.GRACEFUL;
                return new Transition(JobState.STOPPING, "its time to live of " + ttl.get() / 1_000_000 + " s ran out");
            }
            Optional<Transition> lost = lostWorker();
            if (lost.isPresent()) {
                return lost.get();
            }
        }
    }

    /** Stops the sources and lets every row already read reach the sinks. */
    private Transition checkpointStopping() throws InterruptedException {
        sendStop(StopMode.GRACEFUL);
        Optional<Transition> failed = awaitTasksEnded();
        return failed.orElse(new Transition(JobState.STOPPING, "sources stopped and in-flight rows drained"));
    }

    private Transition stopping() throws InterruptedException {
        if (!workers.isEmpty() && !executionStopSent) {
            sendStop(stop == StopRequest.GRACEFUL || stop == StopRequest.CHECKPOINT ? StopMode.GRACEFUL : StopMode.IMMEDIATE);
            Optional<Transition> failed = awaitTasksEnded();
            if (failed.isPresent()) {
                return failed.get();
            }
        }
        releaseWorkers();
        return new Transition(JobState.STOPPED, "stopped");
    }

    private Transition finishing() {
        releaseWorkers();
        return new Transition(JobState.FINISHED, "finished");
    }

    private Transition failing() {
        if (!workers.isEmpty()) {
            sendStop(StopMode.IMMEDIATE);
        }
        releaseWorkers();
        return new Transition(JobState.FAILED, failure.orElse("failed"));
    }

    /** Waits for every task to end after a stop; a task that fails meanwhile fails the job. */
    private Optional<Transition> awaitTasksEnded() throws InterruptedException {
        long deadline = System.nanoTime() + properties.stopTimeout().toNanos();
        while (!allTasks(TaskEventType.TASK_FINISHED)) {
            Optional<Transition> fromEvents = drainTaskEvents();
            if (fromEvents.isPresent()) {
                return fromEvents;
            }
            if (System.nanoTime() > deadline) {
                LOG.warn("job {}: tasks did not stop within {}; stopping their workers", jobId, properties.stopTimeout());
                return Optional.empty();
            }
            Optional<Transition> lost = lostWorker();
            if (lost.isPresent()) {
                return lost;
            }
        }
        return Optional.empty();
    }

    /** Applies the events that arrived within one poll interval; a failed task means the job fails. */
    private Optional<Transition> drainTaskEvents() throws InterruptedException {
        JobEvent event = events.poll(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        while (event != null) {
            if (event instanceof JobEvent.TaskReported reported && reported.event().getType() != TaskEventType.UNRECOGNIZED) {
                TaskEvent task = reported.event();
                Subtask subtask = new Subtask(task.getNodeId(), task.getSubtaskIndex());
                if (tasks.containsKey(subtask)) {
                    tasks.put(subtask, task.getType());
                    if (task.getType() == TaskEventType.TASK_FAILED) {
                        return Optional.of(fail("operator " + task.getOperatorId() + " (subtask "
                                + task.getSubtaskIndex() + ") failed: " + task.getErrorMessage()));
                    }
                }
            }
            event = events.poll();
        }
        return Optional.empty();
    }

    private Optional<Transition> lostWorker() {
        long now = System.nanoTime();
        for (WorkerHandle worker : workers.values()) {
            if (worker.silentForNanos(now) > properties.heartbeatTimeout().toNanos()) {
                return Optional.of(fail("worker " + worker.workerId() + " sent no heartbeat for "
                        + properties.heartbeatTimeout().toSeconds() + " s"));
            }
        }
        return Optional.empty();
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
