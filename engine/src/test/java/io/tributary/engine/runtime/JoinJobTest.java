package io.tributary.engine.runtime;

import static io.tributary.engine.runtime.Programs.ROWS;
import static io.tributary.engine.runtime.Programs.edge;
import static io.tributary.engine.runtime.Programs.node;
import static io.tributary.engine.runtime.Programs.schema;
import static io.tributary.engine.runtime.Programs.sink;
import static io.tributary.engine.runtime.Programs.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.proto.program.EdgeType;
import io.tributary.proto.program.JoinOperator;
import io.tributary.proto.program.JoinType;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.Operator;
import io.tributary.proto.program.Schema;
import io.tributary.proto.program.TumblingWindow;
import io.tributary.proto.program.TypeKind;
import io.tributary.proto.program.WatermarkOperator;
import io.tributary.proto.program.Window;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** two sources (with watermarks) → LEFT_JOIN / RIGHT_JOIN on key → join → sink. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JoinJobTest extends CollectingJobTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static final Schema JOINED = schema("id", TypeKind.INT64, "key", TypeKind.UTF8,
      "id0", TypeKind.INT64, "key0", TypeKind.UTF8);

  private JobExecution start(LogicalProgram program) {
    return JobExecution.start(
        new ExecutionSpec("job-j", program, ExecutionSpec.allSubtasks(program), connectors, listener),
        ExecutionOptions.defaults().withParentAllocator(allocator).withQueueCapacity(2, 64));
  }

  private static Operator watermark(String id) {
    return Operator.newBuilder().setOperatorId(id).setName("watermark")
        .setOutputSchema(ROWS).setWatermark(WatermarkOperator.newBuilder().setPeriodMicros(0)).build();
  }

  /** Left: ids 0..2999, right: ids 0..999; event time = id ns, key 'k' + id % 50. */
  private static LogicalProgram program(int parallelism, JoinOperator join) {
    Operator joinOperator = Operator.newBuilder().setOperatorId("join_1").setName("join")
        .setOutputSchema(JOINED).setJoin(join).build();
    return LogicalProgram.newBuilder()
        .addNodes(node(1, parallelism, source("source_1", "counting", Map.of("rows", "3000", "batch", "37")),
            watermark("watermark_1")))
        .addNodes(node(2, parallelism, source("source_2", "counting", Map.of("rows", "1000", "batch", "23")),
            watermark("watermark_2")))
        .addNodes(node(3, parallelism, joinOperator))
        .addNodes(node(4, parallelism, sink("sink_1", "collecting", JOINED)))
        .addEdges(edge(1, 3, EdgeType.LEFT_JOIN, ROWS, 1))
        .addEdges(edge(2, 3, EdgeType.RIGHT_JOIN, ROWS, 1))
        .addEdges(edge(3, 4, EdgeType.FORWARD, JOINED))
        .build();
  }

  /** Rows with their multiplicity (AssertJ's any-order comparison is quadratic). */
  private static Map<List<Object>, Long> counts(List<List<Object>> rows) {
    Map<List<Object>, Long> counts = new java.util.HashMap<>();
    rows.forEach(row -> counts.merge(row, 1L, Long::sum));
    return counts;
  }

  private static JoinOperator windowedLeftJoin() {
    return JoinOperator.newBuilder().setJoinType(JoinType.LEFT).addLeftKeyFields(1).addRightKeyFields(1)
        .setWindow(Window.newBuilder().setTumbling(TumblingWindow.newBuilder().setWidthMicros(1)))
        .build();
  }

  private static List<List<Object>> expectedLeftJoin() {
    List<List<Object>> rows = new ArrayList<>();
    for (long l = 0; l < 3000; l++) {
      boolean matched = false;
      for (long r = 0; r < 1000; r++) {
        if (l / 1000 == r / 1000 && l % 50 == r % 50) {
          matched = true;
          rows.add(Arrays.asList(l, "k" + (l % 50), r, "k" + (r % 50)));
        }
      }
      if (!matched) {
        rows.add(Arrays.asList(l, "k" + (l % 50), null, null));
      }
    }
    return rows;
  }

  @Test
  void windowedLeftJoinAtParallelismTwo() throws Exception {
    try (JobExecution job = start(program(2, windowedLeftJoin()))) {
      assertThat(job.awaitTermination(WAIT)).isTrue();
    }
    assertThat(listener.failures).isEmpty();
    assertThat(counts(sink.allRows())).isEqualTo(counts(expectedLeftJoin()));
    assertThat(sink.finished).hasSize(2);
    // windows closed by the combined watermark before the end of input
    assertThat(sink.watermarks.values()).allSatisfy(marks -> assertThat(marks).isNotEmpty());
  }

  @Test
  void windowedLeftJoinAtParallelismOne() throws Exception {
    try (JobExecution job = start(program(1, windowedLeftJoin()))) {
      assertThat(job.awaitTermination(WAIT)).isTrue();
    }
    assertThat(listener.failures).isEmpty();
    assertThat(counts(sink.allRows())).isEqualTo(counts(expectedLeftJoin()));
  }

  @Test
  void unboundedInnerJoinAtParallelismTwo() throws Exception {
    JoinOperator join = JoinOperator.newBuilder().setJoinType(JoinType.INNER).addLeftKeyFields(1).addRightKeyFields(1)
        .build();
    try (JobExecution job = start(program(2, join))) {
      assertThat(job.awaitTermination(WAIT)).isTrue();
    }
    assertThat(listener.failures).isEmpty();
    List<List<Object>> expected = new ArrayList<>();
    for (long l = 0; l < 3000; l++) {
      for (long r = l % 50; r < 1000; r += 50) {
        expected.add(Arrays.asList(l, "k" + (l % 50), r, "k" + (r % 50)));
      }
    }
    assertThat(counts(sink.allRows())).isEqualTo(counts(expected));
  }

  @Test
  void joinEdgesMustEnterAJoin() {
    LogicalProgram program = program(1, windowedLeftJoin());
    LogicalProgram broken = program.toBuilder()
        .setNodes(2, program.getNodes(2).toBuilder().setOperators(0, sink("sink_2", "collecting", JOINED)))
        .build();
    assertThatThrownBy(() -> start(broken)).isInstanceOf(InvalidProgramException.class)
        .hasMessageContaining("does not start with a join");
  }
}
