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

import io.tributary.engine.checkpoint.CheckpointCoordinator;
import io.tributary.engine.checkpoint.CheckpointStore;
import io.tributary.engine.checkpoint.LocalCheckpointStore;
import io.tributary.engine.connector.ConnectorRegistry;
import io.tributary.engine.state.CheckpointStateReader;
import io.tributary.engine.testing.AllocatorTest;
import io.tributary.engine.time.ProcessingClock;
import io.tributary.proto.checkpoint.CheckpointMetadata;
import io.tributary.proto.program.AggregateCall;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.EdgeType;
import io.tributary.proto.program.JoinOperator;
import io.tributary.proto.program.JoinType;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.Operator;
import io.tributary.proto.program.ProjectionOperator;
import io.tributary.proto.program.Schema;
import io.tributary.proto.program.TumblingWindow;
import io.tributary.proto.program.TypeKind;
import io.tributary.proto.program.UpdatingAggregateOperator;
import io.tributary.proto.program.WatermarkOperator;
import io.tributary.proto.program.Window;
import io.tributary.proto.program.WindowAggregateOperator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints through whole jobs. The smoke pattern: a straight run; a run that takes a
 * checkpoint mid-way and then stops with a checkpoint; a restore of that checkpoint at another
 * parallelism that runs to the end. The two last runs' output together equals the straight
 * run's: nothing lost, nothing twice.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CheckpointJobTest extends AllocatorTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  Path directory;

  private static DataType type(TypeKind kind) {
    return DataType.newBuilder().setKind(kind).build();
  }

  private static io.tributary.proto.program.Field field(String name, TypeKind kind, boolean nullable) {
    return io.tributary.proto.program.Field.newBuilder().setName(name).setType(type(kind)).setNullable(nullable).build();
  }

  private static Schema fields(io.tributary.proto.program.Field... fields) {
    return Schema.newBuilder().addAllFields(List.of(fields)).addFields(field("_timestamp", TypeKind.TIMESTAMP, false))
        .build();
  }

  private static Operator watermark(String id) {
    return Operator.newBuilder().setOperatorId(id).setName("watermark")
        .setOutputSchema(ROWS).setWatermark(WatermarkOperator.newBuilder().setPeriodMicros(0)).build();
  }

  private static AggregateCall aggregate(String function, Integer... arguments) {
    return AggregateCall.newBuilder().setFunction(function).setType(type(TypeKind.INT64)).setNullable(true)
        .addAllArguments(List.of(arguments)).build();
  }

  private static final Schema KEYED = schema("key", TypeKind.UTF8, "id", TypeKind.INT64);

  private static Operator keyed() {
    return projection("projection_1", KEYED, ProjectionOperator.newBuilder()
        .addProjections(ref(1, TypeKind.UTF8)).addProjections(ref(0, TypeKind.INT64)).build());
  }

  /** gated source (5000 rows) → watermark → projection → SHUFFLE(key) → 1 µs tumbling count/sum → sink. */
  private static LogicalProgram windowed(int parallelism) {
    Schema aggregated = fields(field("key", TypeKind.UTF8, true), field("window_start", TypeKind.TIMESTAMP, false),
        field("window_end", TypeKind.TIMESTAMP, false), field("rows", TypeKind.INT64, false),
        field("total", TypeKind.INT64, true));
    Operator window = Operator.newBuilder().setOperatorId("window_1").setName("window_aggregate")
        .setOutputSchema(aggregated)
        .setWindowAggregate(WindowAggregateOperator.newBuilder()
            .setWindow(Window.newBuilder().setTumbling(TumblingWindow.newBuilder().setWidthMicros(1)))
            .addKeyFields(0).addAggregates(aggregate("COUNT")).addAggregates(aggregate("SUM", 1)))
        .build();
    return LogicalProgram.newBuilder()
        .addNodes(node(1, parallelism, source("source_1", "gated", Map.of("rows", "5000", "batch", "37")),
            watermark("watermark_1"), keyed()))
        .addNodes(node(2, parallelism, window))
        .addNodes(node(3, 1, sink("sink_1", "collecting", aggregated)))
        .addEdges(edge(1, 2, EdgeType.SHUFFLE, KEYED, 0))
        .addEdges(edge(2, 3, EdgeType.SHUFFLE, aggregated))
        .build();
  }

  /** gated source (3000 rows) → SHUFFLE(key) → count per key (updating) → SHUFFLE(count) → keys per count → sink. */
  private static LogicalProgram updating(int parallelism) {
    Schema counts = fields(field("key", TypeKind.UTF8, true), field("n", TypeKind.INT64, false),
        field("_is_retract", TypeKind.BOOLEAN, false));
    Schema histogram = fields(field("n", TypeKind.INT64, false), field("keys", TypeKind.INT64, false),
        field("_is_retract", TypeKind.BOOLEAN, false));
    Operator count = Operator.newBuilder().setOperatorId("updating_1").setName("updating_aggregate")
        .setOutputSchema(counts)
        .setUpdatingAggregate(UpdatingAggregateOperator.newBuilder().addKeyFields(0).addAggregates(aggregate("COUNT")))
        .build();
    Operator keysPerCount = Operator.newBuilder().setOperatorId("updating_2").setName("updating_aggregate")
        .setOutputSchema(histogram)
        .setUpdatingAggregate(UpdatingAggregateOperator.newBuilder().addKeyFields(1).addAggregates(aggregate("COUNT")))
        .build();
    return LogicalProgram.newBuilder()
        .addNodes(node(1, parallelism, source("source_1", "gated", Map.of("rows", "3000", "batch", "37")), keyed()))
        .addNodes(node(2, parallelism, count))
        .addNodes(node(3, parallelism, keysPerCount))
        .addNodes(node(4, parallelism, sink("sink_1", "collecting", histogram)))
        .addEdges(edge(1, 2, EdgeType.SHUFFLE, KEYED, 0))
        .addEdges(edge(2, 3, EdgeType.SHUFFLE, counts, 1))
        .addEdges(edge(3, 4, EdgeType.FORWARD, histogram))
        .build();
  }

  private static final Schema JOINED = schema("id", TypeKind.INT64, "key", TypeKind.UTF8,
      "id0", TypeKind.INT64, "key0", TypeKind.UTF8);

  /** Left: gated ids below 3000; right: ids below 1000 of {@code right}; joined on key. */
  private static LogicalProgram join(int parallelism, JoinOperator join, String right, Map<String, String> rightOptions) {
    return LogicalProgram.newBuilder()
        .addNodes(node(1, parallelism, source("source_1", "gated", Map.of("rows", "3000", "batch", "37")),
            watermark("watermark_1")))
        .addNodes(node(2, parallelism, Operator.newBuilder(source("source_2", right, rightOptions))
            .setSource(source("source_2", right, rightOptions).getSource().toBuilder().setTableName("in2")).build(),
            watermark("watermark_2")))
        .addNodes(node(3, parallelism, Operator.newBuilder().setOperatorId("join_1").setName("join")
            .setOutputSchema(JOINED).setJoin(join).build()))
        .addNodes(node(4, parallelism, sink("sink_1", "collecting", JOINED)))
        .addEdges(edge(1, 3, EdgeType.LEFT_JOIN, ROWS, 1))
        .addEdges(edge(2, 3, EdgeType.RIGHT_JOIN, ROWS, 1))
        .addEdges(edge(3, 4, EdgeType.FORWARD, JOINED))
        .build();
  }

  private static LogicalProgram windowedLeftJoin(int parallelism) {
    return join(parallelism, JoinOperator.newBuilder().setJoinType(JoinType.LEFT).addLeftKeyFields(1)
        .addRightKeyFields(1).setWindow(Window.newBuilder().setTumbling(TumblingWindow.newBuilder().setWidthMicros(1)))
        .build(), "gated", Map.of("rows", "1000", "batch", "23"));
  }

  private ExecutionOptions options() {
    return ExecutionOptions.defaults().withParentAllocator(allocator).withQueueCapacity(2, 64);
  }

  /** Runs the program to its end without checkpoints; returns the sink's rows. */
  private List<List<Object>> straight(LogicalProgram program) throws Exception {
    FakeConnectors.GatedSource source = new FakeConnectors.GatedSource("gated");
    source.open(Long.MAX_VALUE, 0);
    FakeConnectors.CollectingSink sink = new FakeConnectors.CollectingSink(false);
    RecordingListener listener = new RecordingListener();
    try (JobExecution job = JobExecution.start(new ExecutionSpec("job", program, ExecutionSpec.allSubtasks(program),
        ConnectorRegistry.of(source, sink), listener), options())) {
      assertThat(job.awaitTermination(WAIT)).isTrue();
    }
    assertThat(listener.failures).isEmpty();
    return sink.allRows();
  }

  /**
   * Lets ids below {@code first} through, checkpoints, lets ids below {@code second} through,
   * stops with a checkpoint; then restores that checkpoint with {@code restored}'s program and
   * runs it to the end. Returns the rows of both runs.
   */
  private List<List<Object>> checkpointedThenRestored(LogicalProgram program, int gatedSubtasks, long first,
      long second, LogicalProgram restored) throws Exception {
    CheckpointStore store = new LocalCheckpointStore(directory);
    FakeConnectors.CollectingSink sink = new FakeConnectors.CollectingSink(false);
    FakeConnectors.GatedSource source = new FakeConnectors.GatedSource("gated");
    source.open(first, gatedSubtasks);
    CheckpointingListener listener = new CheckpointingListener(new CheckpointCoordinator(
        "job", store, ExecutionSpec.allSubtasks(program), 2, ProcessingClock.system()));
    long stopEpoch;
    try (JobExecution job = listener.attach(JobExecution.start(new ExecutionSpec("job", program,
        ExecutionSpec.allSubtasks(program), ConnectorRegistry.of(source, sink), listener),
        options().withCheckpointStore(store)))) {
      assertThat(source.awaitGate()).isTrue();
      long epoch = listener.trigger(false);
      assertThat(listener.awaitCompleted().getEpoch()).isEqualTo(epoch);
      source.open(second, gatedSubtasks);
      assertThat(source.awaitGate()).isTrue();
      stopEpoch = listener.trigger(true);
      CheckpointMetadata stop = listener.awaitCompleted();
      assertThat(stop.getEpoch()).isEqualTo(stopEpoch);
      assertThat(stop.getThenStop()).isTrue();
      assertThat(job.awaitTermination(WAIT)).isTrue();
    }
    assertThat(listener.failures).isEmpty();
    assertThat(listener.finished).hasSize(ExecutionSpec.allSubtasks(program).size());
    assertThat(sink.finished).as("a stop with checkpoint flushes nothing").isEmpty();
    assertThat(CheckpointCoordinator.latestCompleted(store, "job")).hasValue(stopEpoch);

    FakeConnectors.GatedSource resumed = new FakeConnectors.GatedSource("gated");
    resumed.open(Long.MAX_VALUE, 0);
    FakeConnectors.CollectingSink after = new FakeConnectors.CollectingSink(false);
    RecordingListener events = new RecordingListener();
    try (JobExecution job = JobExecution.start(new ExecutionSpec("job", restored,
        ExecutionSpec.allSubtasks(restored), ConnectorRegistry.of(resumed, after), events).withRestoreEpoch(stopEpoch),
        options().withCheckpointStore(store))) {
      assertThat(job.awaitTermination(WAIT)).isTrue();
    }
    assertThat(events.failures).isEmpty();
    List<List<Object>> rows = new java.util.ArrayList<>(sink.allRows());
    rows.addAll(after.allRows());
    return rows;
  }

  private static Map<List<Object>, Long> counts(List<List<Object>> rows) {
    Map<List<Object>, Long> counts = new HashMap<>();
    rows.forEach(row -> counts.merge(row, 1L, Long::sum));
    return counts;
  }

  /** The table a changelog (last column _is_retract) leaves behind. */
  static Map<List<Object>, Long> net(List<List<Object>> changes) {
    Map<List<Object>, Long> table = new HashMap<>();
    for (List<Object> row : changes) {
      table.merge(row.subList(0, row.size() - 1), (Boolean) row.getLast() ? -1L : 1L, Long::sum);
    }
    table.values().removeIf(count -> count == 0);
    return table;
  }

  private void smoke(IntFunction<LogicalProgram> program, int gatedSubtasksPerParallelism, long first, long second,
      boolean changelog) throws Exception {
    List<List<Object>> expected = straight(program.apply(2));
    List<List<Object>> actual = checkpointedThenRestored(program.apply(2), 2 * gatedSubtasksPerParallelism, first,
        second, program.apply(3));
    if (changelog) {
      assertThat(net(actual)).isEqualTo(net(expected));
    } else {
      assertThat(counts(actual)).isEqualTo(counts(expected));
    }
  }

  @Test
  void windowedAggregateRestoresAtAnotherParallelism() throws Exception {
    smoke(CheckpointJobTest::windowed, 1, 1500, 3200, false);
  }

  @Test
  void updatingAggregateRestoresAtAnotherParallelism() throws Exception {
    smoke(CheckpointJobTest::updating, 1, 1000, 2000, true);
  }

  @Test
  void windowedJoinRestoresAtAnotherParallelism() throws Exception {
    smoke(CheckpointJobTest::windowedLeftJoin, 2, 500, 800, false);
  }

  @Test
  void aJoinHoldsBackTheInputWhoseBarrierCameFirst() throws Exception {
    CheckpointStore store = new LocalCheckpointStore(directory);
    LogicalProgram program = join(1, JoinOperator.newBuilder().setJoinType(JoinType.INNER).addLeftKeyFields(1)
        .addRightKeyFields(1).build(), "held", Map.of("rows", "100", "hold", "true"));
    FakeConnectors.GatedSource left = new FakeConnectors.GatedSource("gated");
    FakeConnectors.GatedSource right = new FakeConnectors.GatedSource("held");
    left.open(100, 1);
    CheckpointingListener listener = new CheckpointingListener(new CheckpointCoordinator(
        "job", store, ExecutionSpec.allSubtasks(program), 1, ProcessingClock.system()));
    try (JobExecution job = listener.attach(JobExecution.start(new ExecutionSpec("job", program,
        ExecutionSpec.allSubtasks(program), ConnectorRegistry.of(left, right,
        new FakeConnectors.CollectingSink(false)), listener), options().withCheckpointStore(store)))) {
      assertThat(left.awaitGate()).isTrue();
      // A barrier that reached the held source before its first poll would pass straight through.
      assertThat(right.awaitHolding()).isTrue();
      long epoch = listener.trigger(false);
      // The left barrier is followed by 100 more rows; the right source emits nothing until released.
      left.open(200, 1);
      assertThat(left.awaitGate()).isTrue();
      assertThat(listener.reports).extracting(report -> report.getNodeId()).doesNotContain(3);
      right.release();
      CheckpointMetadata metadata = listener.awaitCompleted();
      assertThat(metadata.getEpoch()).isEqualTo(epoch);
      CheckpointStateReader state = new CheckpointStateReader(store, metadata, "join_1", 0, 1, allocator);
      long[] rows = new long[2];
      state.readKeyed("left", batch -> rows[0] += batch.rowCount());
      state.readKeyed("right", batch -> rows[1] += batch.rowCount());
      assertThat(rows).as("the join's state holds exactly the rows before the barriers").containsExactly(100, 0);
      assertThat(metadata.getSubtasksList()).filteredOn(report -> report.getNodeId() == 3).singleElement()
          .satisfies(report -> assertThat(report.getCheckpointStartedMicros())
              .isGreaterThanOrEqualTo(report.getAlignmentStartedMicros()));
    }
  }
}
