package io.tributary.engine.runtime;

import static io.tributary.engine.runtime.Programs.ROWS;
import static io.tributary.engine.runtime.Programs.edge;
import static io.tributary.engine.runtime.Programs.node;
import static io.tributary.engine.runtime.Programs.projection;
import static io.tributary.engine.runtime.Programs.ref;
import static io.tributary.engine.runtime.Programs.schema;
import static io.tributary.engine.runtime.Programs.sink;
import static io.tributary.engine.runtime.Programs.source;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.proto.program.AggregateCall;
import io.tributary.proto.program.Call;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.EdgeType;
import io.tributary.proto.program.Expr;
import io.tributary.proto.program.Field;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.Operator;
import io.tributary.proto.program.ProjectionOperator;
import io.tributary.proto.program.Schema;
import io.tributary.proto.program.TumblingWindow;
import io.tributary.proto.program.TypeKind;
import io.tributary.proto.program.WatermarkOperator;
import io.tributary.proto.program.Window;
import io.tributary.proto.program.WindowAggregateOperator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** source → projection → SHUFFLE(key) → window aggregate → projection (ROW) → sink. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WindowedJobTest extends CollectingJobTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static DataType type(TypeKind kind) {
    return DataType.newBuilder().setKind(kind).build();
  }

  private static Field field(String name, DataType type, boolean nullable) {
    return Field.newBuilder().setName(name).setType(type).setNullable(nullable).build();
  }

  private static final Schema KEYED = schema("key", TypeKind.UTF8, "id", TypeKind.INT64);

  private static final Schema AGGREGATED = Schema.newBuilder()
      .addFields(field("key", type(TypeKind.UTF8), true))
      .addFields(field("window_start", type(TypeKind.TIMESTAMP), false))
      .addFields(field("window_end", type(TypeKind.TIMESTAMP), false))
      .addFields(field("rows", type(TypeKind.INT64), false))
      .addFields(field("total", type(TypeKind.INT64), true))
      .addFields(field("_timestamp", type(TypeKind.TIMESTAMP), false))
      .build();

  private static final DataType WINDOW = DataType.newBuilder().setKind(TypeKind.STRUCT)
      .addChildren(field("start", type(TypeKind.TIMESTAMP), false))
      .addChildren(field("end", type(TypeKind.TIMESTAMP), false))
      .build();

  private static final Schema OUTPUT = Schema.newBuilder()
      .addFields(field("key", type(TypeKind.UTF8), true))
      .addFields(field("window", WINDOW, false))
      .addFields(field("rows", type(TypeKind.INT64), false))
      .addFields(field("total", type(TypeKind.INT64), true))
      .addFields(field("_timestamp", type(TypeKind.TIMESTAMP), false))
      .build();

  private JobExecution start(LogicalProgram program) {
    return JobExecution.start(
        new ExecutionSpec("job-w", program, ExecutionSpec.allSubtasks(program), connectors, listener),
        ExecutionOptions.defaults().withParentAllocator(allocator).withQueueCapacity(2, 64));
  }

  /** Rows id 0..4999 at event time id ns, key 'k' + id % 50; tumbling windows of 1 µs. */
  private LogicalProgram program(int parallelism, boolean watermarks) {
    List<Operator> sourceChain = new ArrayList<>();
    sourceChain.add(source("source_1", "counting", Map.of("rows", "5000", "batch", "37")));
    if (watermarks) {
      sourceChain.add(Operator.newBuilder().setOperatorId("watermark_1").setName("watermark")
          .setOutputSchema(ROWS).setWatermark(WatermarkOperator.newBuilder().setPeriodMicros(0)).build());
    }
    Operator keyed = projection("projection_1", KEYED, ProjectionOperator.newBuilder()
        .addProjections(ref(1, TypeKind.UTF8)).addProjections(ref(0, TypeKind.INT64)).build());
    Operator window = Operator.newBuilder().setOperatorId("window_1").setName("window_aggregate")
        .setOutputSchema(AGGREGATED)
        .setWindowAggregate(WindowAggregateOperator.newBuilder()
            .setWindow(Window.newBuilder().setTumbling(TumblingWindow.newBuilder().setWidthMicros(1)))
            .addKeyFields(0)
            .addAggregates(AggregateCall.newBuilder().setFunction("COUNT").setType(type(TypeKind.INT64)))
            .addAggregates(AggregateCall.newBuilder().setFunction("SUM").addArguments(1)
                .setType(type(TypeKind.INT64)).setNullable(true)))
        .build();
    Expr row = Expr.newBuilder().setType(WINDOW).setCall(Call.newBuilder().setFunction("ROW")
        .addOperands(ref(1, TypeKind.TIMESTAMP)).addOperands(ref(2, TypeKind.TIMESTAMP))).build();
    Operator shaped = projection("projection_2", OUTPUT, ProjectionOperator.newBuilder()
        .addProjections(ref(0, TypeKind.UTF8)).addProjections(row)
        .addProjections(ref(3, TypeKind.INT64)).addProjections(ref(4, TypeKind.INT64)).build());
    return LogicalProgram.newBuilder()
        .addNodes(node(1, parallelism, sourceChain.toArray(Operator[]::new)))
        .addNodes(node(2, parallelism, keyed))
        .addNodes(node(3, parallelism, window, shaped))
        .addNodes(node(4, parallelism, sink("sink_1", "collecting", OUTPUT)))
        .addEdges(edge(1, 2, EdgeType.FORWARD, ROWS))
        .addEdges(edge(2, 3, EdgeType.SHUFFLE, KEYED, 0))
        .addEdges(edge(3, 4, EdgeType.FORWARD, OUTPUT))
        .build();
  }

  private static List<List<Object>> expected() {
    List<List<Object>> rows = new ArrayList<>();
    for (long w = 0; w < 5; w++) {
      for (long k = 0; k < 50; k++) {
        // ids 1000w + k + 50j, j = 0..19
        long total = 20 * (1000 * w + k) + 50 * 190;
        rows.add(List.of("k" + k, Map.of("start", 1000 * w, "end", 1000 * w + 1000), 20L, total));
      }
    }
    return rows;
  }

  private void runsToTheEnd(int parallelism, boolean watermarks) throws Exception {
    try (JobExecution job = start(program(parallelism, watermarks))) {
      assertThat(job.awaitTermination(WAIT)).isTrue();
    }
    assertThat(listener.failures).isEmpty();
    assertThat(sink.allRows()).containsExactlyInAnyOrderElementsOf(expected());
    assertThat(sink.finished).hasSize(parallelism).doesNotHaveDuplicates();
    assertThat(listener.finished).hasSize(4 * parallelism);
  }

  @Test
  void endOfInputFlushesEveryWindowAtParallelismOne() throws Exception {
    runsToTheEnd(1, false);
  }

  @Test
  void endOfInputFlushesEveryWindowAtParallelismTwo() throws Exception {
    runsToTheEnd(2, false);
  }

  @Test
  void watermarksCloseWindowsAcrossTheShuffleAtParallelismTwo() throws Exception {
    runsToTheEnd(2, true);
    // Windows closed by watermarks reach the sink before the end of input; every sink subtask
    // saw watermarks.
    assertThat(sink.watermarks.values()).allSatisfy(marks -> assertThat(marks).isNotEmpty());
  }
}
