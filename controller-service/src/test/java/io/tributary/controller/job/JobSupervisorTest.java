package io.tributary.controller.job;

import static io.tributary.controller.job.FakeWorkers.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tributary.controller.ControllerProperties;
import io.tributary.controller.compile.CompilerClient;
import io.tributary.controller.output.OutputHub;
import io.tributary.controller.rpc.WorkerRegistry;
import io.tributary.controller.store.JobRecord;
import io.tributary.controller.store.RestartStatus;
import io.tributary.engine.checkpoint.CheckpointCoordinator;
import io.tributary.engine.checkpoint.CheckpointStores;
import io.tributary.proto.checkpoint.OperatorCheckpoint;
import io.tributary.proto.checkpoint.SubtaskCheckpoint;
import io.tributary.proto.control.CheckpointRequest;
import io.tributary.proto.control.RegisterWorkerRequest;
import io.tributary.proto.control.RunningExecution;
import io.tributary.proto.control.RunningSubtask;
import io.tributary.proto.control.StartExecutionRequest;
import io.tributary.proto.control.StopMode;
import io.tributary.proto.control.TaskEvent;
import io.tributary.proto.control.TaskEventType;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.Node;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor's checkpointing, stop with a final checkpoint and recovery, against fake workers
 * (the test delivers what their subtasks would report) and a clock that moves only when told.
 */
class JobSupervisorTest {
    private static final String JOB = "job_sup";
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    /** A source (one subtask) feeding a window over two subtasks. */
    private static final LogicalProgram PROGRAM = LogicalProgram.newBuilder()
            .addNodes(Node.newBuilder().setNodeId(1).setParallelism(1))
            .addNodes(Node.newBuilder().setNodeId(2).setParallelism(2))
            .build();
    private static final List<int[]> SUBTASKS = List.of(new int[] {1, 0}, new int[] {2, 0}, new int[] {2, 1});

    @TempDir
    Path stateDir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final WorkerRegistry registry = new WorkerRegistry();
    /** Replaced by a pool's, whose workers outlive their controller, in the tests of adoption. */
    FakeWorkers workers = new FakeWorkers(registry);
    final OutputHub output = new OutputHub();
    final List<TaskEvent> logged = new CopyOnWriteArrayList<>();
    JobSupervisor current;
    Thread supervision;

    @AfterEach
    void stopSupervision() throws InterruptedException {
        if (supervision != null) {
            supervision.interrupt();
            supervision.join(10_000);
        }
        workers.close();
    }

    @Test
    void checkpointsEveryIntervalThenStopsWithAFinalCheckpointAndRestoresItOnRestart() throws Exception {
        Started started = start(5);
        FakeJobStore store = started.store();
        StartExecutionRequest start = started.request();
        assertThat(start.hasRestoreEpoch()).isFalse();
        assertThat(start.getStateUrl()).isEqualTo(stateUrl());

        assertThat(checkpoint(start)).isEqualTo(1);
        assertThat(store.checkpointStates).containsEntry(1L, "completed");
        assertThat(CheckpointCoordinator.latestCompleted(CheckpointStores.open(stateUrl()), JOB)).hasValue(1);

        store.requestStop(StopRequest.CHECKPOINT);
        assertThat(finalCheckpoint(start)).isEqualTo(2);

        store.awaitTransitionTo(JobState.STOPPED);
        assertThat(store.states()).containsSubsequence(JobState.RUNNING, JobState.CHECKPOINT_STOPPING,
                JobState.STOPPING, JobState.STOPPED);
        assertThat(workers.stops).as("tasks end by themselves after the final commit").isEmpty();
        supervision.join(10_000);

        FakeJobStore restarted = new FakeJobStore(job(JobState.STOPPED, false), PROGRAM);
        supervise(restarted, 5);
        StartExecutionRequest resumed = next(workers.starts, "StartExecution of the restart");
        assertThat(resumed.getRestoreEpoch()).isEqualTo(2);
        assertThat(restarted.awaitTransitionTo(JobState.RUNNING).reason()).contains("from checkpoint 2");
    }

