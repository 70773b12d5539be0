package io.tributary.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.engine.connector.ConnectorRegistry;
import io.tributary.engine.connector.UnknownConnectorException;
import io.tributary.engine.runtime.ExecutionListener;
import io.tributary.engine.runtime.ExecutionOptions;
import io.tributary.engine.runtime.ExecutionSpec;
import io.tributary.engine.runtime.JobExecution;
import io.tributary.engine.runtime.SubtaskId;
import io.tributary.proto.program.Call;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Edge;
import io.tributary.proto.program.EdgeType;
import io.tributary.proto.program.Expr;
import io.tributary.proto.program.Field;
import io.tributary.proto.program.Literal;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.Node;
import io.tributary.proto.program.Operator;
import io.tributary.proto.program.ProjectionOperator;
import io.tributary.proto.program.Schema;
import io.tributary.proto.program.SinkOperator;
import io.tributary.proto.program.SourceOperator;
import io.tributary.proto.program.TypeKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Programs as the planner emits them, run with the connectors found through ServiceLoader. */
@Timeout(60)
class ConnectorsEndToEndTest {
  @TempDir
  Path dir;

  private static Schema schema(Object... nameKindPairs) {
    Schema.Builder schema = Schema.newBuilder();
    for (int i = 0; i < nameKindPairs.length; i += 2) {
      schema.addFields(Field.newBuilder().setName((String) nameKindPairs[i]).setNullable(true)
          .setType(DataType.newBuilder().setKind((TypeKind) nameKindPairs[i + 1])));
    }
    schema.addFields(Field.newBuilder().setName("_timestamp").setType(DataType.newBuilder().setKind(TypeKind.TIMESTAMP)));
    return schema.build();
  }

  private static final Schema IMPULSE = schema("counter", TypeKind.INT64, "subtask_index", TypeKind.INT64, "timestamp", TypeKind.TIMESTAMP);
  private static final Schema OUT = schema("counter", TypeKind.INT64, "label", TypeKind.UTF8);

  private static Expr ref(int index, TypeKind kind) {
    return Expr.newBuilder().setType(DataType.newBuilder().setKind(kind)).setInputRef(index).build();
  }

  private static Expr call(String function, TypeKind kind, Expr... operands) {
    return Expr.newBuilder().setType(DataType.newBuilder().setKind(kind))
        .setCall(Call.newBuilder().setFunction(function).addAllOperands(List.of(operands))).build();
  }

  private static Expr lit(Object value, TypeKind kind) {
    Literal.Builder literal = Literal.newBuilder();
    if (value instanceof Long l) {
      literal.setIntValue(l);
    } else {
      literal.setStringValue((String) value);
    }
    return Expr.newBuilder().setType(DataType.newBuilder().setKind(kind)).setLiteral(literal).build();
  }

  /** Records events; thread-safe. */
  static final class Listener implements ExecutionListener {
    final List<SubtaskId> finished = Collections.synchronizedList(new ArrayList<>());
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    final List<String> previewRows = Collections.synchronizedList(new ArrayList<>());
    final List<String> previewDone = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void taskFinished(SubtaskId task) {
      finished.add(task);
    }

    @Override
    public void taskFailed(SubtaskId task, String operatorId, String message, String details) {
      failures.add(operatorId + ": " + message);
    }

    @Override
    public void previewRows(String operatorId, int subtaskIndex, List<String> jsonRows, List<Long> timestampsMicros) {
      previewRows.addAll(jsonRows);
    }

    @Override
    public void previewFinished(String operatorId, int subtaskIndex) {
      previewDone.add(operatorId + "/" + subtaskIndex);
    }
  }

  @Test
  void registryFindsTheBuiltInConnectors() {
    ConnectorRegistry registry = ConnectorRegistry.load();
    assertThat(registry.names()).contains("impulse", "stdout", "blackhole", "preview", "single_file", "nexmark", "kafka");
    assertThatThrownBy(() -> registry.connector("kafkaa"))
        .isInstanceOf(UnknownConnectorException.class)
        .hasMessageStartingWith("unknown connector 'kafkaa'");
  }

