package io.tributary.worker.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.Context;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.connector.ConnectorRegistry;
import io.tributary.engine.metrics.SubtaskMetrics;
import io.tributary.engine.operator.Watermark;
import io.tributary.engine.runtime.ChannelLevel;
import io.tributary.engine.runtime.CheckpointBarrier;
import io.tributary.engine.runtime.ExecutionListener;
import io.tributary.engine.runtime.ExecutionOptions;
import io.tributary.engine.runtime.ExecutionSpec;
import io.tributary.engine.runtime.JobExecution;
import io.tributary.engine.runtime.OutputChannel;
import io.tributary.engine.runtime.SubtaskId;
import io.tributary.proto.data.ExchangeHeader;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Edge;
import io.tributary.proto.program.EdgeType;
import io.tributary.proto.program.Field;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.Node;
import io.tributary.proto.program.Operator;
import io.tributary.proto.program.Schema;
import io.tributary.proto.program.SinkOperator;
import io.tributary.proto.program.SourceOperator;
import io.tributary.proto.program.TypeKind;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A sender's channel (alone, or used by a running subtask) and a receiving worker's data-plane
 * service over real gRPC on loopback.
 */
class DataPlaneServiceTest {
    static final SubtaskId SENDER = new SubtaskId(1, 0);
    static final SubtaskId RECEIVER = new SubtaskId(2, 1);

    final BufferAllocator allocator = new RootAllocator();
    final List<ExchangeHeader> headers = new CopyOnWriteArrayList<>();
    Server server;
    DataPlaneClient client;

    @AfterEach
    void close() throws InterruptedException {
        if (client != null) {
            client.close();
        }
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        assertThat(allocator.getAllocatedMemory()).as("Arrow memory left behind").isZero();
        allocator.close();
    }

    @Test
    void framesReachTheReceivingSubtaskInTheOrderTheyWereSent() throws Exception {
        TestFrames.RecordingChannel receiver = new TestFrames.RecordingChannel();
        OutputChannel channel = connect(header -> {
            headers.add(header);
            return receiver;
        }, 2);

        channel.send(TestFrames.batch(allocator, 1, 2, 3));
        channel.sendWatermark(Watermark.eventTime(3_000));
        channel.sendBarrier(new CheckpointBarrier(1, false));
        channel.send(TestFrames.batch(allocator, 4));
        channel.sendBarrier(new CheckpointBarrier(2, true));
        channel.sendEndOfStream();

        await().until(() -> receiver.received.contains("end"));
        assertThat(receiver.received).containsExactly(
                "batch [1, 2, 3]", "watermark 3000", "barrier 1", "batch [4]", "barrier 2 then stop", "end");
        assertThat(headers).singleElement().isEqualTo(ExchangeHeader.newBuilder()
                .setJobId("job_dp").setRunId(4)
                .setSenderNodeId(1).setSenderSubtaskIndex(0)
                .setReceiverNodeId(2).setReceiverSubtaskIndex(1)
                .setEdgeIndex(3)
                .build());
    }

    @Test
    void aChannelOpenedWhileAnRpcIsHandledOutlivesThatRpc() throws Exception {
        TestFrames.RecordingChannel receiver = new TestFrames.RecordingChannel();
        serve(header -> receiver, 2);
        // The worker opens its channels while it handles the controller's StartExecution call.
        Context.CancellableContext startExecution = Context.current().withCancellation();
        OutputChannel channel = startExecution.call(() -> client.open(SENDER, RECEIVER, 0));
        startExecution.cancel(null);

        channel.send(TestFrames.batch(allocator, 7));
        channel.sendEndOfStream();

        await().until(() -> receiver.received.contains("end"));
        assertThat(receiver.received).containsExactly("batch [7]", "end");
    }

    @Test
    void aReceiverThatTakesNothingHoldsItsSenderBackAfterTheInitialCredits() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        TestFrames.RecordingChannel received = new TestFrames.RecordingChannel();
        OutputChannel stuck = new BlockedChannel(gate, received);
        OutputChannel channel = connect(header -> stuck, 3);
        AtomicInteger sent = new AtomicInteger();

        Thread sender = Thread.ofPlatform().start(() -> {
            for (long i = 1; i <= 10; i++) {
                channel.send(TestFrames.batch(allocator, i));
                sent.incrementAndGet();
            }
            channel.sendEndOfStream();
        });

        // The receiver holds the first batch and grants nothing more: the sender parks on its credits.
        await().until(() -> sender.getState() == Thread.State.WAITING);
        assertThat(sent).hasValue(3);
        assertThat(received.received).isEmpty();