    @Test
    void aFailedTaskRecoversFromTheLatestCheckpointAfterABackoff() throws Exception {
        Started started = start(5);
        FakeJobStore store = started.store();
        StartExecutionRequest start = started.request();
        checkpoint(start);

        fail(start, "division by zero");

        FakeJobStore.Recorded recovering = store.awaitTransitionTo(JobState.RECOVERING);
        assertThat(recovering.reason()).contains("division by zero").contains("restarting in 1000 ms");
        clock.advance(Duration.ofSeconds(1));
        assertThat(store.awaitTransitionTo(JobState.COMPILING).reason()).contains("resuming from checkpoint 1");
        StartExecutionRequest again = next(workers.starts, "StartExecution of the recovery");
        assertThat(again.getRunId()).isGreaterThan(start.getRunId());
        assertThat(again.getRestoreEpoch()).isEqualTo(1);
        store.awaitTransitionTo(JobState.RUNNING);
        assertThat(store.restarts).isEqualTo(1);
    }

    @Test
    void aNewParallelismRescalesThroughAFinalCheckpointThatTheWiderRunRestores() throws Exception {
        Started started = start(5);
        FakeJobStore store = started.store();
        StartExecutionRequest start = started.request();

        store.rescale(3, PROGRAM.toBuilder().setNodes(1, PROGRAM.getNodes(1).toBuilder().setParallelism(3)).build());

        assertThat(store.awaitTransitionTo(JobState.RESCALING).reason()).isEqualTo("parallelism changed from 2 to 3");
        long last = finalCheckpoint(start);
        assertThat(store.awaitTransitionTo(JobState.COMPILING).reason()).startsWith("rescaling to parallelism 3");
        StartExecutionRequest wider = next(workers.starts, "StartExecution at the new parallelism");
        assertThat(wider.getRestoreEpoch()).isEqualTo(last);
        assertThat(wider.getTasksCount()).isEqualTo(4);
        store.awaitTransitionTo(JobState.RUNNING);
        assertThat(store.restarts).as("a rescale is not a failure").isZero();
    }

    @Test
    void aSafeRestartTakesAFinalCheckpointThatTheNewRunRestores() throws Exception {
        Started started = start(5);
        FakeJobStore store = started.store();
        StartExecutionRequest start = started.request();

        store.requestRestart(RestartMode.SAFE);

        assertThat(store.awaitTransitionTo(JobState.RESTARTING).reason()).isEqualTo("safe restart requested");
        long last = finalCheckpoint(start);
        assertThat(store.awaitTransitionTo(JobState.COMPILING).reason())
                .isEqualTo("safe restart: final checkpoint " + last + " completed and every task ended");
        StartExecutionRequest again = next(workers.starts, "StartExecution of the restart");
        assertThat(again.getRunId()).isGreaterThan(start.getRunId());
        assertThat(again.getRestoreEpoch()).isEqualTo(last);
        assertThat(store.awaitTransitionTo(JobState.RUNNING).reason())
                .endsWith("from checkpoint " + last + " (safe restart)");
        assertThat(workers.stops).as("tasks end by themselves after the final commit").isEmpty();
        assertThat(store.job(JOB).orElseThrow().pendingRestart()).as("carried out").isEmpty();
        assertThat(store.restarts).as("a restart is not a failure").isZero();
    }

    @Test
    void aForcedRestartCancelsTheTasksAndRestoresTheLatestCompletedCheckpoint() throws Exception {
        Started started = start(5);
        FakeJobStore store = started.store();
        StartExecutionRequest start = started.request();
        long completed = checkpoint(start);

        StartExecutionRequest again = restartCancelling(store, start, RestartMode.FORCE, "force",
                "resuming from the latest completed checkpoint");

        assertThat(again.getRestoreEpoch()).isEqualTo(completed);
        assertThat(store.awaitTransitionTo(JobState.RUNNING).reason()).endsWith("(force restart)");
        assertThat(workers.checkpoints).as("no final checkpoint").isEmpty();
        assertThat(store.restarts).as("a restart is not a failure").isZero();
    }

