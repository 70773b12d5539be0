package io.tributary.controller.job;

import static io.tributary.controller.job.FakeWorkers.next;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.tributary.controller.ControllerProperties;
import io.tributary.controller.compile.CompilerClient;
import io.tributary.controller.metrics.MetricsHistory;
import io.tributary.controller.output.OutputHub;
import io.tributary.controller.rpc.ControllerRpc;
import io.tributary.controller.rpc.WorkerRegistry;
import io.tributary.controller.store.JobRecord;
import io.tributary.controller.store.RestartStatus;
import io.tributary.proto.control.RegisterWorkerRequest;
import io.tributary.proto.control.RegisterWorkerResponse;
import io.tributary.proto.control.RunningExecution;
import io.tributary.proto.control.RunningSubtask;
import io.tributary.proto.control.StartExecutionRequest;
import io.tributary.proto.control.StopExecutionRequest;
import io.tributary.proto.control.StopExecutionResponse;
import io.tributary.proto.control.StopMode;
import io.tributary.proto.control.TaskEvent;
import io.tributary.proto.control.TaskEventType;
import io.tributary.proto.control.WorkerServiceGrpc;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.Node;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Job managers as leaders come and go (the election is played by the test): a new leader adopts
 * the jobs a previous one left, stopping what is left of their runs before it starts new ones.
 */
class JobManagerLeadershipTest {
    private static final String JOB = "job_ha";
    private static final LogicalProgram PROGRAM = LogicalProgram.newBuilder()
            .addNodes(Node.newBuilder().setNodeId(1).setParallelism(1))
            .build();
    private static final Duration BACKOFF = Duration.ofSeconds(1);

