package io.tributary.engine.runtime;

import static io.tributary.engine.runtime.Programs.edge;
import static io.tributary.engine.runtime.Programs.node;
import static io.tributary.engine.runtime.Programs.projection;
import static io.tributary.engine.runtime.Programs.ref;
import static io.tributary.engine.runtime.Programs.schema;
import static io.tributary.engine.runtime.Programs.sink;
import static io.tributary.engine.runtime.Programs.source;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.engine.checkpoint.CheckpointCoordinator;
import io.tributary.engine.checkpoint.S3CheckpointStore;
import io.tributary.engine.checkpoint.S3Proxy;
import io.tributary.engine.checkpoint.S3ProxyExtension;
import io.tributary.engine.connector.ConnectorRegistry;
import io.tributary.engine.testing.AllocatorTest;
import io.tributary.engine.time.ProcessingClock;
import io.tributary.proto.checkpoint.CheckpointMetadata;
import io.tributary.proto.program.AggregateCall;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.EdgeType;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.Operator;
import io.tributary.proto.program.ProjectionOperator;
import io.tributary.proto.program.Schema;
import io.tributary.proto.program.TypeKind;
import io.tributary.proto.program.UpdatingAggregateOperator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A job checkpoints into S3 (S3Proxy on loopback), stops with a checkpoint, and a new run at
 * another parallelism restores from S3: together the two runs give the straight run's result.
 * {@link CheckpointJobTest} covers the operators on the local store; this covers the S3 store
 * under the runtime's real writers, readers and coordinator.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@ExtendWith(S3ProxyExtension.class)
class S3CheckpointJobTest extends AllocatorTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Schema KEYED = schema("key", TypeKind.UTF8, "id", TypeKind.INT64);
  private static final Schema COUNTS = schema("key", TypeKind.UTF8, "n", TypeKind.INT64, "_is_retract", TypeKind.BOOLEAN);

  /** gated source (3000 rows, 50 keys) → SHUFFLE(key) → count per key (updating) → sink. */
  private static LogicalProgram counts(int parallelism) {
    Operator count = Operator.newBuilder().setOperatorId("updating_1").setName("updating_aggregate")
        .setOutputSchema(COUNTS)
        .setUpdatingAggregate(UpdatingAggregateOperator.newBuilder().addKeyFields(0).addAggregates(
            AggregateCall.newBuilder().setFunction("COUNT").setType(DataType.newBuilder().setKind(TypeKind.INT64))))
        .build();
    return LogicalProgram.newBuilder()
        .addNodes(node(1, parallelism, source("source_1", "gated", Map.of("rows", "3000", "batch", "37")),
            projection("projection_1", KEYED, ProjectionOperator.newBuilder()
                .addProjections(ref(1, TypeKind.UTF8)).addProjections(ref(0, TypeKind.INT64)).build())))
        .addNodes(node(2, parallelism, count))
        .addNodes(node(3, parallelism, sink("sink_1", "collecting", COUNTS)))
        .addEdges(edge(1, 2, EdgeType.SHUFFLE, KEYED, 0))
        .addEdges(edge(2, 3, EdgeType.FORWARD, COUNTS))
        .build();
  }

  private ExecutionOptions options(S3CheckpointStore store) {
    return ExecutionOptions.defaults().withParentAllocator(allocator).withQueueCapacity(2, 64)
        .withCheckpointStore(store);
  }

  @Test
  void checkpointsIntoS3AndRestoresFromItAtAnotherParallelism(S3Proxy proxy) throws Exception {
    try (S3CheckpointStore store = S3CheckpointStore.open(proxy.url(proxy.createBucket(), "state"))) {
      LogicalProgram first = counts(2);
      FakeConnectors.GatedSource source = new FakeConnectors.GatedSource("gated");
      source.open(1000, 2);
      FakeConnectors.CollectingSink sink = new FakeConnectors.CollectingSink(false);
      CheckpointingListener listener = new CheckpointingListener(new CheckpointCoordinator(
          "job", store, ExecutionSpec.allSubtasks(first), 2, ProcessingClock.system()));
      long stopEpoch;
      try (JobExecution job = listener.attach(JobExecution.start(new ExecutionSpec("job", first,
          ExecutionSpec.allSubtasks(first), ConnectorRegistry.of(source, sink), listener), options(store)))) {
        assertThat(source.awaitGate()).isTrue();
        long epoch = listener.trigger(false);
        assertThat(listener.awaitCompleted().getEpoch()).isEqualTo(epoch);
        source.open(2000, 2);
        assertThat(source.awaitGate()).isTrue();
        stopEpoch = listener.trigger(true);
        CheckpointMetadata stop = listener.awaitCompleted();
        assertThat(stop.getThenStop()).isTrue();
        assertThat(job.awaitTermination(WAIT)).isTrue();
      }
      assertThat(listener.failures).isEmpty();
      assertThat(CheckpointCoordinator.latestCompleted(store, "job")).hasValue(stopEpoch);
      assertThat(store.list("job/checkpoints/")).as("state files of both operators are in the bucket")
          .anyMatch(path -> path.contains("/updating_1/"))
          .anyMatch(path -> path.contains("/source_1/"));

      LogicalProgram restored = counts(3);
      FakeConnectors.GatedSource resumed = new FakeConnectors.GatedSource("gated");
      resumed.open(Long.MAX_VALUE, 0);
      FakeConnectors.CollectingSink after = new FakeConnectors.CollectingSink(false);
      RecordingListener events = new RecordingListener();
      try (JobExecution job = JobExecution.start(new ExecutionSpec("job", restored,
          ExecutionSpec.allSubtasks(restored), ConnectorRegistry.of(resumed, after), events)
          .withRestoreEpoch(stopEpoch), options(store))) {
        assertThat(job.awaitTermination(WAIT)).isTrue();
      }
      assertThat(events.failures).isEmpty();

      List<List<Object>> changes = new ArrayList<>(sink.allRows());
      changes.addAll(after.allRows());
      assertThat(CheckpointJobTest.net(changes)).isEqualTo(expected());
    }
  }

  /** 3000 ids spread over "k0".."k49": 60 rows per key. */
  private static Map<List<Object>, Long> expected() {
    Map<List<Object>, Long> table = new HashMap<>();
    for (int key = 0; key < 50; key++) {
      table.put(List.of("k" + key, 60L), 1L);
    }
    return table;
  }
}
