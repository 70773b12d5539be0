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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.engine.connector.ConnectorRegistry;
import io.tributary.engine.operator.Watermark;
import io.tributary.engine.testing.AllocatorTest;
import io.tributary.proto.program.EdgeType;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.Operator;
import io.tributary.proto.program.ProjectionOperator;
import io.tributary.proto.program.Schema;
import io.tributary.proto.program.TypeKind;
import io.tributary.proto.program.WatermarkOperator;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JobExecutionTest extends AllocatorTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final RecordingListener listener = new RecordingListener();
  private final FakeConnectors.CountingSource source = new FakeConnectors.CountingSource();
  private final FakeConnectors.CollectingSink sink = new FakeConnectors.CollectingSink(false);
  private final ConnectorRegistry connectors =
      ConnectorRegistry.of(source, sink, new FakeConnectors.CollectingSink(true), new FakeConnectors.FailingSink());

  private JobExecution start(LogicalProgram program) {
    return JobExecution.start(
        new ExecutionSpec("job-1", program, ExecutionSpec.allSubtasks(program), connectors, listener),
        ExecutionOptions.defaults().withParentAllocator(allocator).withQueueCapacity(2, 64));
  }

  private static final Schema TIMES_TEN = schema("id", TypeKind.INT64);

  private static Operator evenTimesTen() {
    return projection("projection_1", TIMES_TEN, ProjectionOperator.newBuilder()
        .setCondition(call("EQUALS", TypeKind.BOOLEAN,
            call("MOD", TypeKind.INT64, ref(0, TypeKind.INT64), lit(2)), lit(0)))
        .addProjections(call("TIMES", TypeKind.INT64, ref(0, TypeKind.INT64), lit(10)))
        .build());
  }

  @Test
  void runsSourceProjectionSinkToTheEnd() throws Exception {
    LogicalProgram program = LogicalProgram.newBuilder()
        .addNodes(node(1, 1, source("source_1", "counting", Map.of("rows", "100"))))
        .addNodes(node(2, 1, evenTimesTen()))
        .addNodes(node(3, 1, sink("sink_1", "collecting", TIMES_TEN)))
        .addEdges(edge(1, 2, EdgeType.FORWARD, ROWS))
        .addEdges(edge(2, 3, EdgeType.FORWARD, TIMES_TEN))
        .build();
    try (JobExecution job = start(program)) {
      assertThat(job.awaitTermination(WAIT)).isTrue();
    }
    assertThat(sink.allRows()).containsExactlyElementsOf(
        LongStream.range(0, 50).map(i -> i * 20).mapToObj(v -> List.<Object>of(v)).toList());
    assertThat(listener.failures).isEmpty();
    assertThat(listener.started).containsExactlyInAnyOrder(
        new SubtaskId(1, 0), new SubtaskId(2, 0), new SubtaskId(3, 0));
    assertThat(listener.finished).containsExactlyInAnyOrderElementsOf(listener.started);
    assertThat(sink.finished).containsExactly(0);
    assertThat(sink.closed).containsExactly(0);
  }

  @Test
  void chainedOperatorsRunInOneSubtask() throws Exception {
    LogicalProgram program = LogicalProgram.newBuilder()
        .addNodes(node(1, 1,
            source("source_1", "counting", Map.of("rows", "10")),
            evenTimesTen(),
            sink("sink_1", "collecting", TIMES_TEN)))
        .build();
    try (JobExecution job = start(program)) {
      assertThat(job.awaitTermination(WAIT)).isTrue();
    }
    assertThat(sink.allRows()).containsExactly(List.of(0L), List.of(20L), List.of(40L), List.of(60L), List.of(80L));
    assertThat(listener.finished).containsExactly(new SubtaskId(1, 0));
  }

  @Test
  void shufflesByKeyAcrossParallelSubtasks() throws Exception {
    LogicalProgram program = LogicalProgram.newBuilder()
        .addNodes(node(1, 2, source("source_1", "counting", Map.of("rows", "1000", "batch", "7"))))
        .addNodes(node(2, 2, sink("sink_1", "collecting", ROWS)))
        .addEdges(edge(1, 2, EdgeType.SHUFFLE, ROWS, 1))
        .build();
    try (JobExecution job = start(program)) {
      assertThat(job.awaitTermination(WAIT)).isTrue();
    }
    assertThat(listener.failures).isEmpty();
    assertThat(sink.allRows()).hasSize(1000);
    assertThat(sink.allRows().stream().map(r -> (Long) r.getFirst()).toList())
        .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 1000).boxed().toList());
    Map<Object, Integer> subtaskOfKey = new HashMap<>();
    sink.rows.forEach((subtask, rows) -> rows.forEach(row -> {
      Integer previous = subtaskOfKey.put(row.get(1), subtask);
      assertThat(previous == null || previous.equals(subtask))
          .as("key %s went to one subtask", row.get(1)).isTrue();
    }));
    assertThat(new HashSet<>(subtaskOfKey.values())).as("both subtasks got keys").hasSize(2);
    assertThat(listener.finished).hasSize(4);
    assertThat(sink.finished).containsExactlyInAnyOrder(0, 1);
  }

  @Test
  void watermarksFlowAcrossTheShuffleAsTheMinimumOfTheInputs() throws Exception {
    Operator watermark = Operator.newBuilder().setOperatorId("watermark_1").setName("watermark")
        .setOutputSchema(ROWS).setWatermark(WatermarkOperator.newBuilder().setPeriodMicros(0)).build();
    LogicalProgram program = LogicalProgram.newBuilder()
        .addNodes(node(1, 2, source("source_1", "counting", Map.of("rows", "100")), watermark))
        .addNodes(node(2, 1, sink("sink_1", "collecting", ROWS)))
        .addEdges(edge(1, 2, EdgeType.SHUFFLE, ROWS))
        .build();
    try (JobExecution job = start(program)) {
      assertThat(job.awaitTermination(WAIT)).isTrue();
    }
    List<Watermark> marks = sink.watermarks.get(0);
    assertThat(marks).isNotEmpty().isSortedAccordingTo((a, b) -> Long.compare(
        ((Watermark.EventTime) a).epochNanos(), ((Watermark.EventTime) b).epochNanos()));
    // Subtask 0 reads even ids (up to 98), subtask 1 odd ones (up to 99); whichever input ends
    // last decides the final watermark.
    assertThat(marks.getLast()).isIn(Watermark.eventTime(98), Watermark.eventTime(99));
  }

  @Test
  void aFailingTaskIsReportedAndStopsTheOthers() throws Exception {
    LogicalProgram program = LogicalProgram.newBuilder()
        .addNodes(node(1, 1, source("source_1", "counting", Map.of())))
        .addNodes(node(2, 2, projection("projection_1", TIMES_TEN, ProjectionOperator.newBuilder()
            .addProjections(call("DIVIDE", TypeKind.INT64, lit(1), call("MINUS", TypeKind.INT64, ref(0, TypeKind.INT64), lit(42))))
            .build())))
        .addNodes(node(3, 1, sink("sink_1", "collecting", TIMES_TEN)))
        .addEdges(edge(1, 2, EdgeType.SHUFFLE, ROWS))
        .addEdges(edge(2, 3, EdgeType.SHUFFLE, TIMES_TEN))
        .build();
    try (JobExecution job = start(program)) {
      assertThat(job.awaitTermination(WAIT)).isTrue();
    }
    assertThat(listener.failures).hasSize(1);
    RecordingListener.Failure failure = listener.failures.getFirst();
    assertThat(failure.task().nodeId()).isEqualTo(2);
    assertThat(failure.operatorId()).isEqualTo("projection_1");
    assertThat(failure.message()).isEqualTo("division by zero in (1 / (id - 42))");
    assertThat(failure.details()).contains("ExpressionEvaluationException");
    assertThat(listener.finished).as("cancelled tasks do not claim to have finished").isEmpty();
  }

  @Test
  void aFailingSinkNamesItsOperator() throws Exception {
    LogicalProgram program = LogicalProgram.newBuilder()
        .addNodes(node(1, 1, source("source_1", "counting", Map.of("rows", "5"))))
        .addNodes(node(2, 1, sink("sink_9", "failing", ROWS)))
        .addEdges(edge(1, 2, EdgeType.FORWARD, ROWS))
        .build();
    try (JobExecution job = start(program)) {
      assertThat(job.awaitTermination(WAIT)).isTrue();
    }
    assertThat(listener.failures).singleElement().satisfies(f -> {
      assertThat(f.operatorId()).isEqualTo("sink_9");
      assertThat(f.message()).isEqualTo("cannot write to table out: disk on fire");
    });
  }

  @Test
  void anUnknownConnectorFailsTheTaskNamingIt() throws Exception {
    LogicalProgram program = LogicalProgram.newBuilder()
        .addNodes(node(1, 1, source("source_1", "kafka", Map.of())))
        .addNodes(node(2, 1, sink("sink_1", "collecting", ROWS)))
        .addEdges(edge(1, 2, EdgeType.FORWARD, ROWS))
        .build();
    try (JobExecution job = start(program)) {
      assertThat(job.awaitTermination(WAIT)).isTrue();
    }
    assertThat(listener.failures).singleElement().satisfies(f -> {
      assertThat(f.operatorId()).isEqualTo("source_1");
      assertThat(f.message()).startsWith("unknown connector 'kafka'");
    });
  }

  @Test
  void gracefulStopDrainsEverythingReadToTheSinks() throws Exception {
    LogicalProgram program = LogicalProgram.newBuilder()
        .addNodes(node(1, 2, source("source_1", "counting", Map.of())))
        .addNodes(node(2, 2, sink("sink_1", "collecting", ROWS)))
        .addEdges(edge(1, 2, EdgeType.SHUFFLE, ROWS, 0))
        .build();
    try (JobExecution job = start(program)) {
      sink.receivedSome.await();
      job.stop(StopMode.GRACEFUL);
      assertThat(job.awaitTermination(WAIT)).isTrue();
    }
    assertThat(listener.failures).isEmpty();
    assertThat(sink.received.get()).isEqualTo(source.emitted.get()).isPositive();
    assertThat(listener.finished).hasSize(4);
    assertThat(sink.finished).containsExactlyInAnyOrder(0, 1);
  }

  @Test
  void immediateStopCancelsEverything() throws Exception {
    LogicalProgram program = LogicalProgram.newBuilder()
        .addNodes(node(1, 2, source("source_1", "counting", Map.of())))
        .addNodes(node(2, 1, sink("sink_1", "collecting", ROWS)))
        .addEdges(edge(1, 2, EdgeType.SHUFFLE, ROWS))
        .build();
    try (JobExecution job = start(program)) {
      sink.receivedSome.await();
      job.stop(StopMode.IMMEDIATE);
      assertThat(job.awaitTermination(WAIT)).isTrue();
    }
    assertThat(listener.failures).isEmpty();
    assertThat(listener.finished).hasSize(3);
    assertThat(sink.finished).as("no flush on cancellation").isEmpty();
    assertThat(sink.closed).containsExactly(0);
  }

  @Test
  void previewRowsReachTheListener() throws Exception {
    LogicalProgram program = LogicalProgram.newBuilder()
        .addNodes(node(1, 1, source("source_1", "counting", Map.of("rows", "3"))))
        .addNodes(node(2, 1, sink("preview_1", "preview-fake", ROWS)))
        .addEdges(edge(1, 2, EdgeType.FORWARD, ROWS))
        .build();
    try (JobExecution job = start(program)) {
      assertThat(job.awaitTermination(WAIT)).isTrue();
    }
    assertThat(listener.previews).singleElement().satisfies(p -> {
      assertThat(p.operatorId()).isEqualTo("preview_1");
      assertThat(p.rows()).containsExactly("[0, k0]", "[1, k1]", "[2, k2]");
      assertThat(p.timestamps()).containsExactly(0L, 0L, 0L);
    });
    assertThat(listener.previewsFinished).containsExactly("preview_1/0");
  }

  @Test
  void rejectsForwardEdgesBetweenDifferentParallelism() {
    LogicalProgram program = LogicalProgram.newBuilder()
        .addNodes(node(1, 2, source("source_1", "counting", Map.of())))
        .addNodes(node(2, 1, sink("sink_1", "collecting", ROWS)))
        .addEdges(edge(1, 2, EdgeType.FORWARD, ROWS))
        .build();
    assertThatThrownBy(() -> start(program))
        .isInstanceOf(InvalidProgramException.class)
        .hasMessageContaining("forward edge 1 -> 2 joins parallelism 2 to 1");
  }

  @Test
  void nonLocalReceiversNeedRemoteChannels() {
    LogicalProgram program = LogicalProgram.newBuilder()
        .addNodes(node(1, 1, source("source_1", "counting", Map.of())))
        .addNodes(node(2, 1, sink("sink_1", "collecting", ROWS)))
        .addEdges(edge(1, 2, EdgeType.FORWARD, ROWS))
        .build();
    ExecutionSpec spec = new ExecutionSpec("job-1", program, Set.of(new SubtaskId(1, 0)), connectors, listener);
    assertThatThrownBy(() -> JobExecution.start(spec, ExecutionOptions.defaults().withParentAllocator(allocator)))
        .isInstanceOf(InvalidProgramException.class)
        .hasMessageContaining("subtask 2-0");
  }
}
