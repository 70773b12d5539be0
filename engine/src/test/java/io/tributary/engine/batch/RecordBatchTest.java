package io.tributary.engine.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.engine.testing.OperatorTestDriver;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecordBatchTest {
  private final BufferAllocator root = new RootAllocator();

  @AfterEach
  void tearDown() {
    assertThat(root.getAllocatedMemory()).isZero();
    root.close();
  }

  private static Schema schema() {
    Field struct = new Field("s", FieldType.nullable(ArrowType.Struct.INSTANCE), List.of(
        Field.nullable("a", new ArrowType.Int(64, true)), Field.nullable("b", ArrowType.Utf8.INSTANCE)));
    Field list = new Field("l", FieldType.nullable(ArrowType.List.INSTANCE), List.of(
        Field.nullable("item", new ArrowType.Int(32, true))));
    return RecordBatch.schemaWithTimestamp(List.of(Field.nullable("name", ArrowType.Utf8.INSTANCE), struct, list));
  }

  /** Rows at times 1, 2 and 3: nested values, then all NULLs, then an empty list. */
  private static RecordBatch threeRows(BufferAllocator allocator) {
    try (BatchBuilder builder = new BatchBuilder(schema(), allocator)) {
      builder.addRow(1L, "x", Map.of("a", 1L, "b", "one"), List.of(1, 2));
      builder.addRow(2L, null, null, null);
      builder.addRow(3L, "z", Map.of("a", 3L, "b", "three"), List.of());
      return builder.build();
    }
  }

  @Test
  void buildsTakesAndTransfersNestedRows() {
    try (BufferAllocator a = root.newChildAllocator("a", 0, Long.MAX_VALUE);
        BufferAllocator b = root.newChildAllocator("b", 0, Long.MAX_VALUE)) {
      RecordBatch batch = threeRows(a);
      try (RecordBatch taken = batch.take(new int[] {2, 0}, 2, a)) {
        assertThat(OperatorTestDriver.rowsOf(taken)).containsExactly(
            List.of("z", Map.of("a", 3L, "b", "three"), List.of()),
            List.of("x", Map.of("a", 1L, "b", "one"), List.of(1, 2)));
      }
      RecordBatch moved = batch.transferTo(b);
      assertThat(batch.isClosed()).isTrue();
      assertThat(a.getAllocatedMemory()).isZero();
      assertThat(b.getAllocatedMemory()).isPositive();
      try (moved) {
        assertThat(moved.rowCount()).isEqualTo(3);
        assertThat(OperatorTestDriver.rowsOf(moved).get(1)).containsOnlyNulls();
        assertThat(moved.timestamps().get(2)).isEqualTo(3L);
      }
    }
  }

  @Test
  void sharesNestedRowsWithoutCopyingAndEitherSideClosesFirst() {
    try (BufferAllocator a = root.newChildAllocator("a", 0, Long.MAX_VALUE);
        BufferAllocator b = root.newChildAllocator("b", 0, Long.MAX_VALUE)) {
      RecordBatch batch = threeRows(a);
      long before = a.getAllocatedMemory() + b.getAllocatedMemory();
      RecordBatch shared = batch.share(b);
      // The same buffers, counted once: a copy would have doubled the memory held (Arrow may still
      // allocate a few bytes of its own, e.g. an offset buffer it cannot slice).
      assertThat(a.getAllocatedMemory() + b.getAllocatedMemory()).isLessThan(before + before / 10);
      assertThat(batch.isClosed()).isFalse();
      List<List<Object>> rows = OperatorTestDriver.rowsOf(batch);
      batch.close();
      try (shared) {
        assertThat(OperatorTestDriver.rowsOf(shared)).isEqualTo(rows);
        assertThat(shared.timestamps().get(2)).isEqualTo(3L);
        try (RecordBatch again = shared.share(a)) {
          shared.close();
          assertThat(OperatorTestDriver.rowsOf(again)).isEqualTo(rows);
        }
      }
    }
  }

  @Test
  void requiresTheTrailingTimestamp() {
    Schema noTimestamp = new Schema(List.of(Field.nullable("x", new ArrowType.Int(64, true))));
    assertThatThrownBy(() -> RecordBatch.empty(noTimestamp, root))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("_timestamp");
  }
}
