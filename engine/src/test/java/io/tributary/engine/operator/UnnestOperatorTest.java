package io.tributary.engine.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.testing.AllocatorTest;
import io.tributary.engine.testing.OperatorTestDriver;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Field;
import io.tributary.proto.program.TypeKind;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class UnnestOperatorTest extends AllocatorTest {

  private static Field field(String name, TypeKind kind) {
    return Field.newBuilder().setName(name).setNullable(true).setType(DataType.newBuilder().setKind(kind)).build();
  }

  private static final Field TAGS = Field.newBuilder().setName("tags").setNullable(true)
      .setType(DataType.newBuilder().setKind(TypeKind.LIST).addChildren(field("item", TypeKind.UTF8))).build();

  private static Schema schema(Field... fields) {
    return ArrowTypes.toArrow(io.tributary.proto.program.Schema.newBuilder().addAllFields(List.of(fields))
        .addFields(Field.newBuilder().setName("_timestamp").setType(DataType.newBuilder().setKind(TypeKind.TIMESTAMP)))
        .build());
  }

  private static final Schema INPUT = schema(field("id", TypeKind.INT64), TAGS);

  private OperatorTestDriver driver(io.tributary.proto.program.UnnestOperator spec, Schema input, Schema output) {
    return OperatorTestDriver.builder(allocator, input)
        .operator("unnest_1", new UnnestOperator(spec), output)
        .build();
  }

  @Test
  void emitsOneRowPerElementWithTheRowsTimestampAndNothingForNullOrEmptyLists() {
    var spec = io.tributary.proto.program.UnnestOperator.newBuilder().setListField(1).addCarriedFields(0)
        .setElementIndex(1).build();
    try (OperatorTestDriver driver = driver(spec, INPUT, schema(field("id", TypeKind.INT64), field("tag", TypeKind.UTF8)))) {
      try (BatchBuilder rows = new BatchBuilder(INPUT, allocator)) {
        rows.addRow(100L, 1L, List.of("a", "b"))
            .addRow(200L, 2L, null)
            .addRow(300L, 3L, List.of())
            .addRow(400L, 4L, Arrays.asList("c", null));
        driver.process(rows.build());
        rows.addRow(500L, 5L, List.of());
        driver.process(rows.build());
      }
      assertThat(driver.outputRows()).containsExactly(
          List.of(1L, "a"), List.of(1L, "b"), List.of(4L, "c"), Arrays.asList(4L, null));
      assertThat(driver.outputTimestamps()).containsExactly(100L, 100L, 400L, 400L);
      // A batch that unnests to nothing emits nothing.
      assertThat(driver.outputBatches()).hasSize(1);
    }
  }

  @Test
  void placesTheElementWhereAskedAndCarriesRetractionsLast() {
    Field retract = Field.newBuilder().setName("_is_retract").setType(DataType.newBuilder().setKind(TypeKind.BOOLEAN))
        .build();
    Schema input = schema(TAGS, field("id", TypeKind.INT64), retract);
    var spec = io.tributary.proto.program.UnnestOperator.newBuilder().setListField(0).addCarriedFields(1)
        .addCarriedFields(0).addCarriedFields(2).setElementIndex(0).build();
    Schema output = schema(field("tag", TypeKind.UTF8), field("id", TypeKind.INT64), TAGS, retract);
    try (OperatorTestDriver driver = driver(spec, input, output)) {
      try (BatchBuilder rows = new BatchBuilder(input, allocator)) {
        rows.addRow(7L, List.of("x", "y"), 1L, false).addRow(8L, List.of("x"), 1L, true);
        driver.process(rows.build());
      }
      assertThat(driver.outputRows()).containsExactly(
          List.of("x", 1L, List.of("x", "y"), false),
          List.of("y", 1L, List.of("x", "y"), false),
          List.of("x", 1L, List.of("x"), true));
      assertThat(driver.outputTimestamps()).containsExactly(7L, 7L, 8L);
    }
  }

  @Test
  void zipsSeveralListsPaddingTheShorterWithNulls() {
    Field scores = Field.newBuilder().setName("scores").setNullable(true)
        .setType(DataType.newBuilder().setKind(TypeKind.LIST).addChildren(field("item", TypeKind.INT64))).build();
    Schema input = schema(field("id", TypeKind.INT64), TAGS, scores);
    var spec = io.tributary.proto.program.UnnestOperator.newBuilder().setListField(1).addZippedListFields(2)
        .addCarriedFields(0).setElementIndex(1).build();
    Schema output = schema(field("id", TypeKind.INT64), field("tag", TypeKind.UTF8), field("score", TypeKind.INT64));
    try (OperatorTestDriver driver = driver(spec, input, output)) {
      try (BatchBuilder rows = new BatchBuilder(input, allocator)) {
        rows.addRow(100L, 1L, List.of("a", "b", "c"), List.of(10L))
            .addRow(200L, 2L, null, List.of(20L, 21L))
            .addRow(300L, 3L, List.of(), null)
            .addRow(400L, 4L, List.of("d"), List.of(40L));
        driver.process(rows.build());
      }
      assertThat(driver.outputRows()).containsExactly(
          List.of(1L, "a", 10L), Arrays.asList(1L, "b", null), Arrays.asList(1L, "c", null),
          Arrays.asList(2L, null, 20L), Arrays.asList(2L, null, 21L),
          List.of(4L, "d", 40L));
      assertThat(driver.outputTimestamps()).containsExactly(100L, 100L, 100L, 200L, 200L, 400L);
    }
  }
}
