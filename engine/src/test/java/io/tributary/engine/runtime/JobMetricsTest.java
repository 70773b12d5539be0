package io.tributary.engine.runtime;

import static io.tributary.engine.runtime.Programs.ROWS;
import static io.tributary.engine.runtime.Programs.call;
import static io.tributary.engine.runtime.Programs.edge;
import static io.tributary.engine.runtime.Programs.lit;
import static io.tributary.engine.runtime.Programs.node;
import static io.tributary.engine.runtime.Programs.projection;
import static io.tributary.engine.runtime.Programs.ref;
import static io.tributary.engine.runtime.Programs.schema;
import static io.tributary.engine.runtime.Programs.sink;
import static io.tributary.engine.runtime.Programs.source;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.connector.ConnectorRegistry;
import io.tributary.engine.metrics.OperatorMetrics;
import io.tributary.engine.metrics.SubtaskMetrics;
import io.tributary.engine.operator.Watermark;
import io.tributary.proto.program.EdgeType;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.Operator;
import io.tributary.proto.program.ProjectionOperator;
import io.tributary.proto.program.Schema;
import io.tributary.proto.program.TypeKind;
import io.tributary.proto.program.WatermarkOperator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JobMetricsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Schema TIMES_TEN = schema("id", TypeKind.INT64);
  private static final long CLOCK_NANOS = 1_700_000_000_000_000_000L;

  private final BufferAllocator allocator = new RootAllocator();
  private final ConnectorRegistry connectors = ConnectorRegistry.of(
      new FakeConnectors.CountingSource(), new FakeConnectors.CollectingSink(false));

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  private JobExecution run(LogicalProgram program) throws InterruptedException {
    ExecutionOptions defaults = ExecutionOptions.defaults();
    ExecutionOptions options = new ExecutionOptions(Optional.of(allocator), () -> CLOCK_NANOS,
        defaults.remoteChannels(), defaults.compiler(), 2, 64, defaults.tickInterval(), Optional.empty());
    JobExecution job = JobExecution.start(
        new ExecutionSpec("job-1", program, ExecutionSpec.allSubtasks(program), connectors, new RecordingListener()),
        options);
    assertThat(job.awaitTermination(WAIT)).isTrue();
    return job;
  }

  private static Operator evens() {
    return projection("projection_1", TIMES_TEN, ProjectionOperator.newBuilder()
        .setCondition(call("EQUALS", TypeKind.BOOLEAN,
            call("MOD", TypeKind.INT64, ref(0, TypeKind.INT64), lit(2)), lit(0)))
        .addProjections(call("TIMES", TypeKind.INT64, ref(0, TypeKind.INT64), lit(10)))
        .build());
  }

  private static Map<String, OperatorMetrics> byOperator(List<SubtaskMetrics> metrics) {
    return metrics.stream().flatMap(subtask -> subtask.operators().stream())
        .collect(Collectors.toMap(OperatorMetrics::operatorId, Function.identity()));
  }

  @Test
  void countsRowsBatchesAndBytesInAndOutOfEveryOperatorAcrossNodes() throws Exception {
    LogicalProgram program = LogicalProgram.newBuilder()
        .addNodes(node(1, 1, source("source_1", "counting", Map.of("rows", "100", "batch", "10"))))
        .addNodes(node(2, 1, evens()))
        .addNodes(node(3, 1, sink("sink_1", "collecting", TIMES_TEN)))
        .addEdges(edge(1, 2, EdgeType.FORWARD, ROWS))
        .addEdges(edge(2, 3, EdgeType.FORWARD, TIMES_TEN))
        .build();
    List<SubtaskMetrics> metrics;
    try (JobExecution job = run(program)) {
      metrics = job.metrics();
    }

    assertThat(metrics).extracting(SubtaskMetrics::nodeId).containsExactly(1, 2, 3);
    assertThat(metrics).allSatisfy(subtask -> {
      assertThat(subtask.capturedAtMicros()).isEqualTo(CLOCK_NANOS / 1_000);
      assertThat(subtask.backpressure()).isZero();
    });
    assertThat(metrics.getFirst().txQueueSize()).as("node 1 sends into node 2's queue of 2 batches").isEqualTo(2);
    assertThat(metrics.getLast().txQueueSize()).as("a sink sends nowhere").isZero();
    Map<String, OperatorMetrics> operators = byOperator(metrics);
    OperatorMetrics source = operators.get("source_1");
    OperatorMetrics projection = operators.get("projection_1");
    OperatorMetrics sink = operators.get("sink_1");
    assertThat(source.messagesIn()).isZero();
    assertThat(source.messagesOut()).isEqualTo(100);
    assertThat(source.batchesOut()).isEqualTo(10);
    assertThat(projection.messagesIn()).isEqualTo(100);
    assertThat(projection.batchesIn()).isEqualTo(10);
    assertThat(projection.bytesIn()).isEqualTo(source.bytesOut()).isPositive();
    assertThat(projection.messagesOut()).isEqualTo(50);
    assertThat(sink.messagesIn()).isEqualTo(50);
    assertThat(sink.batchesIn()).isEqualTo(projection.batchesOut());
    assertThat(sink.bytesIn()).isEqualTo(projection.bytesOut()).isPositive().isLessThan(projection.bytesIn());
    assertThat(sink.messagesOut()).isZero();
  }

  @Test
  void countsEachOperatorOfAChainAndItsWatermark() throws Exception {
    Operator watermark = Operator.newBuilder().setOperatorId("watermark_1").setName("watermark")
        .setOutputSchema(ROWS).setWatermark(WatermarkOperator.newBuilder().setPeriodMicros(0)).build();
    LogicalProgram program = LogicalProgram.newBuilder()
        .addNodes(node(1, 2,
            source("source_1", "counting", Map.of("rows", "100000", "batch", "7")),
            watermark,
            evens(),
            sink("sink_1", "collecting", TIMES_TEN)))
        .build();
    List<SubtaskMetrics> metrics;
    try (JobExecution job = run(program)) {
      metrics = job.metrics();
    }

    assertThat(metrics).hasSize(2);
    // Subtask 0 reads the even ids, subtask 1 the odd ones, which the filter drops.
    SubtaskMetrics evenIds = metrics.get(0);
    SubtaskMetrics oddIds = metrics.get(1);
    assertThat(evenIds.operators()).extracting(OperatorMetrics::operatorId)
        .containsExactly("source_1", "watermark_1", "projection_1", "sink_1");
    assertThat(evenIds.operators()).extracting(OperatorMetrics::messagesIn)
        .containsExactly(0L, 50_000L, 50_000L, 50_000L);
    assertThat(evenIds.operators()).extracting(OperatorMetrics::messagesOut)
        .containsExactly(50_000L, 50_000L, 50_000L, 0L);
    assertThat(oddIds.operators()).extracting(OperatorMetrics::messagesIn)
        .containsExactly(0L, 50_000L, 50_000L, 0L);
    assertThat(evenIds.txQueueSize()).isZero();
    // Event time is the id in nanoseconds; the last watermark before the end passes 99 998 ns.
    assertThat(evenIds.operators().get(1).watermarkMicros()).isEqualTo(OptionalLong.of(99));
    assertThat(evenIds.operators().get(0).watermarkMicros()).isEmpty();
  }

  @Test
  void aSubtaskHeldBackByAReceiverOnAnotherWorkerReportsThatChannelFull() throws Exception {
    LogicalProgram program = LogicalProgram.newBuilder()
        .addNodes(node(1, 1, source("source_1", "counting", Map.of("rows", "1000", "batch", "10"))))
        .addNodes(node(2, 1, sink("sink_1", "collecting", ROWS)))
        .addEdges(edge(1, 2, EdgeType.FORWARD, ROWS))
        .build();
    CreditWindow remote = new CreditWindow(3);
    ExecutionOptions options = ExecutionOptions.defaults().withParentAllocator(allocator)
        .withRemoteChannels((sender, receiver, edge) -> remote);

    try (JobExecution job = JobExecution.start(new ExecutionSpec("job-1", program,
        Set.of(new SubtaskId(1, 0)), connectors, new RecordingListener()), options)) {
      SubtaskMetrics before = job.metrics().getFirst();
      assertThat(before.txQueueSize()).isEqualTo(3);

      // The receiver took three batches and grants nothing more: the source waits on the channel.
      assertThat(remote.waiting.tryAcquire(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      SubtaskMetrics blocked = job.metrics().getFirst();
      assertThat(blocked.backpressure()).isEqualTo(1.0);
      assertThat(blocked.txQueueSize()).isEqualTo(3);
      assertThat(blocked.txQueueRemaining()).isZero();
      assertThat(remote.sent).hasValue(3);
      // Cancelling does not wake a sender waiting on another worker (the worker fails its streams).
      remote.grant(1_000);
    }
  }

  /**
   * A channel to another worker, as far as its sender sees it: a window of three credits, one per
   * batch, which its receiver never grants again; each batch sent is dropped.
   */
  private static final class CreditWindow implements OutputChannel {
    private final int window;
    private final Semaphore credits;
    final AtomicInteger sent = new AtomicInteger();
    /** A permit each time the sender found no credit and began to wait. */
    final Semaphore waiting = new Semaphore(0);

    CreditWindow(int window) {
      this.window = window;
      this.credits = new Semaphore(window);
    }

    void grant(int more) {
      credits.release(more);
    }

    @Override
    public void send(RecordBatch batch) {
      try (batch) {
        if (!credits.tryAcquire()) {
          waiting.release();
          credits.acquire();
        }
        sent.incrementAndGet();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TaskCancelledException();
      }
    }

    @Override
    public void sendWatermark(Watermark watermark) {}

    @Override
    public void sendBarrier(CheckpointBarrier barrier) {}

    @Override
    public void sendEndOfStream() {}

    @Override
    public ChannelLevel level() {
      int available = credits.availablePermits();
      return new ChannelLevel(window, Math.min(window, available), Math.max(0, 1 - (double) available / window));
    }
  }
}
