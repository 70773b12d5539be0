package io.tributary.connectors.format;

import static io.tributary.connectors.format.JsonWriterTest.schema;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.batch.UnreadFields;
import io.tributary.engine.testing.AllocatorTest;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Field;
import io.tributary.proto.program.TypeKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class Utf8JsonRowsTest extends AllocatorTest {
  private final Schema schema = schema("event_type", TypeKind.INT32, "ts", TypeKind.TIMESTAMP, "bid",
      DataType.newBuilder().setKind(TypeKind.STRUCT)
          .addChildren(Field.newBuilder().setName("price").setNullable(true).setType(DataType.newBuilder().setKind(TypeKind.INT64)))
          .addChildren(Field.newBuilder().setName("url").setNullable(true).setType(DataType.newBuilder().setKind(TypeKind.UTF8)))
          .build());

  private boolean plain(String line) {
    return plain(line, UnreadFields.none());
  }

  private boolean plain(String line, UnreadFields unread) {
    Utf8JsonRows rows = new Utf8JsonRows(schema.getFields().subList(0, 3), unread);
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
    assertThat(plain("{\"other\":[1,2]}")).as("an array to skip").isTrue();
    assertThat(new Utf8JsonRows(schema("d", TypeKind.FLOAT64).getFields().subList(0, 1), UnreadFields.none()).usable())
        .as("a DOUBLE column: the general path for every line").isFalse();
    assertThat(new Utf8JsonRows(schema("d", TypeKind.FLOAT64).getFields().subList(0, 1),
        new UnreadFields(Set.of(List.of(0)))).usable())
        .as("an unread DOUBLE column is skipped, whatever its kind").isTrue();
  }

  @Test
  void skipsUnreadValuesOfAnyShapeButOnlyInJsonGrammar() {
    UnreadFields bid = new UnreadFields(Set.of(List.of(2)));
    String[] skippable = {
      "{\"bid\":{\"url\":\"a\\\"b \\u00e9 \\n\",\"price\":1.5e-3,\"n\":[1,{\"x\":[]},null,true],\"o\":{}}}",
      "{\"bid\":[ -0 , 0.25 , 2E+7 , \"\" ]}",
      "{\"event_type\":2,\"bid\":\"not even a struct\"}",
    };
    for (String line : skippable) {
      assertThat(plain(line, bid)).as(line).isTrue();
      assertThat(plain(line)).as("read, " + line).isFalse();
    }
    String[] notJson = {
      "{\"bid\":{\"a\":[1,]}}",
      "{\"bid\":{\"a\":01}}",
      "{\"bid\":{\"a\":1.}}",
      "{\"bid\":{\"a\":-}}",
      "{\"bid\":\"bad \\x escape\"}",
      "{\"bid\":\"\\u12G4\"}",
      "{\"bid\":{\"a\" 1}}",
      "{\"bid\":{\"a\":1}",
      "{\"bid\":{\"a\":tru}}",
      "{\"bid\":\"caf\u00e9\"}",
      "{\"bid\":" + "[".repeat(300) + "]".repeat(300) + "}",
    };
    for (String line : notJson) {
      assertThat(plain(line, bid)).as("left to the general path: " + line).isFalse();
    }
  }

  @Test
  void anUnreadStructFieldIsSkippedTheOthersRead() {
    UnreadFields url = new UnreadFields(Set.of(List.of(2, 1)));
    assertThat(plain("{\"bid\":{\"price\":3,\"url\":[\"x\"]}}", url)).isTrue();
    assertThat(plain("{\"bid\":{\"price\":3.5,\"url\":\"x\"}}", url)).as("a fraction in a read field").isFalse();
  }
}
