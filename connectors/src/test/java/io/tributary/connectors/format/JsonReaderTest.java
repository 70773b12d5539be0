package io.tributary.connectors.format;

import static io.tributary.connectors.format.JsonWriterTest.schema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.batch.UnreadFields;
import io.tributary.engine.testing.AllocatorTest;
import io.tributary.engine.testing.OperatorTestDriver;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Field;
import io.tributary.proto.program.TypeKind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class JsonReaderTest extends AllocatorTest {

  private List<List<Object>> read(Schema schema, String... lines) {
    return read(schema, UnreadFields.none(), lines);
  }

  private List<List<Object>> read(Schema schema, UnreadFields unread, String... lines) {
    JsonReader reader = new JsonReader(schema, unread);
    try (BatchBuilder builder = new BatchBuilder(schema, allocator)) {
      for (int i = 0; i < lines.length; i++) {
        reader.read(lines[i], "line " + (i + 1) + " of /data/in.json", builder);
        builder.endRow(0L);
      }
      try (RecordBatch batch = builder.build()) {
        return OperatorTestDriver.rowsOf(batch);
      }
    }
  }

  private List<List<Object>> readBytes(Schema schema, String... lines) {
    return readBytes(schema, UnreadFields.none(), lines);
  }

  private List<List<Object>> readBytes(Schema schema, UnreadFields unread, String... lines) {
    JsonReader reader = new JsonReader(schema, unread);
    try (BatchBuilder builder = new BatchBuilder(schema, allocator)) {
      for (int i = 0; i < lines.length; i++) {
        // The line sits inside a larger array, as in the file source's read buffer.
        byte[] line = lines[i].getBytes(StandardCharsets.UTF_8);
        byte[] buffer = new byte[line.length + 7];
        Arrays.fill(buffer, (byte) '}');
        System.arraycopy(line, 0, buffer, 3, line.length);
        String where = "line " + (i + 1) + " of /data/in.json";
        reader.read(buffer, 3, line.length, () -> where, builder);
        builder.endRow(0L);
      }
      try (RecordBatch batch = builder.build()) {
        return OperatorTestDriver.rowsOf(batch);
      }
    }
  }

  @Test
  void readsUtf8BytesAsItReadsText() {
    Schema schema = schema("id", TypeKind.INT64, "name", TypeKind.UTF8, "ts", TypeKind.TIMESTAMP);
    String[] lines = {
      "{\"id\":1,\"name\":\"plain ascii\",\"ts\":\"2023-10-09T17:13:40.2Z\"}",
      "{\"name\":\"naïve – ünïcode \\u00e9\",\"id\":2}",
      "{\"id\":3,\"name\":\"" + "long ".repeat(80) + "\"}",
      "{\"id\":4,\"id\":5}",
      "{\"name\":\"escaped \\\"quote\\\" and \\n line\"}"
    };
    assertThat(readBytes(schema, lines)).isEqualTo(read(schema, lines)).hasSize(5);
    assertThatThrownBy(() -> readBytes(schema, "{\"id\":1}", "{\"id\":\"abc\"}"))
        .isInstanceOf(BadDataException.class)
        .hasMessage("cannot read line 2 of /data/in.json as JSON: field 'id' expects BIGINT, not \"abc\"");
  }

  @Test
  void theOnePassBytePathReadsWhatTheGeneralPathReads() {
    DataType struct = struct("x", TypeKind.INT32, "s", TypeKind.UTF8);
    Schema schema = schema("id", TypeKind.INT64, "name", TypeKind.UTF8, "ok", TypeKind.BOOLEAN,
        "ts", TypeKind.TIMESTAMP, "small", TypeKind.INT8, "st", struct);
    String[] lines = {
      "{\"id\":1,\"name\":\"a\",\"ok\":true,\"ts\":\"2024-01-01T00:00:00.001Z\",\"small\":-128,\"st\":{\"x\":3,\"s\":\"b\"}}",
      " { \"st\" : { \"s\" : \"\" , \"y\" : [1] } , \"id\" : -9223372036854775808 } ",
      "{\"id\":9223372036854775807,\"ok\":false,\"ts\":1696871620200000000,\"unknown\":\"skip\",\"u2\":-12,\"u3\":null}",
      "{\"st\":null,\"name\":null,\"u\":true,\"u2\":false,\"u3\":{\"deep\":1}}",
      "{}",
      "{\"id\":0,\"name\":\"tab\\tescape\",\"small\":127}",
      "{\"id\":-0,\"name\":\"ünïcode\",\"u\":1.5e3,\"ts\":\"2024-02-30T00:00:00Z\"}"
    };
    assertThat(readBytes(schema, lines)).isEqualTo(read(schema, lines)).hasSize(lines.length);
    for (String bad : List.of("{\"small\":128}", "{\"id\":1.5}", "{\"id\":01}", "{\"id\":1}x", "{\"id\":1,}",
        "{\"id\":99999999999999999999}", "{\"ok\":tru}", "{\"name\":\"unterminated}", "{\"id\":1,\"id\":2}",
        "{\"ts\":\"yesterday\"}", "[1]")) {
      assertThat(outcome(() -> readBytes(schema, bad))).as(bad).isEqualTo(outcome(() -> read(schema, bad)));
    }
  }

  @Test
  void keysRememberedFromTheLastLineAreCheckedByteForByte() {
    DataType struct = struct("a", TypeKind.UTF8, "ab", TypeKind.UTF8);
    Schema schema = schema("id", TypeKind.INT64, "ts", TypeKind.TIMESTAMP, "p", struct, "q", struct);
    String[] lines = {
      "{\"id\":1,\"ts\":\"2024-01-01T00:00:00.000Z\",\"x\":\"skip\",\"p\":{\"a\":\"p1\",\"ab\":\"p2\"}}",
      // the same keys, then others at the remembered positions: a prefix, a longer key, a known
      // field where an unknown one was, an unknown one where a known one was
      "{\"id\":2,\"ts\":\"2024-01-01T00:00:01.5+01:00\",\"x\":\"skip\",\"p\":{\"a\":\"p3\",\"ab\":\"p4\"}}",
      "{\"i\":3,\"tsx\":1,\"id\":3,\"q\":{\"ab\":\"q1\",\"a\":\"q2\"}}",
      "{\"id\":4,\"ts\":7,\"q\":{\"ab\":\"q3\",\"abc\":\"?\",\"a\":\"q4\"}}",
      "{\"x\":5,\"id\":5,\"q\":{\"abc\":\"?\",\"ab\":\"q5\"}}",
      "{\"id\":6,\"p\":{\"a\":\"p5\"},\"q\":{}}",
      // a struct absent for many lines leaves holes in its text fields
      "{\"id\":7}", "{\"id\":8}", "{\"id\":9}", "{\"id\":10,\"q\":{\"a\":\"q6\"}}",
      "{\"id\":11,\"ts\":\"2024-02-29T23:59:59.123456789Z\",\"p\":{\"ab\":\"\"}}",
      "{\"id\":12,\"ts\":\"2023-02-29T00:00:00Z\"}",
      // a timestamp's text repeated, then one that differs in its last digit or its length
      "{\"id\":13,\"ts\":\"2024-02-29T23:59:59.123456789Z\"}", "{\"id\":14,\"ts\":\"2024-02-29T23:59:59.123456789Z\"}",
      "{\"id\":15,\"ts\":\"2024-02-29T23:59:59.123456788Z\"}", "{\"id\":16,\"ts\":\"2024-02-29T23:59:59.12345678Z\"}",
      // text written by the one-pass path, then the line left to the general path (the array)
      "{\"id\":17,\"p\":{\"a\":\"written twice\",\"ab\":\"also\"},\"x\":[1]}", "{\"id\":18,\"p\":{\"a\":\"after\"}}"
    };
    assertThat(readBytes(schema, lines)).isEqualTo(read(schema, lines)).hasSize(lines.length);
  }

  @Test
  void aRowDroppedAsBadDataLeavesNoTextBehind() {
    Schema schema = schema("id", TypeKind.INT64, "p", struct("a", TypeKind.UTF8));
    JsonReader reader = new JsonReader(schema);
    try (BatchBuilder builder = new BatchBuilder(schema, allocator)) {
      for (String line : List.of("{\"p\":{\"a\":\"before\"}}", "{\"p\":{\"a\":\"dropped\"},\"id\":\"abc\"}",
          "{\"p\":{\"a\":\"after\"}}")) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        try {
          reader.read(bytes, 0, bytes.length, () -> "a line", builder);
          builder.endRow(0L);
        } catch (BadDataException e) {
          // as single_file does with bad_data 'drop'
          builder.discardRow();
        }
      }
      try (RecordBatch batch = builder.build()) {
        assertThat(OperatorTestDriver.rowsOf(batch)).extracting(row -> row.get(1).toString())
            .containsExactly("{a=before}", "{a=after}");
      }
    }
  }

  @Test
  void aLineOfManyRowsAfterAnAbsentStructStaysAligned() {
    Schema schema = schema("id", TypeKind.INT64, "st", struct("s", TypeKind.UTF8));
    // more rows than a fresh vector holds, so the offsets grow while the holes are filled
    String[] lines = new String[5000];
    for (int i = 0; i < lines.length; i++) {
      lines[i] = i % 1700 == 1699 ? "{\"id\":" + i + ",\"st\":{\"s\":\"v" + i + "\"}}" : "{\"id\":" + i + "}";
    }
    assertThat(readBytes(schema, lines)).isEqualTo(read(schema, lines)).hasSize(lines.length);
  }

  @Test
  void unreadFieldsStayNullAndTheirValuesGoUnchecked() {
    Schema schema = schema("id", TypeKind.INT64, "st", struct("x", TypeKind.INT32, "s", TypeKind.UTF8),
        "extra", TypeKind.FLOAT64);
    UnreadFields unread = new UnreadFields(java.util.Set.of(List.of(2), List.of(1, 1)));
    String[] lines = {
      "{\"id\":1,\"st\":{\"x\":3,\"s\":\"b\"},\"extra\":2.5}",
      "{\"id\":2,\"st\":{\"x\":4,\"s\":[\"not text\"]},\"extra\":\"not a number\"}",
      // a duplicate key: the tree path
      "{\"id\":3,\"id\":4,\"st\":{\"s\":5},\"extra\":{}}",
      "{\"id\":5,\"st\":{\"x\":\"caf\u00e9\",\"s\":\"caf\u00e9\"}}",
    };
    Map<String, Object> noS = new java.util.HashMap<>();
    noS.put("x", 3);
    noS.put("s", null);
    assertThat(read(schema, unread, lines[0])).containsExactly(Arrays.asList(1L, noS, null));
    assertThat(readBytes(schema, unread, lines[0], lines[1], lines[2]))
        .isEqualTo(read(schema, unread, lines[0], lines[1], lines[2]))
        .extracting(row -> row.get(0)).containsExactly(1L, 2L, 4L);
    assertThat(outcome(() -> readBytes(schema, unread, lines[3])))
        .as("a field read is still checked").isEqualTo(outcome(() -> read(schema, unread, lines[3])))
        .isEqualTo("cannot read line 1 of /data/in.json as JSON: field 'st.x' expects INT, not \"café\"");
  }

  /** A STRUCT of nullable fields, given as name, kind, name, kind, … */
  private static DataType struct(Object... namesAndKinds) {
    DataType.Builder struct = DataType.newBuilder().setKind(TypeKind.STRUCT);
    for (int i = 0; i < namesAndKinds.length; i += 2) {
      struct.addChildren(Field.newBuilder().setName((String) namesAndKinds[i]).setNullable(true)
          .setType(DataType.newBuilder().setKind((TypeKind) namesAndKinds[i + 1])));
    }
    return struct.build();
  }

  /** The rows, or the error's message. */
  private static Object outcome(java.util.function.Supplier<List<List<Object>>> read) {
    try {
      return read.get();
    } catch (BadDataException e) {
      return e.getMessage();
    }
  }

  @Test
  void readsFieldsByNameWithMissingFieldsAsNull() {
    Schema schema = schema("id", TypeKind.INT64, "name", TypeKind.UTF8, "score", TypeKind.FLOAT64, "ok", TypeKind.BOOLEAN);
    assertThat(read(schema,
        "{\"name\":\"a\",\"id\":1,\"score\":2,\"ok\":true,\"extra\":[1]}",
        "{\"id\":2}",
        "{\"id\":null,\"score\":1.5e3}"))
        .containsExactly(
            List.of(1L, "a", 2.0, true),
            Arrays.asList(2L, null, null, null),
            Arrays.asList(null, null, 1500.0, null));
  }

  @Test
  void timestampsFromNanosecondIntegersOrIsoText() {
    Schema schema = schema("ts", TypeKind.TIMESTAMP);
    assertThat(read(schema,
        "{\"ts\":1696871620200000000}",
        "{\"ts\":\"2023-10-09T17:13:40.200\"}",
        "{\"ts\":\"2023-10-09T19:13:40.2+02:00\"}",
        "{\"ts\":\"2023-10-09T17:13:40.2Z\"}",
        "{\"ts\":\"2023-10-09 17:13:40.2\"}"))
        .allSatisfy(row -> assertThat(row).containsExactly(1_696_871_620_200_000_000L));
  }

  @Test
  void readsDecimalsJsonAndNestedValues() {
    var struct = DataType.newBuilder().setKind(TypeKind.STRUCT)
        .addChildren(Field.newBuilder().setName("x").setNullable(true).setType(DataType.newBuilder().setKind(TypeKind.INT32)))
        .build();
    var list = DataType.newBuilder().setKind(TypeKind.LIST)
        .addChildren(Field.newBuilder().setName("item").setNullable(true).setType(DataType.newBuilder().setKind(TypeKind.UTF8)))
        .build();
    Schema schema = schema("d", DataType.newBuilder().setKind(TypeKind.DECIMAL).setPrecision(6).setScale(2).build(),
        "j", TypeKind.JSON, "st", struct, "li", list);
    assertThat(read(schema, "{\"d\":1.5,\"j\":{\"a\":[1, 2]},\"st\":{\"x\":3},\"li\":[\"a\",null]}"))
        .containsExactly(List.of(new BigDecimal("1.50"), "{\"a\":[1,2]}", Map.of("x", 3), Arrays.asList("a", null)));
  }

  @Test
  void typeMismatchNamesLineFieldAndValue() {
    Schema schema = schema("id", TypeKind.INT64);
    assertThatThrownBy(() -> read(schema, "{\"id\":1}", "{\"id\":\"abc\"}"))
        .isInstanceOf(BadDataException.class)
        .hasMessage("cannot read line 2 of /data/in.json as JSON: field 'id' expects BIGINT, not \"abc\"");
    assertThatThrownBy(() -> read(schema, "{\"id\":1.5}"))
        .hasMessageContaining("field 'id' expects BIGINT, not 1.5");
    assertThatThrownBy(() -> read(schema("n", TypeKind.INT8), "{\"n\":300}"))
        .hasMessageContaining("field 'n' expects TINYINT, not 300");
    assertThatThrownBy(() -> read(schema("ts", TypeKind.TIMESTAMP), "{\"ts\":\"soon\"}"))
        .hasMessageContaining("field 'ts' expects TIMESTAMP, not \"soon\"");
  }

  @Test
  void invalidJsonIsBadData() {
    Schema schema = schema("id", TypeKind.INT64);
    assertThatThrownBy(() -> read(schema, "{\"id\":"))
        .isInstanceOf(BadDataException.class)
        .hasMessageStartingWith("cannot read line 1 of /data/in.json as JSON: ");
    assertThatThrownBy(() -> read(schema, "[1,2]"))
        .hasMessage("cannot read line 1 of /data/in.json as JSON: expected an object, not [1,2]");
  }

  @Test
  void writtenRowsReadBack() {
    Schema schema = schema("i", TypeKind.INT32, "f", TypeKind.FLOAT32, "d", TypeKind.FLOAT64,
        "s", TypeKind.UTF8, "ts", TypeKind.TIMESTAMP, "b", TypeKind.BINARY, "date", TypeKind.DATE);
    Object[] values = {5, 320.1f, 0.1, "x\ty", 1_696_871_620_123_456_789L, new byte[] {7}, 19639};
    String line;
    try (BatchBuilder builder = new BatchBuilder(schema, allocator)) {
      builder.addRow(0L, values);
      try (RecordBatch batch = builder.build()) {
        line = JsonWriter.render(batch).getFirst();
      }
    }
    List<Object> back = read(schema, line).getFirst();
    assertThat(back.subList(0, 5)).containsExactly(5, 320.1f, 0.1, "x\ty", 1_696_871_620_123_456_789L);
    assertThat((byte[]) back.get(5)).containsExactly(7);
    assertThat(back.get(6)).isEqualTo(19639);
  }
}
