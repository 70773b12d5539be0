package io.tributary.connectors.format;

import static io.tributary.connectors.format.JsonWriterTest.schema;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.testing.AllocatorTest;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Field;
import io.tributary.proto.program.TypeKind;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class Utf8JsonRowsTest extends AllocatorTest {
  private final Schema schema = schema("event_type", TypeKind.INT32, "ts", TypeKind.TIMESTAMP, "bid",
      DataType.newBuilder().setKind(TypeKind.STRUCT)
          .addChildren(Field.newBuilder().setName("price").setNullable(true).setType(DataType.newBuilder().setKind(TypeKind.INT64)))
          .addChildren(Field.newBuilder().setName("url").setNullable(true).setType(DataType.newBuilder().setKind(TypeKind.UTF8)))
          .build());

  private boolean plain(String line) {
    Utf8JsonRows rows = new Utf8JsonRows(schema.getFields().subList(0, 3));
    try (BatchBuilder builder = new BatchBuilder(schema, allocator)) {
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      boolean read = rows.read(bytes, 0, bytes.length, builder);
      builder.discardRow();
      return read;
    }
  }

  @Test
  void takesGeneratedLinesAndLeavesTheRestToTheGeneralPath() {
    assertThat(plain("{\"event_type\":2,\"ts_ms\":1704067200000,\"ts\":\"2024-01-01T00:00:00.001Z\","
        + "\"bid\":{\"price\":1234,\"url\":\"https://www.nexmark.com/abc/item.htm?query=1\",\"datetime\":\"x\"}}"))
        .isTrue();
    assertThat(plain("{\"bid\":{\"url\":\"caf\u00e9\"}}")).as("non-ASCII text").isFalse();
    assertThat(plain("{\"bid\":{\"url\":\"a\\\"b\"}}")).as("an escape").isFalse();
    assertThat(plain("{\"event_type\":2.0}")).as("a fraction").isFalse();
    assertThat(plain("{\"other\":[1,2]}")).as("an array to skip").isFalse();
    assertThat(new Utf8JsonRows(schema("d", TypeKind.FLOAT64).getFields().subList(0, 1)).usable())
        .as("a DOUBLE column: the general path for every line").isFalse();
  }
}