    @Test
    void aRestartIgnoringStateStartsEmptyAndNoLaterRecoveryBringsTheDiscardedStateBack() throws Exception {
        // A budget of one restart: the restart must not spend it for the recovery below to happen.
        Started started = start(1);
        FakeJobStore store = started.store();
        StartExecutionRequest start = started.request();
        long discarded = checkpoint(start);

        StartExecutionRequest fresh = restartCancelling(store, start, RestartMode.IGNORE_STATE, "ignore_state",
                "starting with empty state");

        assertThat(fresh.hasRestoreEpoch()).isFalse();
        assertThat(store.awaitTransitionTo(JobState.RUNNING).reason())
                .endsWith("(ignore_state restart, with empty state)");
        assertThat(store.job(JOB).orElseThrow().restart().discardedThroughEpoch()).isEqualTo(discarded);
        assertThat(store.restarts).isZero();

        fail(fresh, "boom");

        assertThat(store.awaitTransitionTo(JobState.RECOVERING).reason()).contains("boom");
        clock.advance(Duration.ofSeconds(1));
        assertThat(store.awaitTransitionTo(JobState.COMPILING).reason()).contains("starting from the beginning");
        StartExecutionRequest recovered = next(workers.starts, "StartExecution of the recovery");
        assertThat(recovered.hasRestoreEpoch()).as("checkpoint %d holds discarded state", discarded).isFalse();
        store.awaitTransitionTo(JobState.RUNNING);
        clock.advance(INTERVAL);
        assertThat(next(workers.checkpoints, "Checkpoint after the restart").getEpoch())
                .as("epochs go on increasing").isGreaterThan(discarded);
    }

    @Test
    void aStoppedJobRestartsFromItsLatestCheckpointUnlessTheRestartIgnoresState() throws Exception {
        Started started = start(5);
        FakeJobStore first = started.store();
        StartExecutionRequest start = started.request();
        long completed = checkpoint(start);
        first.requestStop(StopRequest.IMMEDIATE);
        next(workers.stops, "StopExecution");
        finishAll(start);
        first.awaitTransitionTo(JobState.STOPPED);
        supervision.join(10_000);

        FakeJobStore forced = new FakeJobStore(job(JobState.STOPPED, false), PROGRAM);
        forced.requestRestart(RestartMode.FORCE);
        supervise(forced, 5);
        assertThat(forced.awaitTransitionTo(JobState.COMPILING).reason()).isEqualTo("asked to run again (force restart)");
        assertThat(next(workers.starts, "StartExecution of the forced restart").getRestoreEpoch()).isEqualTo(completed);
        forced.awaitTransitionTo(JobState.RUNNING);
        supervision.interrupt();
        supervision.join(10_000);

        FakeJobStore fresh = new FakeJobStore(job(JobState.STOPPED, false), PROGRAM);
        fresh.requestRestart(RestartMode.IGNORE_STATE);
        supervise(fresh, 5);
        assertThat(fresh.awaitTransitionTo(JobState.COMPILING).reason())
                .isEqualTo("asked to run again (ignore_state restart)");
        assertThat(next(workers.starts, "StartExecution of the fresh restart").hasRestoreEpoch()).isFalse();
        assertThat(fresh.awaitTransitionTo(JobState.RUNNING).reason()).endsWith("(ignore_state restart, with empty state)");
        assertThat(fresh.job(JOB).orElseThrow().pendingRestart()).isEmpty();
        assertThat(fresh.restarts).isZero();
    }

    @Test
    void aJobThatKeepsFailingFailsOnceItsRestartBudgetIsSpent() throws Exception {
        FakeJobStore store = new FakeJobStore(job(JobState.CREATED, false), PROGRAM);
        supervise(store, 1);
        fail(next(workers.starts, "StartExecution"), "bad row");
        store.awaitTransitionTo(JobState.RECOVERING);
        clock.advance(Duration.ofSeconds(1));
        StartExecutionRequest again = next(workers.starts, "StartExecution of the recovery");
        assertThat(again.hasRestoreEpoch()).as("no checkpoint yet: from the beginning").isFalse();
        store.awaitTransitionTo(JobState.RUNNING);

        fail(again, "bad row again");

        FakeJobStore.Recorded failed = store.awaitTransitionTo(JobState.FAILED);
        assertThat(failed.failure()).hasValueSatisfying(message -> assertThat(message)
                .contains("bad row again").contains("gave up after 1 restart within 10 minutes"));
        assertThat(logged).as("the error log keeps the failure recovered from")
                .extracting(TaskEvent::getOperatorId, TaskEvent::getSubtaskIndex, TaskEvent::getErrorMessage)
                .containsExactly(tuple("window_2", 0, "bad row"), tuple("window_2", 0, "bad row again"));
    }

