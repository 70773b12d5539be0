package io.tributary.controller.job;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.tributary.controller.ControllerProperties;
import io.tributary.controller.compile.CompilerClient;
import io.tributary.controller.metrics.JobLog;
import io.tributary.controller.output.OutputHub;
import io.tributary.controller.rpc.WorkerHandle;
import io.tributary.controller.rpc.WorkerRegistry;
import io.tributary.controller.schedule.RunAssignment;
import io.tributary.controller.schedule.Scheduler;
import io.tributary.controller.store.JobRecord;
import io.tributary.controller.store.JobStore;
import io.tributary.engine.checkpoint.CheckpointCoordinator;
import io.tributary.engine.checkpoint.CheckpointStore;
import io.tributary.engine.checkpoint.CheckpointStoreException;
import io.tributary.engine.checkpoint.CheckpointStores;
import io.tributary.engine.runtime.SubtaskId;
import io.tributary.engine.time.Timestamps;
import io.tributary.proto.control.CheckpointRequest;
import io.tributary.proto.control.CommitRequest;
import io.tributary.proto.control.StartExecutionRequest;
import io.tributary.proto.control.StopExecutionRequest;
import io.tributary.proto.control.StopMode;
import io.tributary.proto.control.TaskAssignment;
import io.tributary.proto.control.TaskEvent;
import io.tributary.proto.control.TaskEventType;
import io.tributary.proto.control.WorkerServiceGrpc;
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
    /** The job as last read: what the user wants now (stop, parallelism, checkpoint interval). */
    private JobRecord current;
    /** The pipeline parallelism the running program was planned for. */
    private int runParallelism;
    private final JobStore store;
    private final CompilerClient compiler;
    private final Scheduler scheduler;
    private final WorkerRegistry registry;
    private final OutputHub output;
    private final JobLog log;
    private final ControllerProperties properties;
    private final Clock clock;
    /** When this controller took the job on: a run it adopts has had its workers' patience since. */
    private final Instant supervisedSince;
    private final BlockingQueue<JobEvent> events = new LinkedBlockingQueue<>();

    private JobState state;
    /** Read by the control plane's threads to refuse workers of other runs. */
    private volatile long runId;
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
    /** The restart the next run carries out: read when it is compiled, recorded when it starts. */
    private Optional<RestartRequest> restart = Optional.empty();
    /** Checkpoints up to this epoch hold state a restart ignoring state discarded: no run restores them. */
    private long discardedThroughEpoch;

    JobSupervisor(JobRecord job, JobStore store, CompilerClient compiler, Scheduler scheduler, WorkerRegistry registry,
            OutputHub output, JobLog log, ControllerProperties properties, Clock clock) {
        this.jobId = job.jobId();
        this.initial = job;
        this.current = job;
        this.runParallelism = job.parallelism();
        this.store = store;
        this.compiler = compiler;
        this.scheduler = scheduler;
        this.registry = registry;
        this.output = output;
        this.log = log;
        this.properties = properties;
        this.clock = clock;
        this.supervisedSince = clock.instant();
        this.state = job.state();
        this.runId = job.runId();
        this.discardedThroughEpoch = job.restart().discardedThroughEpoch();
        this.restarts = new RestartPolicy(properties.maxRestarts(), properties.restartWindow(),
                properties.restartBackoff(), properties.maxRestartBackoff());
    }

    void deliver(JobEvent event) {
        events.add(event);
    }

    /** The run this supervisor schedules or runs now. */
    long runId() {
        return runId;
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
                    case RESCALING -> rescaling();
                    case RESTARTING -> restarting();
                    case CHECKPOINT_STOPPING -> checkpointStopping();
                    case STOPPING -> stopping();
                    case FINISHING -> finishing();
                    case FAILING -> failing();
                    case STOPPED, FINISHED, FAILED -> throw new IllegalStateException("terminal state " + state);
                });
            }
        } catch (InterruptedException | SupervisionEnded e) {
            Thread.currentThread().interrupt();
            LOG.info("supervision of job {} interrupted in state {}", jobId, state.label());
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                // Cut short (an RPC or a statement gave up on the interrupt): the job is not this controller's to fail.
                LOG.info("supervision of job {} interrupted in state {}: {}", jobId, state.label(), e.getMessage());
                return;
            }
            LOG.error("supervision of job {} failed in state {}", jobId, state.label(), e);
            abandon("the controller failed while the job was " + state.label() + ": " + e.getMessage());
        } finally {
            if (state.terminal()) {
                output.complete(jobId);
            }
            if (Thread.currentThread().isInterrupted() && scheduler.workersOutliveController()) {
                // Supervision was taken away (leadership lost, or an orderly shutdown): the run goes on for
                // the next leader to adopt, so its pods are not deleted nor its pool workers given away.
                workers.clear();
            } else {
                releaseWorkers();
            }
        }
    }

    /**
     * Where a job found in the database starts: new, asked to run again, or adopted mid-way from a
     * previous controller (this one restarted, or took the lease over).
     *
     * <p>A run that was running, stopping or restarting is adopted when its workers re-register with
     * this controller (see {@link #adoptOrLeave}), and what the previous controller was doing with it
     * is done to the end. Otherwise whatever is left of its run is stopped: a job that was running,
     * scheduling or recovering recovers — a new run from its latest checkpoint (from the beginning
     * without checkpoints), within the restart budget; previews, which keep no state and whose output
     * stream is gone, fail. A job rescaling or restarting starts its new run from its latest
     * checkpoint, without spending the budget. A job being compiled is compiled again, one stopping
     * ends stopped, one finishing ends finished, one failing ends failed.
     */
    private Transition firstTransition() throws InterruptedException {
        String adopted = "the controller changed while the job was " + initial.state().label();
        return switch (initial.state()) {
            case CREATED -> stopRequested() ? new Transition(JobState.STOPPED, "stopped before it started")
                    : new Transition(JobState.COMPILING, "job created");
            case STOPPED, FAILED -> new Transition(JobState.COMPILING, "asked to run again"
                    + initial.pendingRestart().map(request -> " (" + request.mode().label() + " restart)").orElse(""));
            case FINISHED -> throw new IllegalStateException("a finished job is never supervised again");
            case COMPILING -> new Transition(JobState.COMPILING, adopted + "; compiling it again");
            case FINISHING -> new Transition(JobState.FINISHED, adopted);
            case RUNNING, STOPPING, CHECKPOINT_STOPPING, RESTARTING -> adoptOrLeave(adopted);
            // The stored program is already the new parallelism's: the old run's subtasks cannot be checked
            // against it, and its latest checkpoint serves the new run as well as a final one would.
            case RESCALING -> leaveRun(adopted + "; run " + runId + " is gone");
            case SCHEDULING, RECOVERING -> {
                stopLeftoverRun();
                yield recoverOrFail(adopted + "; run " + runId + " is gone");
            }
            case FAILING -> {
                stopLeftoverRun();
                yield fail(adopted + "; the cause is in its transitions");
            }
        };
    }

    /**
     * Stops what is left of a run this controller does not adopt, and goes on as the state the job
     * was in says: a stopping job ends stopped, a restarting or rescaling one starts its new run (the
     * restart asked for is still pending — a run records it when it starts — so the new run carries
     * it out), a running one recovers.
     */
    private Transition leaveRun(String why) {
        stopLeftoverRun();
        return switch (initial.state()) {
            case STOPPING, CHECKPOINT_STOPPING -> new Transition(JobState.STOPPING, why);
            case RESTARTING -> new Transition(JobState.COMPILING, why + ", starting the new run");
            case RESCALING -> new Transition(JobState.COMPILING, why + "; rescaling from its latest checkpoint");
            default -> recoverOrFail(why);
        };
    }

    /**
     * A run the previous leader left running, stopping or restarting goes on when its workers
     * re-register with this controller reporting it (pool workers outlive their controller) within
     * the heartbeat timeout: same run, same workers, checkpoints continuing after the latest epoch,
     * and the stop or restart carried on from where the job's state says. Otherwise what is left of
     * it is stopped ({@link #leaveRun}), the reason naming the workers that did not come back.
     */
    private Transition adoptOrLeave(String adopted) throws InterruptedException {
        if (initial.preview() || !scheduler.workersOutliveController()
                || (initial.state() == JobState.RESTARTING && initial.pendingRestart().isEmpty())) {
            return leaveRun(adopted + "; run " + runId + " is gone");
        }
        // The program tells which subtasks the run has; compiling it again gives the same one.
        Optional<Transition> notCompiled = compileProgram();
        if (notCompiled.isPresent()) {
            stopLeftoverRun();
            return notCompiled.get();
        }
        var adoption = new RunAdoption(jobId, runId, store.runWorkers(jobId), programSubtasks(), supervisedSince,
                properties.heartbeatTimeout());
        while (true) {
            List<RunAdoption.Reattached> registered = registry.all().stream()
                    .map(worker -> new RunAdoption.Reattached(worker.workerId(), worker.rpcAddress(), worker.executions()))
                    .toList();
            switch (adoption.decide(registered, clock.instant())) {
                case RunAdoption.Decision.Adopt adopt -> {
                    return adopt(adopt.workerIds());
                }
                case RunAdoption.Decision.Recover recover -> {
                    return leaveRun(adopted + "; " + recover.reason());
                }
                case RunAdoption.Decision.Wait wait -> Thread.sleep(properties.pollInterval());
            }
            // Only a running job turns to a stop here: one stopping carries its stop out on the adopted
            // run, and a restarting one (which cannot go to Stopping) sees the stop once it compiles again.
            if (initial.state() == JobState.RUNNING && stopRequested()) {
                stopLeftoverRun();
                return new Transition(JobState.STOPPING, "stop requested while waiting for run " + runId + "'s workers");
            }
        }
    }

    /**
     * Takes the run over on the workers that reported it; its checkpoints continue after the latest
     * epoch. The commit of the latest completed checkpoint goes to the workers again: the previous
     * leader may have died between completing it and sending its commit, and sinks waiting for it
     * (a final checkpoint's) would wait for ever; a commit they had already taken changes nothing.
     * A stopping or restarting job stays in its state, whose handler goes on with the stop or restart.
     */
    private Transition adopt(List<String> workerIds) {
        tasks.clear();
        workers.clear();
        executionStopSent = false;
        workerIds.forEach(id -> registry.worker(id).ifPresent(worker -> workers.put(id, worker)));
        programSubtasks().forEach(subtask ->
                tasks.put(new Subtask(subtask.nodeId(), subtask.subtaskIndex()), TaskEventType.TASK_STARTED));
        if (initial.checkpointed()) {
            String stateUrl = initial.stateUrl().orElse(properties.stateUrl());
            try {
                CheckpointStore opened = CheckpointStores.open(stateUrl);
                checkpointStore = Optional.of(opened);
                checkpoints = Optional.of(runCheckpoints(opened));
                OptionalLong latest = CheckpointCoordinator.latestCompleted(opened, jobId);
                if (latest.isPresent()) {
                    sendCommit(latest.getAsLong());
                }
            } catch (CheckpointStoreException e) {
                return fail("cannot use the checkpoint store " + stateUrl + " of the adopted run: " + e.getMessage());
            }
        }
        startedNanos = System.nanoTime();
        scheduler.adopt(jobId, runId, workerIds);
        String adopted = "adopted run " + runId + " on " + String.join(", ", workerIds);
        LOG.info("job {}: {} while {}", jobId, adopted, initial.state().label());
        // Compiling the program read the stop or restart asked for, which the state's handler carries out.
        return new Transition(initial.state(), adopted);
    }

    private Set<SubtaskId> programSubtasks() {
        Set<SubtaskId> ids = new HashSet<>();
        for (Node node : program.getNodesList()) {
            for (int index = 0; index < node.getParallelism(); index++) {
                ids.add(new SubtaskId(node.getNodeId(), index));
            }
        }
        return ids;
    }

    private RunCheckpoints runCheckpoints(CheckpointStore opened) {
        var coordinator = new CheckpointCoordinator(jobId, opened, subtaskIds(), properties.retainedCheckpoints(),
                () -> Timestamps.toNanos(clock.instant()));
        return new RunCheckpoints(jobId, runId, opened, coordinator, store, clock,
                Duration.of(current.checkpointIntervalMicros(), ChronoUnit.MICROS), properties.checkpointTimeout());
    }

    /**
     * Stops what a previous controller's run of this job may still be doing, on the workers it
     * recorded, before this controller starts another run. A worker that refuses the connection is
     * gone (embedded and process workers die with their controller); one that cannot be reached
     * otherwise may still run the job, which the log says. The scheduler lets the run's workers go
     * (pool workers that re-registered reporting it become idle again).
     */
    private void stopLeftoverRun() {
        var request = StopExecutionRequest.newBuilder().setJobId(jobId).setStopMode(StopMode.IMMEDIATE).build();
        for (String address : store.runWorkers(jobId)) {
            ManagedChannel channel = NettyChannelBuilder.forTarget(address).usePlaintext().build();
            try {
                WorkerServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS).stopExecution(request);
                LOG.info("job {}: stopped what was left of run {} on the worker at {}", jobId, runId, address);
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() == Status.Code.UNAVAILABLE) {
                    LOG.info("job {}: the worker of run {} at {} is gone", jobId, runId, address);
                } else {
                    LOG.warn("job {}: could not stop run {} on the worker at {}; if it still runs, two runs overlap: {}",
                            jobId, runId, address, describe(e));
                }
            } finally {
                channel.shutdownNow();
            }
        }
        scheduler.stopWorkers(jobId, runId);
    }

    private void enter(Transition transition) {
        if (transition.to() == state && !state.terminal()) {
            return;
        }
        if (Thread.currentThread().isInterrupted()) {
            // Supervision was taken away (this controller no longer leads): another one writes the job now.
            throw new SupervisionEnded();
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
        Optional<Transition> failed = compileProgram();
        if (failed.isPresent()) {
            return failed.get();
        }
        if (stopRequested()) {
            return new Transition(JobState.STOPPING, "stop requested while compiling");
        }
        return new Transition(JobState.SCHEDULING, "compiled " + program.getNodesCount() + " nodes");
    }

    /** Compiles the stored program into {@link #program}; the failure, when it cannot. */
    private Optional<Transition> compileProgram() throws InterruptedException {
        LogicalProgram planned;
        try {
            // The parallelism read first: a rescale stored after it shows as a difference while running.
            refresh();
            runParallelism = current.parallelism();
            // A restart asked for before this run starts (from Restarting, or while the job was on its way to
            // running) is carried out by it.
            restart = current.pendingRestart();
            planned = LogicalProgram.parseFrom(store.program(jobId));
        } catch (InvalidProtocolBufferException e) {
            return Optional.of(fail("the stored program of this job is unreadable: " + e.getMessage()));
        }
        for (int attempt = 1; ; attempt++) {
            try {
                program = compiler.compile(jobId, planned);
                return Optional.empty();
            } catch (CompilerClient.CompilationException e) {
                if (!e.retryable() || attempt == COMPILE_ATTEMPTS) {
                    return Optional.of(fail(e.getMessage()));
                }
                LOG.warn("compiling job {} failed (attempt {} of {}), retrying: {}", jobId, attempt, COMPILE_ATTEMPTS,
                        e.getMessage());
                Thread.sleep(Duration.ofMillis(200L << attempt));
            }
        }
    }

    private Transition schedule() throws InterruptedException {
        runId = store.nextRun(jobId);
        output.reset(jobId);
        tasks.clear();
        workers.clear();
        checkpoints = Optional.empty();
        executionStopSent = false;
        List<String> expected;
        try {
            expected = scheduler.startWorkers(RunAssignment.workersFor(jobId, runId, program, scheduler.slotsPerWorker()));
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
            if (event instanceof JobEvent.WorkerExited exited
                    && (missing.contains(exited.workerId()) || workers.containsKey(exited.workerId()))) {
                return fail("while the run was scheduled, " + exited.description());
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
                        .setWorkerDataAddress(worker.dataAddress())
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
                if (restart.map(asked -> asked.mode() == RestartMode.IGNORE_STATE).orElse(false)) {
                    // Epochs go on after the discarded checkpoints; only this run's and later ones are restored.
                    discardedThroughEpoch = Math.max(discardedThroughEpoch,
                            CheckpointCoordinator.latestCompleted(opened, jobId).orElse(0));
                }
                restoreEpoch = restorable(opened);
                checkpoints = Optional.of(runCheckpoints(opened));
            } catch (CheckpointStoreException e) {
                return fail("cannot use the checkpoint store " + stateUrl + ": " + e.getMessage());
            }
            request.setStateUrl(stateUrl);
            restoreEpoch.ifPresent(request::setRestoreEpoch);
            store.runStarting(jobId, runId, Optional.of(stateUrl), boxed(restoreEpoch), nowMicros());
        }
        store.recordRunWorkers(jobId, runId, handles.stream().map(WorkerHandle::rpcAddress).toList());
        restart.ifPresent(asked -> store.restartCarriedOut(jobId, asked.requestedAtMicros(), discardedThroughEpoch));
        String carriedOut = restart.map(asked -> " (" + asked.mode().label() + " restart"
                + (asked.mode() == RestartMode.IGNORE_STATE ? ", with empty state)" : ")")).orElse("");
        restart = Optional.empty();
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
                + (restoreEpoch.isPresent() ? " from checkpoint " + restoreEpoch.getAsLong() : "") + carriedOut);
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
            Optional<RestartRequest> restartRequest = current.pendingRestart();
            if (restartRequest.isPresent()) {
                restart = restartRequest;
                return new Transition(JobState.RESTARTING, restartRequest.get().mode().label() + " restart requested");
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
                if (current.parallelism() != runParallelism) {
                    return new Transition(JobState.RESCALING, "parallelism changed from " + runParallelism + " to "
                            + current.parallelism());
                }
                checkpoints.get().changeInterval(Duration.of(current.checkpointIntervalMicros(), ChronoUnit.MICROS));
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
            // Checked before the tasks' ends: the tasks end after the final commit, often within the same events.
            if (finalEpoch.isPresent() && run.inFlight().isEmpty()) {
                return afterFinalCheckpoint(run, finalEpoch.getAsLong());
            }
            if (allTasks(TaskEventType.TASK_FINISHED)) {
                // Bounded sources ran out first: there is nothing left to stop or to checkpoint.
                run.abandon("every task ended before it completed");
                executionStopSent = true;
                return new Transition(JobState.STOPPING, "every task ended before the final checkpoint");
            }
            // A periodic checkpoint in flight completes (or times out) before the final one begins: one at a time.
            run.abandonIfOverdue().ifPresent(message -> LOG.warn("{}", message));
            if (finalEpoch.isEmpty()) {
                finalEpoch = run.beginFinal();
                finalEpoch.ifPresent(epoch -> sendCheckpoint(epoch, true));
            }
        }
    }

    /**
     * Takes a final checkpoint at the old parallelism, then starts again: the new run is planned for
     * the new parallelism and restores that checkpoint, its keyed state split by key-hash range.
     */
    private Transition rescaling() throws InterruptedException {
        return throughFinalCheckpoint("rescaling to parallelism " + current.parallelism());
    }

    /**
     * Ends the run as the restart's mode says, then starts a new one (set up by {@link #start} from
     * the mode): {@code safe} takes a final checkpoint that the new run restores; {@code force}
     * cancels the tasks and the new run restores the latest completed checkpoint; {@code ignore_state}
     * cancels them and the new run starts with empty state. A restart is no failure: it spends none of
     * the restart budget (a failure on the way does, as any failed run).
     */
    private Transition restarting() throws InterruptedException {
        RestartMode mode = restart.orElseThrow(() -> new IllegalStateException("job " + jobId + " restarts for nothing"))
                .mode();
        return switch (mode) {
            case SAFE -> throughFinalCheckpoint("safe restart");
            case FORCE, IGNORE_STATE -> {
                checkpoints.ifPresent(run -> run.abandon("the job was restarted before it completed"));
                yield endRun().orElseGet(() -> new Transition(JobState.COMPILING, mode.label() + " restart: tasks "
                        + "cancelled; " + (mode == RestartMode.FORCE ? "resuming from the latest completed checkpoint"
                                : "starting with empty state")));
            }
        };
    }

    /**
     * Takes a final checkpoint as a stop with a checkpoint would, then clears the run away for the
     * next one, which restores it. A failure on the way recovers like any failed run.
     */
    private Transition throughFinalCheckpoint(String purpose) throws InterruptedException {
        Transition drained = checkpointStopping();
        if (drained.to() == JobState.FAILING) {
            failure = Optional.empty();
            return recoverOrFail(drained.reason());
        }
        return endRun().orElseGet(() -> new Transition(JobState.COMPILING, purpose + ": " + drained.reason()));
    }

    /**
     * Cancels the tasks that have not ended and clears the run away, so that the next one can be
     * compiled and scheduled; when a task fails meanwhile, the recovery that follows.
     */
    private Optional<Transition> endRun() throws InterruptedException {
        if (!workers.isEmpty() && !executionStopSent) {
            sendStop(StopMode.IMMEDIATE);
            Optional<String> failed = awaitTasksEnded();
            if (failed.isPresent()) {
                return Optional.of(recoverOrFail(failed.get()));
            }
        }
        checkpoints = Optional.empty();
        releaseWorkers();
        tasks.clear();
        stop = StopRequest.NONE;
        return Optional.empty();
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
        if (initial.checkpointed() && checkpointStore.isEmpty()) {
            // Taken over from a previous controller: this supervisor has not opened the job's store yet.
            return new Transition(JobState.COMPILING, "restarting after: " + current.cause()
                    + "; resuming from its latest checkpoint, if any");
        }
        OptionalLong latest = checkpointStore.map(this::restorable).orElse(OptionalLong.empty());
        return new Transition(JobState.COMPILING, "restarting after: " + current.cause() + "; "
                + (latest.isPresent() ? "resuming from checkpoint " + latest.getAsLong() : "starting from the beginning"));
    }

    /** The checkpoint a new run restores: the latest completed one, unless a restart discarded its state. */
    private OptionalLong restorable(CheckpointStore opened) {
        OptionalLong latest = CheckpointCoordinator.latestCompleted(opened, jobId);
        return latest.isPresent() && latest.getAsLong() > discardedThroughEpoch ? latest : OptionalLong.empty();
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
                case JobEvent.WorkerExited exited -> {
                    if (workers.containsKey(exited.workerId())) {
                        return Optional.of(exited.description());
                    }
                }
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
            logFailure(task);
            return Optional.of("operator " + task.getOperatorId() + " (subtask " + task.getSubtaskIndex() + ") failed: "
                    + task.getErrorMessage());
        }
        return Optional.empty();
    }

    /** A failure the job recovers from is worth seeing too; a database hiccup must not stop supervision. */
    private void logFailure(TaskEvent task) {
        try {
            log.taskFailed(jobId, runId, task, nowMicros());
        } catch (RuntimeException e) {
            LOG.warn("job {}: could not log the failure of operator {} subtask {}: {}", jobId, task.getOperatorId(),
                    task.getSubtaskIndex(), e.getMessage());
        }
    }

    /** Counts a subtask's report towards its checkpoint; the one that completes it lets the sinks commit. */
    private void acknowledge(JobEvent.CheckpointReported reported) {
        if (checkpoints.isEmpty() || !workers.containsKey(reported.workerId())) {
            return;
        }
        try {
            checkpoints.get().acknowledge(reported.checkpoint()).ifPresent(metadata -> sendCommit(metadata.getEpoch()));
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

    private void sendCommit(long epoch) {
        var request = CommitRequest.newBuilder().setJobId(jobId).setEpoch(epoch).build();
        for (WorkerHandle worker : workers.values()) {
            try {
                worker.stub().commit(request);
            } catch (StatusRuntimeException e) {
                // The checkpoint is complete all the same: a restore from it commits what is left.
                LOG.warn("job {}: worker {} did not take the commit of checkpoint {}: {}", jobId, worker.workerId(),
                        epoch, describe(e));
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
        refresh();
        return stop != StopRequest.NONE;
    }

    /** Reads what the user wants now: stop, parallelism, checkpoint interval, restart. */
    private void refresh() {
        store.job(jobId).ifPresent(job -> {
            current = job;
            if (job.stop() != StopRequest.NONE) {
                stop = job.stop();
            }
        });
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

    /** This supervisor's thread was interrupted: it must record nothing more. */
    private static final class SupervisionEnded extends RuntimeException {
        SupervisionEnded() {
            super("supervision ended", null, false, false);
        }
    }
}