  @Test
  void impulseThroughAProjectionIntoAFileThenIntoPreview() throws Exception {
    Path file = dir.resolve("out/impulse.json");
    Operator source = Operator.newBuilder().setOperatorId("source_1").setName("source").setOutputSchema(IMPULSE)
        .setSource(SourceOperator.newBuilder().setTableName("impulse").setConnector("impulse")
            .putAllOptions(Map.of("message_count", "50", "event_rate", "1000000")))
        .build();
    Operator projection = Operator.newBuilder().setOperatorId("projection_1").setName("projection").setOutputSchema(OUT)
        .setProjection(ProjectionOperator.newBuilder()
            .setCondition(call("LESS_THAN", TypeKind.BOOLEAN, ref(0, TypeKind.INT64), lit(10L, TypeKind.INT64)))
            .addProjections(ref(0, TypeKind.INT64))
            .addProjections(call("||", TypeKind.UTF8, lit("n", TypeKind.UTF8),
                call("CAST", TypeKind.UTF8, ref(1, TypeKind.INT64)))))
        .build();
    Operator sink = Operator.newBuilder().setOperatorId("sink_1").setName("sink").setOutputSchema(OUT)
        .setSink(SinkOperator.newBuilder().setTableName("out").setConnector("single_file")
            .putAllOptions(Map.of("path", file.toString(), "format", "json")))
        .build();
    LogicalProgram write = LogicalProgram.newBuilder()
        .addNodes(Node.newBuilder().setNodeId(1).setParallelism(2).addOperators(source))
        .addNodes(Node.newBuilder().setNodeId(2).setParallelism(2).addOperators(projection))
        .addNodes(Node.newBuilder().setNodeId(3).setParallelism(1).addOperators(sink))
        .addEdges(Edge.newBuilder().setSourceNode(1).setTargetNode(2).setType(EdgeType.FORWARD).setSchema(IMPULSE))
        .addEdges(Edge.newBuilder().setSourceNode(2).setTargetNode(3).setType(EdgeType.SHUFFLE).setSchema(OUT))
        .build();
    run(write, new Listener());
    assertThat(Files.readAllLines(file)).containsExactlyInAnyOrder(
        "{\"counter\":0,\"label\":\"n0\"}", "{\"counter\":1,\"label\":\"n1\"}",
        "{\"counter\":2,\"label\":\"n0\"}", "{\"counter\":3,\"label\":\"n1\"}",
        "{\"counter\":4,\"label\":\"n0\"}", "{\"counter\":5,\"label\":\"n1\"}",
        "{\"counter\":6,\"label\":\"n0\"}", "{\"counter\":7,\"label\":\"n1\"}",
        "{\"counter\":8,\"label\":\"n0\"}", "{\"counter\":9,\"label\":\"n1\"}");

    Operator fileSource = Operator.newBuilder().setOperatorId("source_1").setName("source").setOutputSchema(OUT)
        .setSource(SourceOperator.newBuilder().setTableName("in").setConnector("single_file")
            .putAllOptions(Map.of("path", file.toString(), "format", "json")))
        .build();
    Operator preview = Operator.newBuilder().setOperatorId("preview_1").setName("sink").setOutputSchema(OUT)
        .setSink(SinkOperator.newBuilder().setTableName("out").setConnector("preview"))
        .build();
    LogicalProgram read = LogicalProgram.newBuilder()
        .addNodes(Node.newBuilder().setNodeId(1).setParallelism(1).addOperators(fileSource).addOperators(preview))
        .build();
    Listener listener = new Listener();
    run(read, listener);
    assertThat(listener.previewRows).hasSize(10).contains("{\"counter\":9,\"label\":\"n1\"}");
    assertThat(listener.previewDone).containsExactly("preview_1/0");
  }