    @Test
    void aStopRequestedWhileRecoveringStopsWithoutWaitingOutTheBackoff() throws Exception {
        FakeJobStore store = new FakeJobStore(job(JobState.CREATED, false), PROGRAM);
        supervise(store, 5);
        fail(next(workers.starts, "StartExecution"), "boom");
        store.awaitTransitionTo(JobState.RECOVERING);

        store.requestStop(StopRequest.IMMEDIATE);

        store.awaitTransitionTo(JobState.STOPPED);
        assertThat(store.states()).containsSubsequence(JobState.RECOVERING, JobState.STOPPING, JobState.STOPPED);
    }

    @Test
    void aPreviewFailsAtOnceAndTakesNoCheckpoints() throws Exception {
        FakeJobStore store = new FakeJobStore(job(JobState.CREATED, true), PROGRAM);
        supervise(store, 5);
        StartExecutionRequest start = next(workers.starts, "StartExecution");
        assertThat(start.getStateUrl()).isEmpty();

        fail(start, "boom");

        assertThat(store.awaitTransitionTo(JobState.FAILED).failure()).hasValueSatisfying(message ->
                assertThat(message).contains("boom"));
        assertThat(store.states()).doesNotContain(JobState.RECOVERING);
    }

    @Test
    void aNewLeaderAdoptsTheRunWhenItsWorkerReRegistersAndItsCheckpointsGoOnWithHigherEpochs() throws Exception {
        Started started = onAPoolCheckpointed();
        StartExecutionRequest start = started.request();

        FakeJobStore store = adoptedByANewLeader(started, JobState.RUNNING);

        assertThat(next(workers.commits, "Commit").getEpoch())
                .as("the latest completed checkpoint's commit, which the previous leader may not have sent")
                .isEqualTo(1);
        assertThat(checkpoint(start)).isEqualTo(2);
        assertThat(workers.starts).as("the run goes on: nothing starts again").isEmpty();
        assertThat(workers.stops).isEmpty();
        finishAll(start);
        store.awaitTransitionTo(JobState.FINISHED);
        assertThat(store.transitions).extracting(FakeJobStore.Recorded::from, FakeJobStore.Recorded::to)
                .containsExactly(tuple(JobState.RUNNING, JobState.FINISHING), tuple(JobState.FINISHING, JobState.FINISHED));
        assertThat(store.job(JOB).orElseThrow().runId()).isEqualTo(start.getRunId());
    }

    @Test
    void aNewLeaderAdoptsARunStoppingWithACheckpointAndTakesItsFinalCheckpointAgain() throws Exception {
        Started started = onAPoolCheckpointed();
        StartExecutionRequest start = started.request();
        started.store().requestStop(StopRequest.CHECKPOINT);
        // The leader asks for the final checkpoint and dies before any subtask reported it.
        next(workers.checkpoints, "final Checkpoint");

        FakeJobStore store = adoptedByANewLeader(started, JobState.CHECKPOINT_STOPPING);

        assertThat(next(workers.commits, "Commit").getEpoch()).isEqualTo(1);
        assertThat(finalCheckpoint(start)).as("a final checkpoint after the completed one").isGreaterThan(1);
        store.awaitTransitionTo(JobState.STOPPED);
        assertThat(store.states()).containsExactly(JobState.STOPPING, JobState.STOPPED);
        assertThat(workers.starts).isEmpty();
        assertThat(workers.stops).as("tasks end by themselves after the final commit").isEmpty();
    }

    @Test
    void aNewLeaderAdoptsAStoppingRunAndStopsItAsAsked() throws Exception {
        Started started = onAPoolCheckpointed();
        started.store().requestStop(StopRequest.GRACEFUL);

        FakeJobStore store = adoptedWhileStopping(started, JobState.STOPPING, StopMode.GRACEFUL);

        store.awaitTransitionTo(JobState.STOPPED);
        assertThat(store.states()).containsExactly(JobState.STOPPED);
        assertThat(workers.starts).isEmpty();
    }

    @Test
    void aNewLeaderAdoptsARestartingRunAndCarriesTheRestartOut() throws Exception {
        Started started = onAPoolCheckpointed();
        StartExecutionRequest start = started.request();
        started.store().requestRestart(RestartMode.FORCE);

        FakeJobStore store = adoptedWhileStopping(started, JobState.RESTARTING, StopMode.IMMEDIATE);

        assertThat(store.awaitTransitionTo(JobState.COMPILING).reason())
                .isEqualTo("force restart: tasks cancelled; resuming from the latest completed checkpoint");
        assertThat(nextRunRestoring(store, 1).getRunId()).isGreaterThan(start.getRunId());
    }

