package io.tributary.engine.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.engine.testing.AllocatorTest;
import io.tributary.engine.testing.OperatorTestDriver;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.Test;

class BatchBuilderTest extends AllocatorTest {
  private final org.apache.arrow.vector.types.pojo.Schema schema = RecordBatch.schemaWithTimestamp(List.of(
      new Field("id", FieldType.nullable(new ArrowType.Int(64, true)), null),
      new Field("name", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));

  @Test
  void batchesOneAfterAnotherEachHoldOnlyTheirRows() {
    try (BatchBuilder builder = new BatchBuilder(schema, allocator)) {
      builder.addRow(1L, 1L, "a");
      builder.set(0, 2L);
      builder.endRow(2L);
      try (RecordBatch first = builder.build()) {
        assertThat(OperatorTestDriver.rowsOf(first)).containsExactly(List.of(1L, "a"), Arrays.asList(2L, null));
      }
      try (RecordBatch empty = builder.build()) {
        assertThat(empty.rowCount()).isZero();
      }
      builder.addRow(3L, null, "c");
      try (RecordBatch second = builder.build()) {
        assertThat(OperatorTestDriver.rowsOf(second)).containsExactly(Arrays.asList(null, "c"));
      }
    }
  }

  @Test
  void closingAfterABuildReleasesEverything() {
    try (BatchBuilder builder = new BatchBuilder(schema, allocator)) {
      builder.addRow(1L, 1L, "a");
      builder.build().close();
    }
  }
}
