package io.tributary.engine.runtime;

import static io.tributary.engine.runtime.Programs.ROWS;
import static io.tributary.engine.runtime.Programs.edge;
import static io.tributary.engine.runtime.Programs.node;
import static io.tributary.engine.runtime.Programs.projection;
import static io.tributary.engine.runtime.Programs.ref;
import static io.tributary.engine.runtime.Programs.sink;
import static io.tributary.engine.runtime.Programs.source;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.proto.program.AggregateCall;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.EdgeType;
import io.tributary.proto.program.Field;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.Operator;
import io.tributary.proto.program.ProjectionOperator;
import io.tributary.proto.program.Schema;
import io.tributary.proto.program.TypeKind;
import io.tributary.proto.program.UpdatingAggregateOperator;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An updating stream across keyed shuffles: counts per key (an updating aggregate), then, over
 * that changelog shuffled by the count, how many keys have each count (an updating aggregate of an
 * updating input). Retractions must meet the additions they undo in the same subtask.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UpdatingJobTest extends CollectingJobTest {

  private static Field field(String name, TypeKind kind, boolean nullable) {
    return Field.newBuilder().setName(name).setType(DataType.newBuilder().setKind(kind)).setNullable(nullable).build();
  }

  private static Schema schema(Field... fields) {
    return Schema.newBuilder().addAllFields(List.of(fields))
        .addFields(field("_timestamp", TypeKind.TIMESTAMP, false)).build();
  }

  private static final Schema KEYED = schema(field("key", TypeKind.UTF8, true), field("id", TypeKind.INT64, true));
  private static final Schema COUNTS = schema(field("key", TypeKind.UTF8, true), field("n", TypeKind.INT64, false),
      field("_is_retract", TypeKind.BOOLEAN, false));
  private static final Schema HISTOGRAM = schema(field("n", TypeKind.INT64, false),
      field("keys", TypeKind.INT64, false), field("_is_retract", TypeKind.BOOLEAN, false));

  private static AggregateCall countStar() {
    return AggregateCall.newBuilder().setFunction("COUNT").setType(DataType.newBuilder().setKind(TypeKind.INT64)).build();
  }

  @Test
  void countsOfCountsAcrossKeyedShufflesAtParallelismTwo() throws Exception {
    Operator keyed = projection("projection_1", KEYED, ProjectionOperator.newBuilder()
        .addProjections(ref(1, TypeKind.UTF8)).addProjections(ref(0, TypeKind.INT64)).build());
    Operator counts = Operator.newBuilder().setOperatorId("updating_1").setName("updating_aggregate")
        .setOutputSchema(COUNTS)
        .setUpdatingAggregate(UpdatingAggregateOperator.newBuilder().addKeyFields(0).addAggregates(countStar()))
        .build();
    Operator histogram = Operator.newBuilder().setOperatorId("updating_2").setName("updating_aggregate")
        .setOutputSchema(HISTOGRAM)
        .setUpdatingAggregate(UpdatingAggregateOperator.newBuilder().addKeyFields(1).addAggregates(countStar()))
        .build();
    LogicalProgram program = LogicalProgram.newBuilder()
        .addNodes(node(1, 2, source("source_1", "counting", Map.of("rows", "3000", "batch", "37")), keyed))
        .addNodes(node(2, 2, counts))
        .addNodes(node(3, 2, histogram))
        .addNodes(node(4, 2, sink("sink_1", "collecting", HISTOGRAM)))
        .addEdges(edge(1, 2, EdgeType.SHUFFLE, KEYED, 0))
        .addEdges(edge(2, 3, EdgeType.SHUFFLE, COUNTS, 1))
        .addEdges(edge(3, 4, EdgeType.FORWARD, HISTOGRAM))
        .build();
    try (JobExecution job = JobExecution.start(
        new ExecutionSpec("job-u", program, ExecutionSpec.allSubtasks(program), connectors, listener),
        ExecutionOptions.defaults().withParentAllocator(allocator).withQueueCapacity(2, 64))) {
      assertThat(job.awaitTermination(Duration.ofSeconds(30))).isTrue();
    }
    assertThat(listener.failures).isEmpty();
    Map<List<Object>, Integer> table = new HashMap<>();
    for (List<List<Object>> rows : sink.rows.values()) {
      for (List<Object> row : rows) {
        List<Object> values = row.subList(0, 2);
        if ((Boolean) row.get(2)) {
          assertThat(table.getOrDefault(values, 0)).as("retraction of " + values).isPositive();
          table.merge(values, -1, Integer::sum);
        } else {
          table.merge(values, 1, Integer::sum);
        }
      }
    }
    table.values().removeIf(count -> count == 0);
    // 3000 rows over 50 keys: every key ends with 60 rows.
    assertThat(table).isEqualTo(Map.of(List.of(60L, 50L), 1));
    assertThat(sink.allRows()).anySatisfy(row -> assertThat(row.get(2)).isEqualTo(true));
  }
}
