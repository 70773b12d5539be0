package io.tributary.connectors.format;

import static io.tributary.connectors.format.JsonWriterTestSchemas.schema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connectors.Contexts;
import io.tributary.connectors.file.SingleFileConnector;
import io.tributary.connectors.preview.PreviewConnector;
import io.tributary.connectors.stdout.StdoutConnector;
import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.connector.ConnectorException;
import io.tributary.engine.connector.Sink;
import io.tributary.engine.testing.AllocatorTest;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Field;
import io.tributary.proto.program.TypeKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The debezium_json format, and which sinks accept updating streams in which format. */
class DebeziumJsonTest extends AllocatorTest {
  private static final long MS = 1_000_000L;
  private static final long T = 1_696_871_620_200L * MS; // 2023-10-09T17:13:40.200

  @TempDir
  Path dir;

  private static final Schema UPDATING = schema(
      "k", TypeKind.UTF8, "n", TypeKind.INT64, "at", TypeKind.TIMESTAMP, "_is_retract", TypeKind.BOOLEAN);
  private static final Schema APPEND = schema("k", TypeKind.UTF8, "at", TypeKind.TIMESTAMP);

  private RecordBatch changes() {
    try (BatchBuilder builder = new BatchBuilder(UPDATING, allocator)) {
      builder.addRow(5L, "a", 1L, T, false)
          .addRow(6L, "a", 1L, T, true)
          .addRow(7L, "a", 2L, -1L, false)
          .addRow(8L, "b\"", null, null, false);
      return builder.build();
    }
  }

  private static final List<String> ENVELOPES = List.of(
      "{\"before\":null,\"after\":{\"k\":\"a\",\"n\":1,\"at\":1696871620200},\"op\":\"c\"}",
      "{\"before\":{\"k\":\"a\",\"n\":1,\"at\":1696871620200},\"after\":null,\"op\":\"d\"}",
      "{\"before\":null,\"after\":{\"k\":\"a\",\"n\":2,\"at\":-1},\"op\":\"c\"}",
      "{\"before\":null,\"after\":{\"k\":\"b\\\"\",\"n\":null,\"at\":null},\"op\":\"c\"}");

  @Test
  void rendersAdditionsAsCreatesAndRetractionsAsDeletesWithEpochMillis() {
    try (RecordBatch batch = changes()) {
      assertThat(DebeziumJsonWriter.render(batch)).containsExactlyElementsOf(ENVELOPES);
    }
  }

  @Test
  void readsWhatTheWriterWritesWithEpochMillisAsTimestamps() {
    DebeziumJsonReader reader = new DebeziumJsonReader(UPDATING);
    try (BatchBuilder builder = new BatchBuilder(UPDATING, allocator)) {
      for (String envelope : ENVELOPES) {
        reader.read(envelope, () -> "a test line", builder, 9L);
      }
      try (RecordBatch batch = builder.build()) {
        assertThat(io.tributary.engine.testing.OperatorTestDriver.rowsOf(batch)).containsExactly(
            java.util.Arrays.asList("a", 1L, T, false), java.util.Arrays.asList("a", 1L, T, true),
            java.util.Arrays.asList("a", 2L, -MS, false), java.util.Arrays.asList("b\"", null, null, false));
      }
    }
  }

  @Test
  void anUpdateRetractsBeforeThenAddsAfterAndABadEnvelopeAddsNothing() {
    DebeziumJsonReader reader = new DebeziumJsonReader(UPDATING);
    try (BatchBuilder builder = new BatchBuilder(UPDATING, allocator)) {
      reader.read("{\"payload\":{\"before\":{\"k\":\"a\",\"n\":1},\"after\":{\"k\":\"a\",\"n\":2},\"op\":\"u\"}}",
          () -> "line 1", builder, 9L);
      assertThatThrownBy(() -> reader.read("{\"before\":null,\"after\":{\"k\":\"a\",\"n\":3},\"op\":\"u\"}",
          () -> "line 2", builder, 9L))
          .isInstanceOf(BadDataException.class)
          .hasMessage("cannot read line 2 as debezium_json: op \"u\" needs \"before\" to be the row object, not null");
      assertThatThrownBy(() -> reader.read("{\"before\":null,\"after\":{\"k\":\"a\",\"n\":\"x\"},\"op\":\"c\"}",
          () -> "line 3", builder, 9L))
          .isInstanceOf(BadDataException.class)
          .hasMessageContaining("line 3 (\"after\")").hasMessageContaining("'n' expects BIGINT");
      assertThatThrownBy(() -> reader.read("{\"op\":\"t\"}", () -> "line 4", builder, 9L))
          .hasMessageContaining("\"op\" must be \"c\", \"r\", \"u\" or \"d\"");
      try (RecordBatch batch = builder.build()) {
        assertThat(io.tributary.engine.testing.OperatorTestDriver.rowsOf(batch)).containsExactly(
            java.util.Arrays.asList("a", 1L, null, true), java.util.Arrays.asList("a", 2L, null, false));
      }
    }
  }

