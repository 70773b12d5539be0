package io.tributary.engine.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.engine.testing.OperatorTestDriver;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.Test;

class ArrowIpcTest {
  @Test
  void batchesRoundTripThroughIpcBytes() {
    var schema = RecordBatch.schemaWithTimestamp(List.of(
        Field.nullable("name", ArrowType.Utf8.INSTANCE),
        new Field("s", FieldType.nullable(ArrowType.Struct.INSTANCE),
            List.of(Field.nullable("a", new ArrowType.Int(64, true))))));
    try (BufferAllocator allocator = new RootAllocator()) {
      byte[] bytes;
      try (BatchBuilder builder = new BatchBuilder(schema, allocator)) {
        builder.addRow(5L, "x", Map.of("a", 1L)).addRow(6L, null, null);
        try (RecordBatch batch = builder.build()) {
          bytes = ArrowIpc.serialize(batch);
        }
      }
      try (RecordBatch back = ArrowIpc.deserialize(bytes, allocator)) {
        assertThat(back.schema()).isEqualTo(schema);
        assertThat(OperatorTestDriver.rowsOf(back)).containsExactly(
            List.of("x", Map.of("a", 1L)), java.util.Arrays.asList(null, null));
        assertThat(back.timestamps().get(1)).isEqualTo(6L);
      }
      assertThat(allocator.getAllocatedMemory()).isZero();
    }
  }
}