    @Test
    void aStopAskedForWhileANewLeaderWaitsForARestartingRunsWorkerStopsTheJobOnceTheRestartEndedTheRun()
            throws Exception {
        Started started = onAPoolCheckpointed();
        started.store().requestRestart(RestartMode.FORCE);
        assertThat(next(workers.stops, "StopExecution").getStopMode()).isEqualTo(StopMode.IMMEDIATE);
        FakeJobStore store = leaderChanges(started.store(), JobState.RESTARTING);
        supervise(store, 5);

        // Restarting cannot go to Stopping: the stop waits until the restart has ended the run.
        store.requestStop(StopRequest.IMMEDIATE);
        reRegister(started.request(), store.runWorkers.getFirst());

        assertThat(next(workers.adoptions, "adoption")).containsExactly(workerOf(started.request()));
        assertThat(next(workers.stops, "StopExecution of the adopted run").getStopMode()).isEqualTo(StopMode.IMMEDIATE);
        finishAll(started.request());
        store.awaitTransitionTo(JobState.STOPPED);
        assertThat(store.states()).containsExactly(JobState.COMPILING, JobState.STOPPING, JobState.STOPPED);
        assertThat(workers.starts).isEmpty();
    }

    @Test
    void aNewLeaderFindingARunRescalingStartsTheWiderRunFromTheLatestCheckpoint() throws Exception {
        Started started = onAPoolCheckpointed();
        StartExecutionRequest start = started.request();
        started.store().rescale(3,
                PROGRAM.toBuilder().setNodes(1, PROGRAM.getNodes(1).toBuilder().setParallelism(3)).build());
        next(workers.checkpoints, "final Checkpoint");

        FakeJobStore store = leaderChanges(started.store(), JobState.RESCALING);
        supervise(store, 5);

        assertThat(store.awaitTransitionTo(JobState.COMPILING).reason())
                .isEqualTo("the controller changed while the job was Rescaling; run " + start.getRunId()
                        + " is gone; rescaling from its latest checkpoint");
        assertThat(next(workers.stops, "StopExecution of the run left behind").getStopMode())
                .isEqualTo(StopMode.IMMEDIATE);
        assertThat(nextRunRestoring(store, 1).getTasksCount()).as("subtasks at the new parallelism").isEqualTo(4);
    }

    /** The job's next run restores {@code epoch} and runs, no failure having spent the restart budget; its start. */
    private StartExecutionRequest nextRunRestoring(FakeJobStore store, long epoch) throws InterruptedException {
        StartExecutionRequest next = next(workers.starts, "StartExecution of the next run");
        assertThat(next.getRestoreEpoch()).isEqualTo(epoch);
        store.awaitTransitionTo(JobState.RUNNING);
        assertThat(store.restarts).as("restarts counted against the budget").isZero();
        return next;
    }

    @Test
    void aNewLeaderRecoversFromTheLatestCheckpointWhenTheRunsWorkerDoesNotComeBack() throws Exception {
        workers = new FakeWorkers(registry, true);
        Started started = start(5);
        StartExecutionRequest start = started.request();
        checkpoint(start);

        FakeJobStore store = leaderChanges(started.store());
        supervise(store, 5);
        clock.advance(Duration.ofHours(1));

        assertThat(store.awaitTransitionTo(JobState.RECOVERING).reason())
                .contains("the workers of run " + start.getRunId() + " at " + store.runWorkers.getFirst()
                        + " did not come back within 3600 s");
        assertThat(next(workers.stops, "StopExecution of the run left behind").getStopMode())
                .isEqualTo(StopMode.IMMEDIATE);
        clock.advance(Duration.ofSeconds(1));
        StartExecutionRequest again = next(workers.starts, "StartExecution of the recovery");
        assertThat(again.getRunId()).isGreaterThan(start.getRunId());
        assertThat(again.getRestoreEpoch()).isEqualTo(1);
        assertThat(workers.adoptions).isEmpty();
    }

    private FakeJobStore leaderChanges(FakeJobStore previous) throws InterruptedException {
        return leaderChanges(previous, JobState.RUNNING);
    }

