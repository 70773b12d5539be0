package io.tributary.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.tributary.engine.connector.ConnectorRegistry;
import io.tributary.proto.control.Ack;
import io.tributary.proto.control.CommitRequest;
import io.tributary.proto.control.ControllerServiceGrpc;
import io.tributary.proto.control.HeartbeatRequest;
import io.tributary.proto.control.HeartbeatResponse;
import io.tributary.proto.control.RegisterWorkerRequest;
import io.tributary.proto.control.RegisterWorkerResponse;
import io.tributary.proto.control.RunningSubtask;
import io.tributary.proto.control.StartExecutionRequest;
import io.tributary.proto.control.TaskAssignment;
import io.tributary.proto.control.TaskEvent;
import io.tributary.proto.control.TaskEventType;
import io.tributary.proto.control.WorkerServiceGrpc;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Field;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.Node;
import io.tributary.proto.program.Operator;
import io.tributary.proto.program.Schema;
import io.tributary.proto.program.SinkOperator;
import io.tributary.proto.program.SourceOperator;
import io.tributary.proto.program.TypeKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A pooled worker given every controller's address ends up registered with whichever leads: at
 * start, after its controller died and a standby took over, and after its controller forgot it;
 * and the ends of tasks that no controller heard of follow it there.
 */
class WorkerReattachTest {
    private static final Schema COUNTERS = Schema.newBuilder()
            .addFields(Field.newBuilder().setName("counter").setNullable(true)
                    .setType(DataType.newBuilder().setKind(TypeKind.INT64)))
            .addFields(Field.newBuilder().setName("_timestamp").setType(DataType.newBuilder().setKind(TypeKind.TIMESTAMP)))
            .build();
    /** Ten impulse rows into a blackhole: one subtask that ends within moments. */
    private static final LogicalProgram TEN_ROWS = LogicalProgram.newBuilder()
            .addNodes(Node.newBuilder().setNodeId(1).setParallelism(1).setDescription("impulse to blackhole")
                    .addOperators(Operator.newBuilder().setOperatorId("source_1").setName("source")
                            .setOutputSchema(COUNTERS)
                            .setSource(SourceOperator.newBuilder().setTableName("impulse").setConnector("impulse")
                                    .putOptions("message_count", "10").putOptions("event_rate", "1000000")))
                    .addOperators(Operator.newBuilder().setOperatorId("sink_1").setName("sink")
                            .setOutputSchema(COUNTERS)
                            .setSink(SinkOperator.newBuilder().setTableName("out").setConnector("blackhole"))))
            .build();

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
    }

    @Test
    void registersWithTheLeaderWhenAStandbyComesFirstInTheList() throws Exception {
        FakeController standby = open(new FakeController(false));
        FakeController leader = open(new FakeController(true));

        open(startWorker(standby, leader));

        assertThat(next(leader.registrations).getWorkerId()).isEqualTo("pooled");
        assertThat(standby.registrations).isEmpty();
    }

    @Test
    void reRegistersWithTheStandbyOnceItLeadsWhenTheLeaderDies() throws Exception {
        FakeController leader = open(new FakeController(true));
        FakeController standby = open(new FakeController(false));
        open(startWorker(leader, standby));
        RegisterWorkerRequest first = next(leader.registrations);

        leader.close();
        standby.leading = true;

        RegisterWorkerRequest again = next(standby.registrations);
        assertThat(again.getWorkerId()).isEqualTo(first.getWorkerId());
        assertThat(again.getRpcAddress()).isEqualTo(first.getRpcAddress());
        assertThat(again.getExecutionsList()).as("the worker runs nothing").isEmpty();
    }

    @Test
    void registersAgainWithAControllerThatNoLongerKnowsIt() throws Exception {
        FakeController controller = open(new FakeController(true));
        open(startWorker(controller));
        next(controller.registrations);

        controller.known.clear();

        assertThat(next(controller.registrations).getWorkerId()).isEqualTo("pooled");
    }

    @Test
    void reportsTheEndOfARunThatEndedWhileNoControllerLedOnceItReRegisters() throws Exception {
        FakeController leader = open(new FakeController(true));
        FakeController standby = open(new FakeController(false));
        Worker worker = open(startWorker(leader, standby));
        next(leader.registrations);
        leader.close();

        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", worker.rpcPort()).usePlaintext().build();
        opened.add(channel::shutdownNow);
        var stub = WorkerServiceGrpc.newBlockingStub(channel);
        stub.startExecution(StartExecutionRequest.newBuilder()
                .setJobId("job_gap")
                .setRunId(3)
                .setProgram(TEN_ROWS)
                .addTasks(TaskAssignment.newBuilder().setNodeId(1).setSubtaskIndex(0).setWorkerId("pooled")
                        .setWorkerDataAddress("127.0.0.1:" + worker.rpcPort()))
                .build());
        // The execution is gone once its only task ended: the worker then takes no commit for the job.
        await().atMost(Duration.ofSeconds(30)).until(() -> refusesCommit(stub, "job_gap"));
        standby.leading = true;

        RegisterWorkerRequest again = next(standby.registrations);
        assertThat(again.getExecutionsList()).as("the run, with the subtask whose end is not reported yet")
                .singleElement().satisfies(execution -> {
                    assertThat(execution.getJobId()).isEqualTo("job_gap");
                    assertThat(execution.getRunId()).isEqualTo(3);
                    assertThat(execution.getSubtasksList()).extracting(RunningSubtask::getNodeId).containsExactly(1);
                });
        TaskEvent end = standby.taskEvents.poll(30, TimeUnit.SECONDS);
        assertThat(end).as("the end reported after the registration").isNotNull();
        assertThat(end.getType()).isEqualTo(TaskEventType.TASK_FINISHED);
        assertThat(end.getJobId()).isEqualTo("job_gap");
    }

    private static boolean refusesCommit(WorkerServiceGrpc.WorkerServiceBlockingStub worker, String jobId) {
        try {
            worker.commit(CommitRequest.newBuilder().setJobId(jobId).setEpoch(1).build());
            return false;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode() == Status.Code.NOT_FOUND;
        }
    }

    private Worker startWorker(FakeController... controllers) {
        String addresses = String.join(",", Arrays.stream(controllers).map(FakeController::address).toList());
        return Worker.start(new WorkerConfig("pooled", addresses, "127.0.0.1", "127.0.0.1", 0, 2, Optional.empty(), 0,
                Duration.ofMillis(50)), ConnectorRegistry.load());
    }

    private <T extends AutoCloseable> T open(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    private static RegisterWorkerRequest next(BlockingQueue<RegisterWorkerRequest> registrations)
            throws InterruptedException {
        RegisterWorkerRequest request = registrations.poll(30, TimeUnit.SECONDS);
        assertThat(request).as("a registration").isNotNull();
        return request;
    }

    /** A controller's control plane that takes registrations only while it leads, and heartbeats of workers it knows. */
    private static final class FakeController extends ControllerServiceGrpc.ControllerServiceImplBase
            implements AutoCloseable {
        final BlockingQueue<RegisterWorkerRequest> registrations = new LinkedBlockingQueue<>();
        final BlockingQueue<TaskEvent> taskEvents = new LinkedBlockingQueue<>();
        final Set<String> known = ConcurrentHashMap.newKeySet();
        volatile boolean leading;
        private final Server server;

        FakeController(boolean leading) {
            this.leading = leading;
            this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(this).build();
            try {
                server.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String address() {
            return "127.0.0.1:" + server.getPort();
        }

        @Override
        public void registerWorker(RegisterWorkerRequest request, StreamObserver<RegisterWorkerResponse> response) {
            if (!leading) {
                response.onError(Status.FAILED_PRECONDITION.withDescription("standby").asRuntimeException());
                return;
            }
            known.add(request.getWorkerId());
            registrations.add(request);
            response.onNext(RegisterWorkerResponse.getDefaultInstance());
            response.onCompleted();
        }

        @Override
        public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> response) {
            if (!known.contains(request.getWorkerId())) {
                response.onError(Status.NOT_FOUND.withDescription("unknown worker").asRuntimeException());
                return;
            }
            response.onNext(HeartbeatResponse.getDefaultInstance());
            response.onCompleted();
        }

        @Override
        public void reportTaskEvent(TaskEvent request, StreamObserver<Ack> response) {
            taskEvents.add(request);
            response.onNext(Ack.getDefaultInstance());
            response.onCompleted();
        }

        @Override
        public void close() throws InterruptedException {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