    @TempDir
    Path stateDir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final WorkerRegistry registry = new WorkerRegistry();
    /** Replaced by a pool's, whose workers outlive their controller, in the test of adoption. */
    FakeWorkers workers = new FakeWorkers(registry);
    final List<JobManager> managers = new ArrayList<>();
    final List<Server> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        managers.forEach(JobManager::stop);
        workers.close();
        servers.forEach(Server::shutdownNow);
    }

    @Test
    void aNewLeaderStopsTheLeftoverRunThenRecoversTheJobUnderTheNextRun() throws Exception {
        BlockingQueue<StopExecutionRequest> leftoverStops = new LinkedBlockingQueue<>();
        FakeJobStore store = new FakeJobStore(job(JobState.RUNNING, 3), PROGRAM);
        store.runWorkers = List.of(leftoverWorker(leftoverStops));

        manager(store).elected(7);

        FakeJobStore.Recorded recovering = store.awaitTransitionTo(JobState.RECOVERING);
        assertThat(recovering.reason()).contains("the controller changed while the job was Running");
        // The leftover run was stopped before the job went on.
        assertThat(leftoverStops).singleElement().satisfies(stop -> {
            assertThat(stop.getJobId()).isEqualTo(JOB);
            assertThat(stop.getStopMode()).isEqualTo(StopMode.IMMEDIATE);
        });
        clock.advance(BACKOFF);
        StartExecutionRequest start = next(workers.starts, "StartExecution");
        assertThat(start.getRunId()).isEqualTo(4);
        store.awaitTransitionTo(JobState.RUNNING);
        assertThat(store.states()).containsExactly(JobState.RECOVERING, JobState.COMPILING, JobState.SCHEDULING,
                JobState.RUNNING);
        assertThat(store.restarts).isEqualTo(1);
    }

    @Test
    void aLeaderThatLosesTheLeaseRecordsNothingMoreAndTheNextLeaderAdoptsTheJob() throws Exception {
        FakeJobStore store = new FakeJobStore(job(JobState.CREATED, 0), PROGRAM);
        JobManager first = manager(store);
        first.elected(1);
        StartExecutionRequest firstRun = next(workers.starts, "StartExecution");
        store.awaitTransitionTo(JobState.RUNNING);

        first.revoked(1);
        int recordedByFirst = store.transitions.size();
        assertThat(registry.worker(workerOf(firstRun))).as("the first leader's worker is stopped").isEmpty();
        assertThat(store.runWorkers).hasSize(1);

        manager(store).elected(2);
        store.awaitTransitionTo(JobState.RECOVERING);
        clock.advance(BACKOFF);
        StartExecutionRequest secondRun = next(workers.starts, "StartExecution");
        store.awaitTransitionTo(JobState.RUNNING);

        assertThat(secondRun.getRunId()).isGreaterThan(firstRun.getRunId());
        assertThat(store.transitions.subList(recordedByFirst, store.transitions.size()))
                .extracting(FakeJobStore.Recorded::to)
                .containsExactly(JobState.RECOVERING, JobState.COMPILING, JobState.SCHEDULING, JobState.RUNNING);
        assertThat(store.transitions.get(recordedByFirst).from()).isEqualTo(JobState.RUNNING);
    }

    @Test
    void aWorkerRegisteringForAnotherRunIsRefused() throws Exception {
        FakeJobStore store = new FakeJobStore(job(JobState.CREATED, 0), PROGRAM);
        JobManager manager = manager(store);
        manager.elected(1);
        StartExecutionRequest start = next(workers.starts, "StartExecution");

        var stale = registry.register(RegisterWorkerRequest.newBuilder().setWorkerId("stale").setJobId(JOB)
                .setRunId(start.getRunId() - 1).setRpcAddress("127.0.0.1:1").setSlots(1).build());
        var current = registry.register(RegisterWorkerRequest.newBuilder().setWorkerId("current").setJobId(JOB)
                .setRunId(start.getRunId()).setRpcAddress("127.0.0.1:1").setSlots(1).build());

        assertThat(manager.deliver(JOB, new JobEvent.WorkerRegistered(stale))).isFalse();
        assertThat(manager.deliver(JOB, new JobEvent.WorkerRegistered(current))).isTrue();
    }

    @Test
    void aNewLeaderSupervisesTheJobsItFindsBeforeItTakesRegistrations() {
        JobManager manager = manager(new FakeJobStore(job(JobState.RUNNING, 3), PROGRAM));

        manager.elected(1);

        // What a re-registered worker sends at once (the ends of tasks no controller heard of) finds the supervisor.
        assertThat(manager.leading()).isTrue();
        assertThat(manager.deliver(JOB, new JobEvent.TaskReported(TaskEvent.newBuilder().setJobId(JOB)
                .setType(TaskEventType.TASK_FINISHED).build()))).isTrue();
    }

    @Test
    void aStandbyRoutesNothing() {
        FakeJobStore store = new FakeJobStore(job(JobState.RUNNING, 3), PROGRAM);
        JobManager standby = manager(store);
        var worker = registry.register(RegisterWorkerRequest.newBuilder().setWorkerId("w").setJobId(JOB)
                .setRunId(3).setRpcAddress("127.0.0.1:1").setSlots(1).build());

        assertThat(standby.deliver(JOB, new JobEvent.WorkerRegistered(worker))).isFalse();
        assertThat(store.transitions).isEmpty();
    }

    @Test
    void aNewLeaderAdoptsTheRunOfAPoolWorkerThatReRegistersWithIt() throws Exception {
        workers = new FakeWorkers(registry, true);
        FakeJobStore store = new FakeJobStore(job(JobState.CREATED, 0), PROGRAM);
        JobManager first = manager(store);
        first.elected(1);
        StartExecutionRequest run = next(workers.starts, "StartExecution");
        store.awaitTransitionTo(JobState.RUNNING);
        first.revoked(1);
        int recordedByFirst = store.transitions.size();

        // The new leader knows no worker until the run's worker registers with it, reporting the run.
        registry.close();
        registry.register(RegisterWorkerRequest.newBuilder().setWorkerId(workerOf(run))
                .setRpcAddress(store.runWorkers.getFirst()).setSlots(1)
                .addExecutions(RunningExecution.newBuilder().setJobId(JOB).setRunId(run.getRunId())
                        .addSubtasks(RunningSubtask.newBuilder().setNodeId(1).setSubtaskIndex(0)))
                .build());
        manager(store).elected(2);

        assertThat(next(workers.adoptions, "adoption")).containsExactly(workerOf(run));
        assertThat(workers.starts).as("the run goes on: nothing starts again").isEmpty();
        assertThat(workers.stops).isEmpty();
        assertThat(store.transitions).hasSize(recordedByFirst);
        assertThat(store.job(JOB).orElseThrow().runId()).isEqualTo(run.getRunId());
    }

    @Test
    void onlyTheLeaderTakesRegistrationsSoThatWorkersEndUpWithIt() {
        JobManager manager = manager(new FakeJobStore(job(JobState.STOPPED, 1), PROGRAM));
        var rpc = new ControllerRpc(registry, manager, new OutputHub(), new MetricsHistory());
        var request = RegisterWorkerRequest.newBuilder().setWorkerId("pooled").setRpcAddress("127.0.0.1:1").setSlots(1)
                .build();

        Answer standby = new Answer();
        rpc.registerWorker(request, standby);
        assertThat(standby.error).map(error -> Status.fromThrowable(error).getCode())
                .hasValue(Status.Code.FAILED_PRECONDITION);
        assertThat(registry.size()).isZero();

        manager.elected(1);
        Answer leader = new Answer();
        rpc.registerWorker(request, leader);
        assertThat(leader.error).isEmpty();
        assertThat(leader.completed).isTrue();
        assertThat(registry.worker("pooled")).isPresent();
    }

    /** What the control plane answered a registration. */
    private static final class Answer implements StreamObserver<RegisterWorkerResponse> {
        Optional<Throwable> error = Optional.empty();
        boolean completed;

        @Override
        public void onNext(RegisterWorkerResponse response) {}

        @Override
        public void onError(Throwable failure) {
            error = Optional.of(failure);
        }

        @Override
        public void onCompleted() {
            completed = true;
        }
    }

    private JobManager manager(FakeJobStore store) {
        var properties = new ControllerProperties(0, "localhost", URI.create("http://localhost:1"),
                ControllerProperties.SchedulerKind.POOL, Duration.ofMillis(5), Duration.ofSeconds(30),
                Duration.ofHours(1), Duration.ofSeconds(30), stateDir.toUri().toString(), 3, Duration.ofMinutes(5), 5,
                Duration.ofMinutes(10), BACKOFF, Duration.ofSeconds(60));
        var compiler = new CompilerClient(properties) {
            @Override
            public LogicalProgram compile(String jobId, LogicalProgram program) {
                return program;
            }
        };
        JobManager manager = new JobManager(store, compiler, workers, registry, new OutputHub(),
                (jobId, runId, event, atMicros) -> {}, properties, clock);
        manager.start();
        managers.add(manager);
        return manager;
    }

    /** A worker of a previous controller's run, still listening; returns its address. */
    private String leftoverWorker(BlockingQueue<StopExecutionRequest> stops) throws IOException {
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new WorkerServiceGrpc.WorkerServiceImplBase() {
                    @Override
                    public void stopExecution(StopExecutionRequest request,
                            StreamObserver<StopExecutionResponse> response) {
                        stops.add(request);
                        response.onNext(StopExecutionResponse.getDefaultInstance());
                        response.onCompleted();
                    }
                })
                .build()
                .start();
        servers.add(server);
        return "127.0.0.1:" + server.getPort();
    }

    private static String workerOf(StartExecutionRequest start) {
        return start.getTasks(0).getWorkerId();
    }

    private static JobRecord job(JobState state, long runId) {
        return new JobRecord(JOB, "pl_ha", state, runId, StopRequest.NONE, true, 0, Optional.empty(), Optional.empty(), 1,
                false, 0, Optional.empty(), 0, RestartStatus.NONE);
    }
}