    /**
     * Ends this controller's supervision as losing the lease does, once the job is in {@code state},
     * and returns the store as a new leader finds it: the job in that state, with its program and the
     * run's workers recorded. The worker runs on, unknown to the new leader's registry until it
     * re-registers.
     */
    private FakeJobStore leaderChanges(FakeJobStore previous, JobState state) throws InterruptedException {
        if (previous.job(JOB).orElseThrow().state() != state) {
            previous.awaitTransitionTo(state);
        }
        supervision.interrupt();
        supervision.join(10_000);
        assertThat(workers.released).as("the run's workers are left to the next leader").isEmpty();
        registry.close();
        FakeJobStore store = new FakeJobStore(previous.job(JOB).orElseThrow(), previous.storedProgram());
        store.runWorkers = previous.runWorkers;
        assertThat(store.job(JOB).orElseThrow().state()).isEqualTo(state);
        return store;
    }

    /**
     * The leader changes once the job is in {@code state}; the run's worker re-registers and the new
     * leader adopts the run. The new leader's store.
     */
    private FakeJobStore adoptedByANewLeader(Started started, JobState state) throws InterruptedException {
        FakeJobStore store = leaderChanges(started.store(), state);
        reRegister(started.request(), store.runWorkers.getFirst());
        supervise(store, 5);
        assertThat(next(workers.adoptions, "adoption")).containsExactly(workerOf(started.request()));
        return store;
    }

    /**
     * The leader, stopping the run's tasks as {@code mode} says, dies in {@code state}; the new leader
     * adopts the run and stops its tasks again, as the old one did, and they end. The new leader's store.
     */
    private FakeJobStore adoptedWhileStopping(Started started, JobState state, StopMode mode)
            throws InterruptedException {
        assertThat(next(workers.stops, "StopExecution").getStopMode()).isEqualTo(mode);
        FakeJobStore store = adoptedByANewLeader(started, state);
        assertThat(next(workers.stops, "StopExecution of the adopted run").getStopMode()).isEqualTo(mode);
        finishAll(started.request());
        return store;
    }

    /** The run's worker registers with the new leader, reporting the run's subtasks it runs. */
    private void reRegister(StartExecutionRequest start, String rpcAddress) {
        var execution = RunningExecution.newBuilder().setJobId(JOB).setRunId(start.getRunId());
        SUBTASKS.forEach(subtask ->
                execution.addSubtasks(RunningSubtask.newBuilder().setNodeId(subtask[0]).setSubtaskIndex(subtask[1])));
        registry.register(RegisterWorkerRequest.newBuilder()
                .setWorkerId(workerOf(start))
                .setRpcAddress(rpcAddress)
                .setSlots(2)
                .addExecutions(execution)
                .build());
    }

    /** A job's store and the start request of its first run, once that runs. */
    private record Started(FakeJobStore store, StartExecutionRequest request) {}

    /** A new job on pool workers (which outlive their controller), running, its checkpoint 1 complete. */
    private Started onAPoolCheckpointed() throws InterruptedException {
        workers = new FakeWorkers(registry, true);
        Started started = start(5);
        assertThat(checkpoint(started.request())).isEqualTo(1);
        return started;
    }

    /** Supervises a new job with that restart budget until its first run is Running. */
    private Started start(int maxRestarts) throws InterruptedException {
        FakeJobStore store = new FakeJobStore(job(JobState.CREATED, false), PROGRAM);
        supervise(store, maxRestarts);
        StartExecutionRequest start = next(workers.starts, "StartExecution");
        store.awaitTransitionTo(JobState.RUNNING);
        return new Started(store, start);
    }

    private void supervise(FakeJobStore store, int maxRestarts) {
        var properties = new ControllerProperties(0, "localhost", URI.create("http://localhost:1"),
                ControllerProperties.SchedulerKind.POOL, Duration.ofMillis(5), Duration.ofSeconds(30),
                Duration.ofHours(1), Duration.ofSeconds(30), stateUrl(), 3, Duration.ofMinutes(5), maxRestarts,
                Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofSeconds(60));
        var compiler = new CompilerClient(properties) {
            @Override
            public LogicalProgram compile(String jobId, LogicalProgram program) {
                return program;
            }
        };
        JobRecord job = store.job(JOB).orElseThrow();
        var supervisor = new JobSupervisor(job, store, compiler, workers, registry, output,
                (jobId, runId, event, atMicros) -> logged.add(event), properties, clock);
        current = supervisor;
        supervision = Thread.ofVirtual().name("supervise-" + JOB).start(supervisor);
    }

