package io.tributary.engine.runtime;

import io.tributary.proto.program.Call;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Edge;
import io.tributary.proto.program.EdgeType;
import io.tributary.proto.program.Expr;
import io.tributary.proto.program.Field;
import io.tributary.proto.program.Literal;
import io.tributary.proto.program.Node;
import io.tributary.proto.program.Operator;
import io.tributary.proto.program.ProjectionOperator;
import io.tributary.proto.program.Schema;
import io.tributary.proto.program.SinkOperator;
import io.tributary.proto.program.SourceOperator;
import io.tributary.proto.program.TypeKind;
import java.util.List;
import java.util.Map;

/** Builds small logical programs for runtime tests. */
final class Programs {
  private Programs() {}

  static Schema schema(Object... nameKindPairs) {
    Schema.Builder schema = Schema.newBuilder();
    for (int i = 0; i < nameKindPairs.length; i += 2) {
      schema.addFields(Field.newBuilder().setName((String) nameKindPairs[i]).setNullable(true)
          .setType(DataType.newBuilder().setKind((TypeKind) nameKindPairs[i + 1])));
    }
    schema.addFields(Field.newBuilder().setName("_timestamp")
        .setType(DataType.newBuilder().setKind(TypeKind.TIMESTAMP)));
    return schema.build();
  }

  static final Schema ROWS = schema("id", TypeKind.INT64, "key", TypeKind.UTF8);

  static Operator source(String id, String connector, Map<String, String> options) {
    return Operator.newBuilder().setOperatorId(id).setName("source").setOutputSchema(ROWS)
        .setSource(SourceOperator.newBuilder().setTableName("in").setConnector(connector).putAllOptions(options))
        .build();
  }

  static Operator sink(String id, String connector, Schema schema) {
    return Operator.newBuilder().setOperatorId(id).setName("sink").setOutputSchema(schema)
        .setSink(SinkOperator.newBuilder().setTableName("out").setConnector(connector))
        .build();
  }

  static Operator projection(String id, Schema output, ProjectionOperator projection) {
    return Operator.newBuilder().setOperatorId(id).setName("projection").setOutputSchema(output)
        .setProjection(projection).build();
  }

  static Node node(int id, int parallelism, Operator... operators) {
    return Node.newBuilder().setNodeId(id).setParallelism(parallelism).setDescription("node " + id)
        .addAllOperators(List.of(operators)).build();
  }

  static Edge edge(int from, int to, EdgeType type, Schema schema, Integer... keys) {
    return Edge.newBuilder().setSourceNode(from).setTargetNode(to).setType(type).setSchema(schema)
        .addAllKeyFields(List.of(keys)).build();
  }

  static Expr ref(int index, TypeKind kind) {
    return Expr.newBuilder().setType(DataType.newBuilder().setKind(kind)).setInputRef(index).build();
  }

  static Expr lit(long value) {
    return Expr.newBuilder().setType(DataType.newBuilder().setKind(TypeKind.INT64))
        .setLiteral(Literal.newBuilder().setIntValue(value)).build();
  }

  static Expr call(String function, TypeKind kind, Expr... operands) {
    return Expr.newBuilder().setType(DataType.newBuilder().setKind(kind))
        .setCall(Call.newBuilder().setFunction(function).addAllOperands(List.of(operands))).build();
  }
}
