package io.tributary.engine.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.expr.ExpressionCompiler;
import io.tributary.engine.testing.AllocatorTest;
import io.tributary.engine.testing.OperatorTestDriver;
import io.tributary.proto.program.Call;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Expr;
import io.tributary.proto.program.Field;
import io.tributary.proto.program.Literal;
import io.tributary.proto.program.ProjectionOperator;
import io.tributary.proto.program.TypeKind;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class FilterProjectOperatorTest extends AllocatorTest {

  static Schema schema(Object... nameKindPairs) {
    io.tributary.proto.program.Schema.Builder schema = io.tributary.proto.program.Schema.newBuilder();
    for (int i = 0; i < nameKindPairs.length; i += 2) {
      schema.addFields(Field.newBuilder().setName((String) nameKindPairs[i]).setNullable(true)
          .setType(DataType.newBuilder().setKind((TypeKind) nameKindPairs[i + 1])));
    }
    schema.addFields(Field.newBuilder().setName("_timestamp")
        .setType(DataType.newBuilder().setKind(TypeKind.TIMESTAMP)));
    return ArrowTypes.toArrow(schema.build());
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

  @Test
  void filtersProjectsAndCarriesTheTimestamp() {
    Schema input = schema("id", TypeKind.INT64, "name", TypeKind.UTF8);
    Schema output = schema("name", TypeKind.UTF8, "double_id", TypeKind.INT64);
    ProjectionOperator spec = ProjectionOperator.newBuilder()
        .setCondition(call("GREATER_THAN", TypeKind.BOOLEAN, ref(0, TypeKind.INT64), lit(1)))
        .addProjections(call("UPPER", TypeKind.UTF8, ref(1, TypeKind.UTF8)))
        .addProjections(call("TIMES", TypeKind.INT64, ref(0, TypeKind.INT64), lit(2)))
        .build();
    try (OperatorTestDriver driver = OperatorTestDriver.builder(allocator, input)
        .operator("projection_1", new FilterProjectOperator(spec, ExpressionCompiler.shared()), output)
        .build()) {
      try (BatchBuilder builder = new BatchBuilder(input, allocator)) {
        builder.addRow(100L, 1L, "a").addRow(200L, 2L, "b").addRow(300L, 3L, null);
        driver.process(builder.build());
        builder.addRow(400L, 0L, "z");
        driver.process(builder.build());
      }
      assertThat(driver.outputRows()).containsExactly(List.of("B", 4L), java.util.Arrays.asList(null, 6L));
      assertThat(driver.outputTimestamps()).containsExactly(200L, 300L);
      assertThat(driver.outputBatches()).hasSize(1);
    }
  }

  @Test
  void computesTheTimestampWhenTheSpecGivesIt() {
    Schema input = schema("id", TypeKind.INT64, "at", TypeKind.TIMESTAMP);
    Schema output = schema("id", TypeKind.INT64, "at", TypeKind.TIMESTAMP);
    ProjectionOperator spec = ProjectionOperator.newBuilder()
        .addProjections(ref(0, TypeKind.INT64))
        .addProjections(ref(1, TypeKind.TIMESTAMP))
        .setTimestamp(ref(1, TypeKind.TIMESTAMP))
        .build();
    try (OperatorTestDriver driver = OperatorTestDriver.builder(allocator, input)
        .operator("event_time", new FilterProjectOperator(spec, ExpressionCompiler.shared()), output)
        .build()) {
      try (BatchBuilder builder = new BatchBuilder(input, allocator)) {
        builder.addRow(100L, 1L, 7_000L).addRow(200L, 2L, 5_000L);
        driver.process(builder.build());
      }
      assertThat(driver.outputRows()).containsExactly(List.of(1L, 7_000L), List.of(2L, 5_000L));
      assertThat(driver.outputTimestamps()).containsExactly(7_000L, 5_000L);
    }
  }

  @Test
  void movesAnUnfilteredStructColumnThatOtherColumnsAlsoRead() {
    DataType struct = DataType.newBuilder().setKind(TypeKind.STRUCT)
        .addChildren(Field.newBuilder().setName("price").setNullable(true)
            .setType(DataType.newBuilder().setKind(TypeKind.INT64)))
        .addChildren(Field.newBuilder().setName("name").setNullable(true)
            .setType(DataType.newBuilder().setKind(TypeKind.UTF8)))
        .build();
    Field id = Field.newBuilder().setName("id").setNullable(true)
        .setType(DataType.newBuilder().setKind(TypeKind.INT64)).build();
    Field event = Field.newBuilder().setName("event").setNullable(true).setType(struct).build();
    Field doubled = Field.newBuilder().setName("doubled").setNullable(true)
        .setType(DataType.newBuilder().setKind(TypeKind.INT64)).build();
    Field timestamp = Field.newBuilder().setName("_timestamp")
        .setType(DataType.newBuilder().setKind(TypeKind.TIMESTAMP)).build();
    Schema input = ArrowTypes.toArrow(io.tributary.proto.program.Schema.newBuilder()
        .addFields(id).addFields(event).addFields(timestamp).build());
    // The moved column is renamed, as in SELECT event AS renamed: sinks write the batch's names.
    Field renamed = event.toBuilder().setName("renamed").build();
    Schema output = ArrowTypes.toArrow(io.tributary.proto.program.Schema.newBuilder()
        .addFields(renamed).addFields(doubled).addFields(id).addFields(timestamp).build());
    Expr eventRef = ref(1, TypeKind.STRUCT).toBuilder().setType(struct).build();
    Expr price = call("FIELD_ACCESS", TypeKind.INT64, eventRef, Expr.newBuilder()
        .setType(DataType.newBuilder().setKind(TypeKind.UTF8))
        .setLiteral(Literal.newBuilder().setStringValue("price")).build());
    ProjectionOperator spec = ProjectionOperator.newBuilder()
        .addProjections(eventRef)
        .addProjections(call("TIMES", TypeKind.INT64, price, lit(2)))
        .addProjections(ref(0, TypeKind.INT64))
        .build();
    try (OperatorTestDriver driver = OperatorTestDriver.builder(allocator, input)
        .operator("moving", new FilterProjectOperator(spec, ExpressionCompiler.shared()), output)
        .build()) {
      try (BatchBuilder builder = new BatchBuilder(input, allocator)) {
        builder.addRow(100L, 1L, java.util.Map.of("price", 7L, "name", "a")).addRow(200L, 2L, null);
        driver.process(builder.build());
      }
      java.util.Map<String, Object> first = new java.util.LinkedHashMap<>();
      first.put("price", 7L);
      first.put("name", "a");
      assertThat(driver.outputRows())
          .containsExactly(List.of(first, 14L, 1L), java.util.Arrays.asList(null, null, 2L));
      assertThat(driver.outputTimestamps()).containsExactly(100L, 200L);
      assertThat(driver.outputBatches().getFirst().root().getSchema()).isEqualTo(output);
    }
  }

  @Test
  void watermarksPassThrough() {
    Schema input = schema("id", TypeKind.INT64);
    ProjectionOperator spec = ProjectionOperator.newBuilder().addProjections(ref(0, TypeKind.INT64)).build();
    try (OperatorTestDriver driver = OperatorTestDriver.builder(allocator, input)
        .operator("p", new FilterProjectOperator(spec, ExpressionCompiler.shared()), input)
        .build()) {
      driver.watermark(Watermark.eventTime(5));
      assertThat(driver.outputWatermarks()).containsExactly(Watermark.eventTime(5));
    }
  }

  @Test
  void evaluationErrorsNameTheOperator() {
    Schema input = schema("id", TypeKind.INT64);
    ProjectionOperator spec = ProjectionOperator.newBuilder()
        .addProjections(call("DIVIDE", TypeKind.INT64, lit(1), ref(0, TypeKind.INT64)))
        .build();
    try (OperatorTestDriver driver = OperatorTestDriver.builder(allocator, input)
        .operator("projection_7", new FilterProjectOperator(spec, ExpressionCompiler.shared()), input)
        .build()) {
      RecordBatch batch;
      try (BatchBuilder builder = new BatchBuilder(input, allocator)) {
        batch = builder.addRow(1L, 0L).build();
      }
      assertThatThrownBy(() -> driver.process(batch))
          .isInstanceOf(OperatorException.class)
          .hasMessage("division by zero in (1 / id)")
          .satisfies(e -> assertThat(((OperatorException) e).operatorId()).isEqualTo("projection_7"));
      assertThat(batch.isClosed()).isTrue();
    }
  }

  @Test
  void projectionCountMustMatchTheOutputSchema() {
    Schema input = schema("id", TypeKind.INT64);
    ProjectionOperator spec = ProjectionOperator.newBuilder().build();
    assertThatThrownBy(() -> OperatorTestDriver.builder(allocator, input)
        .operator("p", new FilterProjectOperator(spec, ExpressionCompiler.shared()), input)
        .build())
        .isInstanceOf(OperatorException.class)
        .hasMessageContaining("0 expressions but its output schema has 1 columns");
  }
}
