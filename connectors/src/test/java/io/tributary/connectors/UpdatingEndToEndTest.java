package io.tributary.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.engine.connector.ConnectorRegistry;
import io.tributary.engine.runtime.ExecutionOptions;
import io.tributary.engine.runtime.ExecutionSpec;
import io.tributary.engine.runtime.JobExecution;
import io.tributary.proto.program.AggregateCall;
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
import io.tributary.proto.program.UpdatingAggregateOperator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * source → projection → SHUFFLE(k) → updating aggregate → projection → SHUFFLE → single_file sink
 * in debezium_json, at parallelism 2: replaying the file's changes gives the GROUP BY result.
 */
@Timeout(60)
class UpdatingEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long BASE_SECONDS = 1_696_809_600L; // 2023-10-09T00:00:00

  @TempDir
  Path dir;

  private static DataType type(TypeKind kind) {
    return DataType.newBuilder().setKind(kind).build();
  }

  private static Field field(String name, TypeKind kind, boolean nullable) {
    return Field.newBuilder().setName(name).setType(type(kind)).setNullable(nullable).build();
  }

  private static Schema schema(Field... fields) {
    return Schema.newBuilder().addAllFields(List.of(fields))
        .addFields(field("_timestamp", TypeKind.TIMESTAMP, false)).build();
  }

  private static Expr ref(int index, TypeKind kind) {
    return Expr.newBuilder().setType(type(kind)).setInputRef(index).build();
  }

  private static Expr lit(long value) {
    return Expr.newBuilder().setType(type(TypeKind.INT64)).setLiteral(Literal.newBuilder().setIntValue(value)).build();
  }

  private static Expr call(String function, TypeKind kind, Expr... operands) {
    return Expr.newBuilder().setType(type(kind))
        .setCall(Call.newBuilder().setFunction(function).addAllOperands(List.of(operands))).build();
  }

  private static AggregateCall agg(String function, TypeKind result, Integer... arguments) {
    return AggregateCall.newBuilder().setFunction(function).setType(type(result)).setNullable(true)
        .addAllArguments(List.of(arguments)).build();
  }

  private static Operator operator(String id, String name, Schema output) {
    return Operator.newBuilder().setOperatorId(id).setName(name).setOutputSchema(output).build();
  }

  @Test
  void anUpdatingAggregateIntoADebeziumFile() throws Exception {
    Path in = dir.resolve("in.json");
    Path out = dir.resolve("out/changes.json");
    int rows = 2500;
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      String ts = LocalDateTime.ofEpochSecond(BASE_SECONDS + i, 0, ZoneOffset.UTC).toString();
      lines.add("{\"k\":\"k" + (i % 7) + "\",\"v\":" + (i % 13) + ",\"ts\":\"" + ts + "\"}");
    }
    Files.write(in, lines);

    Schema input = schema(field("k", TypeKind.UTF8, true), field("v", TypeKind.INT64, true),
        field("ts", TypeKind.TIMESTAMP, false));
    Schema projected = schema(field("k", TypeKind.UTF8, true), field("v10", TypeKind.INT64, true),
        field("ts", TypeKind.TIMESTAMP, false));
    Schema aggregated = schema(field("k", TypeKind.UTF8, true), field("n", TypeKind.INT64, false),
        field("total", TypeKind.INT64, true), field("last", TypeKind.TIMESTAMP, true),
        field("_is_retract", TypeKind.BOOLEAN, false));
    Schema result = schema(field("key", TypeKind.UTF8, true), field("n", TypeKind.INT64, false),
        field("total", TypeKind.INT64, true), field("last", TypeKind.TIMESTAMP, true),
        field("_is_retract", TypeKind.BOOLEAN, false));

    Operator source = operator("source_1", "source", input).toBuilder()
        .setSource(SourceOperator.newBuilder().setTableName("events").setConnector("single_file")
            .putAllOptions(Map.of("path", in.toString(), "format", "json")).setEventTimeField(2))
        .build();
    // WHERE v > 0, v * 10 AS v10
    Operator projection = operator("projection_1", "projection", projected).toBuilder()
        .setProjection(ProjectionOperator.newBuilder()
            .setCondition(call("GREATER_THAN", TypeKind.BOOLEAN, ref(1, TypeKind.INT64), lit(0)))
            .addProjections(ref(0, TypeKind.UTF8))
            .addProjections(call("TIMES", TypeKind.INT64, ref(1, TypeKind.INT64), lit(10)))
            .addProjections(ref(2, TypeKind.TIMESTAMP)))
        .build();
    Operator aggregate = operator("updating_aggregate_1", "updating_aggregate", aggregated).toBuilder()
        .setUpdatingAggregate(UpdatingAggregateOperator.newBuilder().addKeyFields(0)
            .addAggregates(agg("COUNT", TypeKind.INT64))
            .addAggregates(agg("SUM", TypeKind.INT64, 1))
            .addAggregates(agg("MAX", TypeKind.TIMESTAMP, 2)))
        .build();
    Operator rename = operator("projection_2", "projection", result).toBuilder()
        .setProjection(ProjectionOperator.newBuilder()
            .addProjections(ref(0, TypeKind.UTF8))
            .addProjections(ref(1, TypeKind.INT64))
            .addProjections(ref(2, TypeKind.INT64))
            .addProjections(ref(3, TypeKind.TIMESTAMP))
            .addProjections(ref(4, TypeKind.BOOLEAN)))
        .build();
    Operator sink = operator("sink_1", "sink", result).toBuilder()
        .setSink(SinkOperator.newBuilder().setTableName("totals").setConnector("single_file")
            .putAllOptions(Map.of("path", out.toString(), "format", "debezium_json")))
        .build();
    LogicalProgram program = LogicalProgram.newBuilder()
        .addNodes(Node.newBuilder().setNodeId(1).setParallelism(2).addOperators(source).addOperators(projection))
        .addNodes(Node.newBuilder().setNodeId(2).setParallelism(2).addOperators(aggregate).addOperators(rename))
        .addNodes(Node.newBuilder().setNodeId(3).setParallelism(1).addOperators(sink))
        .addEdges(Edge.newBuilder().setSourceNode(1).setTargetNode(2).setType(EdgeType.SHUFFLE)
            .setSchema(projected).addKeyFields(0))
        .addEdges(Edge.newBuilder().setSourceNode(2).setTargetNode(3).setType(EdgeType.SHUFFLE).setSchema(result))
        .build();

    ConnectorsEndToEndTest.Listener listener = new ConnectorsEndToEndTest.Listener();
    try (BufferAllocator allocator = new RootAllocator()) {
      try (JobExecution job = JobExecution.start(
          new ExecutionSpec("job", program, ExecutionSpec.allSubtasks(program), ConnectorRegistry.load(), listener),
          ExecutionOptions.defaults().withParentAllocator(allocator))) {
        assertThat(job.awaitTermination(Duration.ofSeconds(30))).isTrue();
      }
      assertThat(listener.failures).isEmpty();
      assertThat(allocator.getAllocatedMemory()).isZero();
    }

    // The batch GROUP BY.
    Map<String, long[]> groups = new TreeMap<>();
    for (int i = 0; i < rows; i++) {
      if (i % 13 == 0) {
        continue;
      }
      long[] g = groups.computeIfAbsent("k" + (i % 7), k -> new long[3]);
      g[0]++;
      g[1] += (i % 13) * 10L;
      g[2] = Math.max(g[2], (BASE_SECONDS + i) * 1000L);
    }
    Map<JsonNode, Integer> expected = new HashMap<>();
    groups.forEach((key, g) -> {
      ObjectNode row = JSON.createObjectNode();
      row.put("key", key).put("n", g[0]).put("total", g[1]).put("last", g[2]);
      try {
        expected.merge(JSON.readTree(row.toString()), 1, Integer::sum); // parsed, as the changes are
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });

    // Replaying the changes.
    Map<JsonNode, Integer> table = new HashMap<>();
    int deletes = 0;
    List<String> changes = Files.readAllLines(out);
    for (String line : changes) {
      assertThat(line).doesNotContain("_is_retract").doesNotContain("_timestamp");
      JsonNode change = JSON.readTree(line);
      switch (change.get("op").asText()) {
        case "c" -> {
          assertThat(change.get("before").isNull()).isTrue();
          table.merge(change.get("after"), 1, Integer::sum);
        }
        case "d" -> {
          deletes++;
          assertThat(change.get("after").isNull()).isTrue();
          assertThat(table.getOrDefault(change.get("before"), 0)).as(line).isPositive();
          table.merge(change.get("before"), -1, Integer::sum);
        }
        default -> throw new AssertionError("unexpected op in " + line);
      }
    }
    table.values().removeIf(count -> count == 0);
    assertThat(table).isEqualTo(expected);
    assertThat(deletes).as("the 2500 rows arrive in several batches, so totals were updated").isPositive();
    assertThat(Instant.ofEpochMilli(table.keySet().iterator().next().get("last").asLong()))
        .isAfter(Instant.ofEpochSecond(BASE_SECONDS));
  }
}
