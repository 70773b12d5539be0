package io.tributary.engine.runtime;

import static io.tributary.engine.runtime.Programs.edge;
import static io.tributary.engine.runtime.Programs.node;
import static io.tributary.engine.runtime.Programs.projection;
import static io.tributary.engine.runtime.Programs.ref;
import static io.tributary.engine.runtime.Programs.sink;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.connector.Connector;
import io.tributary.engine.connector.ConnectorRegistry;
import io.tributary.engine.connector.Source;
import io.tributary.engine.connector.SourceContext;
import io.tributary.engine.testing.AllocatorTest;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.EdgeType;
import io.tributary.proto.program.Field;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.Operator;
import io.tributary.proto.program.ProjectionOperator;
import io.tributary.proto.program.Schema;
import io.tributary.proto.program.SourceOperator;
import io.tributary.proto.program.TypeKind;
import io.tributary.proto.program.UnnestOperator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** source of lists → unnest → projection (reading _timestamp) → sink, compared with a batch expansion. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UnnestJobTest extends AllocatorTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int ROWS_COUNT = 3000;

  private final RecordingListener listener = new RecordingListener();
  private final FakeConnectors.CollectingSink sink = new FakeConnectors.CollectingSink(false);
  private final ConnectorRegistry connectors = ConnectorRegistry.of(new ListSource(), sink);

  private static Field field(String name, TypeKind kind) {
    return Field.newBuilder().setName(name).setNullable(true).setType(DataType.newBuilder().setKind(kind)).build();
  }

  private static Schema schema(Field... fields) {
    return Schema.newBuilder().addAllFields(List.of(fields)).addFields(field("_timestamp", TypeKind.TIMESTAMP)
        .toBuilder().setNullable(false)).build();
  }

  private static final Field TAGS = Field.newBuilder().setName("tags").setNullable(true)
      .setType(DataType.newBuilder().setKind(TypeKind.LIST).addChildren(field("item", TypeKind.UTF8))).build();
  private static final Schema LISTS = schema(field("id", TypeKind.INT64), TAGS);
  private static final Schema ELEMENTS = schema(field("id", TypeKind.INT64), field("tag", TypeKind.UTF8));
  private static final Schema OUTPUT = schema(field("id", TypeKind.INT64), field("tag", TypeKind.UTF8),
      field("time", TypeKind.TIMESTAMP));

  /** Row id's list: NULL when id % 5 = 0, else tags t0 .. t(id % 4 - 1) (empty when id % 4 = 0). */
  private static List<String> tags(long id) {
    if (id % 5 == 0) {
      return null;
    }
    List<String> tags = new ArrayList<>();
    for (long j = 0; j < id % 4; j++) {
      tags.add("t" + j);
    }
    return tags;
  }

  /** Ids subtask, subtask + parallelism, … below ROWS_COUNT, with {@link #tags}, at event time id ns. */
  private static final class ListSource implements Connector {
    @Override
    public String name() {
      return "lists";
    }

    @Override
    public Source createSource(SourceContext context) {
      return new Source() {
        long next = context.subtaskIndex();

        @Override
        public PollResult poll(Output output) {
          try (BatchBuilder builder = new BatchBuilder(context.outputSchema(), context.allocator())) {
            while (builder.rowCount() < 41 && next < ROWS_COUNT) {
              builder.addRow(next, next, tags(next));
              next += context.parallelism();
            }
            if (builder.rowCount() > 0) {
              output.emit(builder.build());
            }
          }
          return next >= ROWS_COUNT ? PollResult.FINISHED : PollResult.MORE;
        }
      };
    }
  }

  private static LogicalProgram program(int parallelism) {
    Operator source = Operator.newBuilder().setOperatorId("source_1").setName("source").setOutputSchema(LISTS)
        .setSource(SourceOperator.newBuilder().setTableName("posts").setConnector("lists")).build();
    Operator unnest = Operator.newBuilder().setOperatorId("unnest_1").setName("unnest").setOutputSchema(ELEMENTS)
        .setUnnest(UnnestOperator.newBuilder().setListField(1).addCarriedFields(0).setElementIndex(1)).build();
    Operator stamped = projection("projection_1", OUTPUT, ProjectionOperator.newBuilder()
        .addProjections(ref(0, TypeKind.INT64)).addProjections(ref(1, TypeKind.UTF8))
        .addProjections(ref(2, TypeKind.TIMESTAMP)).build());
    return LogicalProgram.newBuilder()
        .addNodes(node(1, parallelism, source))
        .addNodes(node(2, parallelism, unnest, stamped))
        .addNodes(node(3, parallelism, sink("sink_1", "collecting", OUTPUT)))
        .addEdges(edge(1, 2, EdgeType.FORWARD, LISTS))
        .addEdges(edge(2, 3, EdgeType.FORWARD, OUTPUT))
        .build();
  }

  /** The batch computation: every element of every non-null list, with its row's id and time. */
  private static List<List<Object>> expected() {
    List<List<Object>> rows = new ArrayList<>();
    for (long id = 0; id < ROWS_COUNT; id++) {
      List<String> tags = tags(id);
      if (tags != null) {
        for (String tag : tags) {
          rows.add(List.of(id, tag, id));
        }
      }
    }
    return rows;
  }

  @ParameterizedTest(name = "parallelism {0}")
  @ValueSource(ints = {1, 3})
  void emitsEveryElementOnceWithItsRowsTime(int parallelism) throws Exception {
    LogicalProgram program = program(parallelism);
    try (JobExecution job = JobExecution.start(
        new ExecutionSpec("job-unnest", program, ExecutionSpec.allSubtasks(program), connectors, listener),
        ExecutionOptions.defaults().withParentAllocator(allocator).withQueueCapacity(2, 64))) {
      assertThat(job.awaitTermination(WAIT)).isTrue();
    }
    assertThat(listener.failures).isEmpty();
    assertThat(sink.allRows()).containsExactlyInAnyOrderElementsOf(expected());
  }
}
