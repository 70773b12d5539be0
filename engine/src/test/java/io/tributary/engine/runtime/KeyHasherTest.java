package io.tributary.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.batch.RecordBatch;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;

class KeyHasherTest {
  @Test
  void equalKeysHashEquallyAcrossBatchesAndPartitionsCoverTheRange() {
    var schema = RecordBatch.schemaWithTimestamp(List.of(
        Field.nullable("k", ArrowType.Utf8.INSTANCE), Field.nullable("n", new ArrowType.Int(64, true))));
    try (BufferAllocator allocator = new RootAllocator();
        BatchBuilder builder = new BatchBuilder(schema, allocator)) {
      builder.addRow(0, "a", 1L).addRow(0, "b", 2L).addRow(0, null, null);
      try (RecordBatch first = builder.build()) {
        builder.addRow(0, "x", 9L).addRow(0, "a", 1L);
        try (RecordBatch second = builder.build()) {
          long a1 = KeyHasher.hash(List.of(first.column(0), first.column(1)), 0);
          long a2 = KeyHasher.hash(List.of(second.column(0), second.column(1)), 1);
          long b = KeyHasher.hash(List.of(first.column(0), first.column(1)), 1);
          assertThat(a1).isEqualTo(a2).isNotEqualTo(b);
          KeyHasher.hash(List.of(first.column(0)), 2);
        }
      }
    }
    assertThat(KeyHasher.partition(0L, 4)).isZero();
    int[] counts = new int[4];
    var keySchema = RecordBatch.schemaWithTimestamp(List.of(Field.nullable("n", new ArrowType.Int(64, true))));
    try (BufferAllocator allocator = new RootAllocator();
        BatchBuilder builder = new BatchBuilder(keySchema, allocator)) {
      for (long i = 0; i < 1000; i++) {
        builder.addRow(0, i);
      }
      try (RecordBatch batch = builder.build()) {
        for (int row = 0; row < 1000; row++) {
          counts[KeyHasher.partition(KeyHasher.hash(List.of(batch.column(0)), row), 4)]++;
        }
      }
    }
    for (int count : counts) {
      assertThat(count).isBetween(180, 320);
    }
    assertThat(KeyHasher.partition(-1L, 4)).isEqualTo(3);
    assertThat(KeyHasher.partition(Long.MIN_VALUE, 4)).isEqualTo(2);
  }
}