  @Test
  void nexmarkBidsThroughFieldAccess() throws Exception {
    var arrow = io.tributary.connectors.nexmark.NexmarkSchemas.schema();
    Schema nexmark = io.tributary.engine.batch.ArrowTypes.toProto(arrow);
    DataType bidType = nexmark.getFields(2).getType();
    Expr bid = Expr.newBuilder().setType(bidType).setInputRef(2).build();
    Schema out = schema("auction", TypeKind.INT64, "price", TypeKind.INT64);
    Operator source = Operator.newBuilder().setOperatorId("source_1").setName("source").setOutputSchema(nexmark)
        .setSource(SourceOperator.newBuilder().setTableName("nexmark").setConnector("nexmark")
            .putAllOptions(Map.of("event_rate", "100000", "runtime", "0.01")))
        .build();
    Operator projection = Operator.newBuilder().setOperatorId("projection_1").setName("projection").setOutputSchema(out)
        .setProjection(ProjectionOperator.newBuilder()
            .setCondition(call("IS_NOT_NULL", TypeKind.BOOLEAN, bid))
            .addProjections(call("FIELD_ACCESS", TypeKind.INT64, bid, lit("auction", TypeKind.UTF8)))
            .addProjections(call("FIELD_ACCESS", TypeKind.INT64, bid, lit("price", TypeKind.UTF8))))
        .build();
    Operator preview = Operator.newBuilder().setOperatorId("preview_1").setName("sink").setOutputSchema(out)
        .setSink(SinkOperator.newBuilder().setTableName("out").setConnector("preview"))
        .build();
    LogicalProgram program = LogicalProgram.newBuilder()
        .addNodes(Node.newBuilder().setNodeId(1).setParallelism(2).addOperators(source).addOperators(projection))
        .addNodes(Node.newBuilder().setNodeId(2).setParallelism(1).addOperators(preview))
        .addEdges(Edge.newBuilder().setSourceNode(1).setTargetNode(2).setType(EdgeType.SHUFFLE).setSchema(out))
        .build();
    Listener listener = new Listener();
    run(program, listener);
    assertThat(listener.previewRows).hasSize(920);
    assertThat(listener.previewRows).allSatisfy(row -> assertThat(row).matches("\\{\"auction\":\\d+,\"price\":\\d+}"));
  }