  @Test
  void rendersEveryRowOfAnAppendOnlyStreamAsACreate() {
    try (BatchBuilder builder = new BatchBuilder(APPEND, allocator)) {
      builder.addRow(0L, "x", 2 * MS + 999_999L);
      try (RecordBatch batch = builder.build()) {
        assertThat(DebeziumJsonWriter.render(batch))
            .containsExactly("{\"before\":null,\"after\":{\"k\":\"x\",\"at\":2},\"op\":\"c\"}");
      }
    }
  }

  @Test
  void nestedTimestampsAreEpochMillisToo() {
    DataType struct = DataType.newBuilder().setKind(TypeKind.STRUCT)
        .addChildren(Field.newBuilder().setName("start").setNullable(false)
            .setType(DataType.newBuilder().setKind(TypeKind.TIMESTAMP)))
        .build();
    Schema schema = schema("w", struct, "_is_retract", TypeKind.BOOLEAN);
    try (BatchBuilder builder = new BatchBuilder(schema, allocator)) {
      builder.addRow(0L, Map.of("start", T), true);
      try (RecordBatch batch = builder.build()) {
        assertThat(DebeziumJsonWriter.render(batch))
            .containsExactly("{\"before\":{\"w\":{\"start\":1696871620200}},\"after\":null,\"op\":\"d\"}");
      }
    }
  }

  @Test
  void singleFileSinkWritesEnvelopes() throws Exception {
    Path out = dir.resolve("out.json");
    Sink sink = new SingleFileConnector().createSink(Contexts.sink(UPDATING,
        Map.of("path", out.toString(), "format", "debezium_json"), 1, allocator, new Contexts.RecordingPreview()));
    try (RecordBatch batch = changes()) {
      sink.write(batch);
    }
    sink.finish();
    sink.close();
    assertThat(Files.readAllLines(out)).containsExactlyElementsOf(ENVELOPES);
  }

  @Test
  void stdoutSinkWritesEnvelopes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Sink sink = new StdoutConnector(new PrintStream(bytes, true, StandardCharsets.UTF_8)).createSink(
        Contexts.sink(UPDATING, Map.of("format", "DEBEZIUM_JSON"), 1, allocator, new Contexts.RecordingPreview()));
    try (RecordBatch batch = changes()) {
      sink.write(batch);
    }
    sink.finish();
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(String.join("\n", ENVELOPES) + "\n");
  }

  @Test
  void previewRendersUpdatingRowsAsEnvelopesAndOthersAsJson() {
    Contexts.RecordingPreview preview = new Contexts.RecordingPreview();
    Sink sink = new PreviewConnector().createSink(Contexts.sink(UPDATING, Map.of(), 1, allocator, preview));
    try (RecordBatch batch = changes()) {
      sink.write(batch);
    }
    sink.finish();
    assertThat(preview.rows).containsExactlyElementsOf(ENVELOPES);
    assertThat(preview.timestamps).containsExactly(0L, 0L, 0L, 0L);

    Contexts.RecordingPreview plain = new Contexts.RecordingPreview();
    Sink append = new PreviewConnector().createSink(Contexts.sink(APPEND, Map.of(), 1, allocator, plain));
    try (BatchBuilder builder = new BatchBuilder(APPEND, allocator)) {
      builder.addRow(3_000L, "x", T);
      try (RecordBatch batch = builder.build()) {
        append.write(batch);
      }
    }
    assertThat(plain.rows).containsExactly("{\"k\":\"x\",\"at\":\"2023-10-09T17:13:40.200\"}");
  }

  @Test
  void theJsonFormatRefusesAnUpdatingStreamNamingTheTable() {
    Map<String, String> file = Map.of("path", dir.resolve("x.json").toString());
    assertThatThrownBy(() -> new SingleFileConnector().createSink(
        Contexts.sink(UPDATING, file, 1, allocator, new Contexts.RecordingPreview())))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("table t ")
        .hasMessageContaining("updating")
        .hasMessageContaining("debezium_json");
    assertThatThrownBy(() -> new StdoutConnector().createSink(
        Contexts.sink(UPDATING, Map.of("format", "json"), 1, allocator, new Contexts.RecordingPreview())))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("table t ");
    assertThatThrownBy(() -> new StdoutConnector().createSink(
        Contexts.sink(APPEND, Map.of("format", "avro"), 1, allocator, new Contexts.RecordingPreview())))
        .hasMessageContaining("debezium_json, json");
    assertThatThrownBy(() -> new SingleFileConnector().createSource(Contexts.source(APPEND,
        Map.of("path", "x", "format", "debezium_json"), 0, 1, allocator, System::nanoTime)))
        .hasMessageContaining("whose changes need an updating schema");
  }
}