    /** Lets the next periodic checkpoint of the run complete; its epoch. */
    private long checkpoint(StartExecutionRequest start) throws InterruptedException {
        clock.advance(INTERVAL);
        CheckpointRequest request = next(workers.checkpoints, "Checkpoint");
        assertThat(request.getThenStop()).isFalse();
        long epoch = request.getEpoch();
        reportAll(start, epoch);
        assertThat(next(workers.commits, "Commit").getEpoch()).isEqualTo(epoch);
        return epoch;
    }

    /**
     * Completes the final checkpoint the supervisor asked for, then ends every task as tasks do
     * after its commit; its epoch.
     */
    private long finalCheckpoint(StartExecutionRequest start) throws InterruptedException {
        CheckpointRequest last = next(workers.checkpoints, "final Checkpoint");
        assertThat(last.getThenStop()).isTrue();
        reportAll(start, last.getEpoch());
        assertThat(next(workers.commits, "Commit").getEpoch()).isEqualTo(last.getEpoch());
        finishAll(start);
        return last.getEpoch();
    }

    /**
     * Requests a restart ({@code label} as the transitions name it) that cancels the run's tasks,
     * ends them as cancelled tasks end, and waits for the next run, compiled to go on {@code from};
     * that run's start request.
     */
    private StartExecutionRequest restartCancelling(FakeJobStore store, StartExecutionRequest start, RestartMode mode,
            String label, String from) throws InterruptedException {
        store.requestRestart(mode);
        assertThat(store.awaitTransitionTo(JobState.RESTARTING).reason()).isEqualTo(label + " restart requested");
        assertThat(next(workers.stops, "StopExecution").getStopMode()).isEqualTo(StopMode.IMMEDIATE);
        finishAll(start);
        assertThat(store.awaitTransitionTo(JobState.COMPILING).reason())
                .isEqualTo(label + " restart: tasks cancelled; " + from);
        return next(workers.starts, "StartExecution of the restart");
    }

    private void reportAll(StartExecutionRequest start, long epoch) {
        for (int[] subtask : SUBTASKS) {
            current.deliver(new JobEvent.CheckpointReported(workerOf(start), SubtaskCheckpoint.newBuilder()
                    .setJobId(JOB)
                    .setEpoch(epoch)
                    .setNodeId(subtask[0])
                    .setSubtaskIndex(subtask[1])
                    .setBytes(10)
                    .addOperators(OperatorCheckpoint.newBuilder().setOperatorId("op_" + subtask[0]).setBytes(10))
                    .build()));
        }
    }

    private void finishAll(StartExecutionRequest start) {
        for (int[] subtask : SUBTASKS) {
            current.deliver(new JobEvent.TaskReported(task(start, subtask, TaskEventType.TASK_FINISHED).build()));
        }
    }

    private void fail(StartExecutionRequest start, String message) {
        current.deliver(new JobEvent.TaskReported(task(start, SUBTASKS.get(1), TaskEventType.TASK_FAILED)
                .setOperatorId("window_2")
                .setErrorMessage(message)
                .build()));
    }

    private static TaskEvent.Builder task(StartExecutionRequest start, int[] subtask, TaskEventType type) {
        return TaskEvent.newBuilder()
                .setWorkerId(workerOf(start))
                .setJobId(JOB)
                .setNodeId(subtask[0])
                .setSubtaskIndex(subtask[1])
                .setType(type);
    }

    private static String workerOf(StartExecutionRequest start) {
        return start.getTasks(0).getWorkerId();
    }

    private JobRecord job(JobState state, boolean preview) {
        Optional<String> stateUrl = state == JobState.CREATED ? Optional.empty() : Optional.of(stateUrl());
        return new JobRecord(JOB, "pl_sup", state, 0, StopRequest.NONE, true, 2, Optional.of(1L), Optional.empty(), 2,
                preview, INTERVAL.toNanos() / 1_000, stateUrl, 0, RestartStatus.NONE);
    }

    private String stateUrl() {
        return stateDir.toUri().toString();
    }
}