  @Test
  void windowedAggregateFromAFileIntoAFileWithAWindowStruct() throws Exception {
    Path in = dir.resolve("events.json");
    Path out = dir.resolve("out/windows.json");
    Files.writeString(in, String.join("\n",
        "{\"user\":\"a\",\"amount\":3,\"ts\":\"2023-10-09T17:13:41\"}",
        "{\"user\":\"b\",\"amount\":1,\"ts\":\"2023-10-09T17:13:42.500\"}",
        "{\"user\":\"a\",\"amount\":2,\"ts\":\"2023-10-09T17:13:49.999\"}",
        "{\"user\":\"a\",\"amount\":null,\"ts\":\"2023-10-09T17:13:50\"}",
        "{\"user\":\"b\",\"amount\":7,\"ts\":\"2023-10-09T17:14:05\"}") + "\n");
    Schema events = schema("user", TypeKind.UTF8, "amount", TypeKind.INT64, "ts", TypeKind.TIMESTAMP);
    Schema keyed = schema("user", TypeKind.UTF8, "amount", TypeKind.INT64);
    Schema aggregated = schema("user", TypeKind.UTF8, "window_start", TypeKind.TIMESTAMP,
        "window_end", TypeKind.TIMESTAMP, "count", TypeKind.INT64, "total", TypeKind.INT64);
    DataType timestamp = DataType.newBuilder().setKind(TypeKind.TIMESTAMP).build();
    DataType window = DataType.newBuilder().setKind(TypeKind.STRUCT)
        .addChildren(Field.newBuilder().setName("start").setType(timestamp))
        .addChildren(Field.newBuilder().setName("end").setType(timestamp))
        .build();
    Schema result = Schema.newBuilder()
        .addFields(Field.newBuilder().setName("window").setType(window))
        .addAllFields(schema("user", TypeKind.UTF8, "count", TypeKind.INT64, "total", TypeKind.INT64).getFieldsList())
        .build();
    Operator source = Operator.newBuilder().setOperatorId("source_1").setName("source").setOutputSchema(events)
        .setSource(SourceOperator.newBuilder().setTableName("events").setConnector("single_file")
            .putAllOptions(Map.of("path", in.toString(), "format", "json")).setEventTimeField(2))
        .build();
    Operator project = Operator.newBuilder().setOperatorId("projection_1").setName("projection").setOutputSchema(keyed)
        .setProjection(ProjectionOperator.newBuilder()
            .addProjections(ref(0, TypeKind.UTF8)).addProjections(ref(1, TypeKind.INT64)))
        .build();
    Operator aggregate = Operator.newBuilder().setOperatorId("window_1").setName("window_aggregate")
        .setOutputSchema(aggregated)
        .setWindowAggregate(io.tributary.proto.program.WindowAggregateOperator.newBuilder()
            .setWindow(io.tributary.proto.program.Window.newBuilder().setTumbling(
                io.tributary.proto.program.TumblingWindow.newBuilder().setWidthMicros(10_000_000)))
            .addKeyFields(0)
            .addAggregates(io.tributary.proto.program.AggregateCall.newBuilder().setFunction("COUNT")
                .setType(DataType.newBuilder().setKind(TypeKind.INT64)))
            .addAggregates(io.tributary.proto.program.AggregateCall.newBuilder().setFunction("SUM").addArguments(1)
                .setNullable(true).setType(DataType.newBuilder().setKind(TypeKind.INT64))))
        .build();
    Expr row = Expr.newBuilder().setType(window).setCall(Call.newBuilder().setFunction("ROW")
        .addOperands(ref(1, TypeKind.TIMESTAMP)).addOperands(ref(2, TypeKind.TIMESTAMP))).build();
    Operator shape = Operator.newBuilder().setOperatorId("projection_2").setName("projection").setOutputSchema(result)
        .setProjection(ProjectionOperator.newBuilder().addProjections(row).addProjections(ref(0, TypeKind.UTF8))
            .addProjections(ref(3, TypeKind.INT64)).addProjections(ref(4, TypeKind.INT64)))
        .build();
    Operator sink = Operator.newBuilder().setOperatorId("sink_1").setName("sink").setOutputSchema(result)
        .setSink(SinkOperator.newBuilder().setTableName("out").setConnector("single_file")
            .putAllOptions(Map.of("path", out.toString(), "format", "json")))
        .build();
    LogicalProgram program = LogicalProgram.newBuilder()
        .addNodes(Node.newBuilder().setNodeId(1).setParallelism(1).addOperators(source).addOperators(project))
        .addNodes(Node.newBuilder().setNodeId(2).setParallelism(2).addOperators(aggregate).addOperators(shape))
        .addNodes(Node.newBuilder().setNodeId(3).setParallelism(1).addOperators(sink))
        .addEdges(Edge.newBuilder().setSourceNode(1).setTargetNode(2).setType(EdgeType.SHUFFLE).setSchema(keyed)
            .addKeyFields(0))
        .addEdges(Edge.newBuilder().setSourceNode(2).setTargetNode(3).setType(EdgeType.SHUFFLE).setSchema(result))
        .build();
    run(program, new Listener());
    assertThat(Files.readAllLines(out)).containsExactlyInAnyOrder(
        "{\"window\":{\"start\":\"2023-10-09T17:13:40\",\"end\":\"2023-10-09T17:13:50\"},\"user\":\"a\",\"count\":2,\"total\":5}",
        "{\"window\":{\"start\":\"2023-10-09T17:13:40\",\"end\":\"2023-10-09T17:13:50\"},\"user\":\"b\",\"count\":1,\"total\":1}",
        "{\"window\":{\"start\":\"2023-10-09T17:13:50\",\"end\":\"2023-10-09T17:14:00\"},\"user\":\"a\",\"count\":1,\"total\":null}",
        "{\"window\":{\"start\":\"2023-10-09T17:14:00\",\"end\":\"2023-10-09T17:14:10\"},\"user\":\"b\",\"count\":1,\"total\":7}");
  }

  private static void run(LogicalProgram program, Listener listener) throws InterruptedException {
    try (BufferAllocator allocator = new RootAllocator()) {
      try (JobExecution job = JobExecution.start(
          new ExecutionSpec("job", program, ExecutionSpec.allSubtasks(program), ConnectorRegistry.load(), listener),
          ExecutionOptions.defaults().withParentAllocator(allocator))) {
        assertThat(job.awaitTermination(Duration.ofSeconds(30))).isTrue();
      }
      assertThat(listener.failures).isEmpty();
      assertThat(listener.finished).hasSize(ExecutionSpec.allSubtasks(program).size());
      assertThat(allocator.getAllocatedMemory()).isZero();
    }
  }
}