        gate.countDown();
        sender.join();
        await().until(() -> received.received.contains("end"));
        assertThat(received.received).hasSize(11).startsWith("batch [1]", "batch [2]").endsWith("batch [10]", "end");
    }

    @Test
    void aSenderHeldBackByASlowReceiverOnAnotherWorkerSeesItsChannelFull() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        TestFrames.RecordingChannel received = new TestFrames.RecordingChannel();
        OutputChannel channel = connect(header -> new BlockedChannel(gate, received), 4);
        await().until(() -> channel.level().capacity() == 4);
        assertThat(channel.level()).isEqualTo(new ChannelLevel(4, 4, 0));

        Thread sender = Thread.ofPlatform().start(() -> {
            for (long i = 1; i <= 10; i++) {
                channel.send(TestFrames.batch(allocator, i));
            }
            channel.sendEndOfStream();
        });
        await().until(() -> sender.getState() == Thread.State.WAITING);

        assertThat(channel.level()).isEqualTo(new ChannelLevel(4, 0, 1));
        gate.countDown();
        sender.join();
        await().until(() -> received.received.contains("end"));
    }

    @Test
    void closingTheClientCancelsAStreamWhoseSenderNeverEndedIt() throws Exception {
        TestFrames.RecordingChannel receiver = new TestFrames.RecordingChannel();
        OutputChannel channel = connect(header -> receiver, 2);
        channel.send(TestFrames.batch(allocator, 1));
        await().until(() -> receiver.received.contains("batch [1]"));

        // A cancelled task sends no end of stream; closing must not wait for one.
        client.close();

        RemoteChannel remote = (RemoteChannel) channel;
        await().until(() -> remote.failure().isPresent());
        assertThat(remote.failure()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("CANCELLED").contains("the sending task ended without ending its stream"));
    }

    @Test
    void aStreamForARunThatNeverStartsOnTheReceiverFailsTheSenderNamingTheSubtasks() throws Exception {
        OutputChannel channel = connect(new InboundExecutions(Duration.ZERO), 2);

        assertThatThrownBy(() -> channel.send(TestFrames.batch(allocator, 1)))
                .isInstanceOf(DataPlaneException.class)
                .hasMessageContaining("subtask 1-0 of job job_dp (run 4) cannot send to subtask 2-1")
                .hasMessageContaining("the run did not start on this worker within 0 s");
    }

    @Test
    void aSubtaskHeldBackByASlowReceiverOnAnotherWorkerReportsItsBackpressure() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        TestFrames.RecordingChannel received = new TestFrames.RecordingChannel();
        serve(header -> new BlockedChannel(gate, received), 4);
        ExecutionOptions options = ExecutionOptions.defaults().withParentAllocator(allocator).withRemoteChannels(client);

        // Subtask 1 of the source, here, forwards to subtask 1 of the sink, on the other worker.
        SubtaskId local = new SubtaskId(SENDER.nodeId(), RECEIVER.subtaskIndex());
        try (JobExecution sender = JobExecution.start(new ExecutionSpec("job_dp", impulseToRemoteSink(),
                Set.of(local), ConnectorRegistry.load(), new FailureListener()), options)) {
            // The receiving subtask holds the first batch; the sender spends its other credits and waits.
            await().untilAsserted(() -> {
                SubtaskMetrics source = sender.metrics().getFirst();
                assertThat(source.backpressure()).isEqualTo(1.0);
                assertThat(source.txQueueSize()).as("the receiver's credit window").isEqualTo(4);
                assertThat(source.txQueueRemaining()).isZero();
            });

            gate.countDown();
            assertThat(sender.awaitTermination(Duration.ofSeconds(30))).isTrue();
        }
        await().until(() -> received.received.contains("end"));
    }

    /** Impulse rows (20 000 per subtask) forwarded to a sink, both at parallelism 2. */
    private static LogicalProgram impulseToRemoteSink() {
        Schema rows = Schema.newBuilder()
                .addFields(Field.newBuilder().setName("counter").setType(DataType.newBuilder().setKind(TypeKind.INT64)))
                .addFields(Field.newBuilder().setName("_timestamp")
                        .setType(DataType.newBuilder().setKind(TypeKind.TIMESTAMP)))
                .build();
        return LogicalProgram.newBuilder()
                .addNodes(Node.newBuilder().setNodeId(SENDER.nodeId()).setParallelism(2).addOperators(Operator.newBuilder()
                        .setOperatorId("source_1").setName("source").setOutputSchema(rows)
                        .setSource(SourceOperator.newBuilder().setTableName("impulse").setConnector("impulse")
                                .putOptions("message_count", "20000"))))
                .addNodes(Node.newBuilder().setNodeId(RECEIVER.nodeId()).setParallelism(2).addOperators(Operator.newBuilder()
                        .setOperatorId("sink_1").setName("sink").setOutputSchema(rows)
                        .setSink(SinkOperator.newBuilder().setTableName("out").setConnector("blackhole"))))
                .addEdges(Edge.newBuilder().setSourceNode(SENDER.nodeId()).setTargetNode(RECEIVER.nodeId())
                        .setType(EdgeType.FORWARD).setSchema(rows))
                .build();
    }

    /** Fails the test's waits with the task's failure, if one fails. */
    private static final class FailureListener implements ExecutionListener {

        @Override
        public void taskFailed(SubtaskId task, String operatorId, String message, String details) {
            throw new AssertionError("task " + task + " failed in " + operatorId + ": " + message + "\n" + details);
        }
    }

    private OutputChannel connect(InboundTargets targets, int initialCredits) throws IOException {
        serve(targets, initialCredits);
        return client.open(SENDER, RECEIVER, 3);
    }

    private void serve(InboundTargets targets, int initialCredits) throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new DataPlaneService(targets, allocator, initialCredits))
                .build()
                .start();
        client = new DataPlaneClient("job_dp", 4, Map.of(RECEIVER, "127.0.0.1:" + server.getPort()));
    }

    /** A receiving subtask whose queue stays full until the gate opens. */
    record BlockedChannel(CountDownLatch gate, TestFrames.RecordingChannel delegate) implements OutputChannel {
        @Override
        public void send(RecordBatch batch) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                batch.close();
                Thread.currentThread().interrupt();
                return;
            }
            delegate.send(batch);
        }

        @Override
        public void sendWatermark(Watermark watermark) {
            delegate.sendWatermark(watermark);
        }

        @Override
        public void sendBarrier(CheckpointBarrier barrier) {
            delegate.sendBarrier(barrier);
        }

        @Override
        public void sendEndOfStream() {
            delegate.sendEndOfStream();
        }

        @Override
        public ChannelLevel level() {
            return delegate.level();
        }
    }
}
