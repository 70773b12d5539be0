package io.tributary.connectors.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.testing.AllocatorTest;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Field;
import io.tributary.proto.program.Schema;
import io.tributary.proto.program.TypeKind;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest extends AllocatorTest {

  static org.apache.arrow.vector.types.pojo.Schema schema(Object... nameTypePairs) {
    Schema.Builder schema = Schema.newBuilder();
    for (int i = 0; i < nameTypePairs.length; i += 2) {
      DataType type = nameTypePairs[i + 1] instanceof TypeKind kind
          ? DataType.newBuilder().setKind(kind).build()
          : (DataType) nameTypePairs[i + 1];
      schema.addFields(Field.newBuilder().setName((String) nameTypePairs[i]).setNullable(true).setType(type));
    }
    schema.addFields(Field.newBuilder().setName("_timestamp").setType(DataType.newBuilder().setKind(TypeKind.TIMESTAMP)));
    return ArrowTypes.toArrow(schema.build());
  }

  private List<String> render(org.apache.arrow.vector.types.pojo.Schema schema, Object... values) {
    try (BatchBuilder builder = new BatchBuilder(schema, allocator)) {
      builder.addRow(0L, values);
      try (RecordBatch batch = builder.build()) {
        return JsonWriter.render(batch);
      }
    }
  }

  @Test
  void rendersScalarsLikeArroyo() {
    var schema = schema("b", TypeKind.BOOLEAN, "i", TypeKind.INT32, "l", TypeKind.INT64,
        "u", TypeKind.UINT64, "f", TypeKind.FLOAT32, "d", TypeKind.FLOAT64,
        "dec", DataType.newBuilder().setKind(TypeKind.DECIMAL).setPrecision(6).setScale(2).build(),
        "s", TypeKind.UTF8, "ts", TypeKind.TIMESTAMP, "n", TypeKind.INT64);
    assertThat(render(schema, true, 7, -3L, -1L, 320.1f, 1781.0, new BigDecimal("12.5"), "a\"b\\c\nd",
        1_696_871_620_200_000_000L, null)).containsExactly(
        "{\"b\":true,\"i\":7,\"l\":-3,\"u\":18446744073709551615,\"f\":320.1,\"d\":1781.0,"
            + "\"dec\":12.50,\"s\":\"a\\\"b\\\\c\\nd\",\"ts\":\"2023-10-09T17:13:40.200\",\"n\":null}");
  }

  @Test
  void timestampsUseZeroThreeSixOrNineFractionDigits() {
    var schema = schema("ts", TypeKind.TIMESTAMP);
    long base = 1_696_871_620_000_000_000L;
    assertThat(render(schema, base)).containsExactly("{\"ts\":\"2023-10-09T17:13:40\"}");
    assertThat(render(schema, base + 200_000_000)).containsExactly("{\"ts\":\"2023-10-09T17:13:40.200\"}");
    assertThat(render(schema, base + 200_100_000)).containsExactly("{\"ts\":\"2023-10-09T17:13:40.200100\"}");
    assertThat(render(schema, base + 200_100_001)).containsExactly("{\"ts\":\"2023-10-09T17:13:40.200100001\"}");
    assertThat(render(schema, -1L)).containsExactly("{\"ts\":\"1969-12-31T23:59:59.999999999\"}");
  }

  @Test
  void rendersTemporalBinaryJsonAndNestedValues() {
    var struct = DataType.newBuilder().setKind(TypeKind.STRUCT)
        .addChildren(Field.newBuilder().setName("x").setNullable(true).setType(DataType.newBuilder().setKind(TypeKind.INT64)))
        .build();
    var list = DataType.newBuilder().setKind(TypeKind.LIST)
        .addChildren(Field.newBuilder().setName("item").setNullable(true).setType(DataType.newBuilder().setKind(TypeKind.FLOAT64)))
        .build();
    var schema = schema("date", TypeKind.DATE, "time", TypeKind.TIME, "bin", TypeKind.BINARY,
        "j", TypeKind.JSON, "st", struct, "li", list);
    assertThat(render(schema, 19639, 3_600_500_000_000L, new byte[] {1, (byte) 0xAB}, "{\"k\":[1,2]}",
        Map.of("x", 5L), java.util.Arrays.asList(1.5, null))).containsExactly(
        "{\"date\":\"2023-10-09\",\"time\":\"01:00:00.500\",\"bin\":\"01ab\",\"j\":{\"k\":[1,2]},"
            + "\"st\":{\"x\":5},\"li\":[1.5,null]}");
  }

  @Test
  void rendersStructTimestampsLikeTopLevelOnes() {
    var ts = DataType.newBuilder().setKind(TypeKind.TIMESTAMP).build();
    var window = DataType.newBuilder().setKind(TypeKind.STRUCT)
        .addChildren(Field.newBuilder().setName("start").setType(ts))
        .addChildren(Field.newBuilder().setName("end").setType(ts))
        .build();
    var schema = schema("window", window, "count", TypeKind.INT64);
    long start = 1_696_871_620_000_000_000L;
    java.util.Map<String, Object> value = new java.util.LinkedHashMap<>();
    value.put("start", start);
    value.put("end", start + 10_000_000_000L + 500_000_000L);
    assertThat(render(schema, value, 3L)).containsExactly(
        "{\"window\":{\"start\":\"2023-10-09T17:13:40\",\"end\":\"2023-10-09T17:13:50.500\"},\"count\":3}");
    assertThat(render(schema, null, 0L)).containsExactly("{\"window\":null,\"count\":0}");
  }
}
