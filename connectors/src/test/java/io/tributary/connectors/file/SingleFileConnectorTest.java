package io.tributary.connectors.file;

import static io.tributary.connectors.format.JsonWriterTestSchemas.schema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connectors.Contexts;
import io.tributary.connectors.format.BadDataException;
import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.connector.ConnectorException;
import io.tributary.engine.connector.ConnectorOptions;
import io.tributary.engine.connector.Sink;
import io.tributary.engine.connector.Source;
import io.tributary.engine.connector.SourceContext;
import io.tributary.engine.testing.AllocatorTest;
import io.tributary.engine.testing.OperatorTestDriver;
import io.tributary.engine.time.ManualClock;
import io.tributary.proto.program.TypeKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SingleFileConnectorTest extends AllocatorTest {
  private final ManualClock clock = new ManualClock(42_000L);
  private final SingleFileConnector connector = new SingleFileConnector();
  private final Schema schema = schema("id", TypeKind.INT64, "name", TypeKind.UTF8, "ts", TypeKind.TIMESTAMP);

  @TempDir
  Path dir;

  private List<List<Object>> readAll(Map<String, String> options) {
    List<List<Object>> rows = new ArrayList<>();
    try (Source source = connector.createSource(Contexts.source(schema, options, 0, 1, allocator, clock))) {
      Source.PollResult result;
      do {
        result = source.poll(batch -> {
          try (batch) {
            rows.addAll(OperatorTestDriver.rowsOf(batch));
            assertThat(batch.timestamps().get(0)).isEqualTo(42_000L);
          }
        });
      } while (result == Source.PollResult.MORE);
    }
    return rows;
  }

  @Test
  void metadataColumnsHoldThePathAndTheLineNumber() throws IOException {
    Path file = dir.resolve("rows.json");
    Files.writeString(file, "{\"id\":1,\"line\":99}\n\n{\"id\":2}\n");
    Schema withMetadata = schema("id", TypeKind.INT64, "line", TypeKind.INT64, "file", TypeKind.UTF8);
    List<List<Object>> rows = new ArrayList<>();
    SourceContext context = new SourceContext("job", "source_1", "t",
        new ConnectorOptions("t", Map.of("path", file.toString())), withMetadata, 0, 1, allocator, clock,
        Map.of(1, SingleFileConnector.LINE_METADATA, 2, SingleFileConnector.PATH_METADATA));
    try (Source source = connector.createSource(context)) {
      while (source.poll(batch -> {
        try (batch) {
          rows.addAll(OperatorTestDriver.rowsOf(batch));
        }
      }) == Source.PollResult.MORE) {
        // reads until the file ends
      }
    }
    // The record's own "line" field does not override the metadata; the blank line 2 still counts.
    assertThat(rows).containsExactly(List.of(1L, 1L, file.toString()), List.of(2L, 3L, file.toString()));
  }

  @Test
  void aMetadataKeyTheConnectorDoesNotOfferIsRefused() {
    Schema withMetadata = schema("id", TypeKind.INT64, "offset", TypeKind.INT64);
    SourceContext context = new SourceContext("job", "source_1", "t",
        new ConnectorOptions("t", Map.of("path", dir.resolve("none.json").toString())), withMetadata, 0, 1, allocator,
        clock, Map.of(1, "offset"));
    assertThatThrownBy(() -> connector.createSource(context))
        .hasMessageContaining("table t reads metadata 'offset', which single_file does not offer (it offers line, path)");
  }

  @Test
  void sinkThenSourceRoundTrip() throws IOException {
    Path file = dir.resolve("nested/out/rows.json");
    Sink sink = connector.createSink(Contexts.sink(schema, Map.of("path", file.toString(), "format", "json"), 1,
        allocator, new Contexts.RecordingPreview()));
    try (BatchBuilder builder = new BatchBuilder(schema, allocator)) {
      for (long i = 0; i < 2500; i++) {
        builder.addRow(i, i, "n" + i, 1_696_871_620_000_000_000L + i);
      }
      builder.addRow(0L, null, null, null);
      try (RecordBatch batch = builder.build()) {
        sink.write(batch);
      }
    }
    sink.finish();
    sink.close();
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(2501);
    assertThat(lines.getFirst()).isEqualTo("{\"id\":0,\"name\":\"n0\",\"ts\":\"2023-10-09T17:13:40\"}");
    assertThat(lines.get(1)).isEqualTo("{\"id\":1,\"name\":\"n1\",\"ts\":\"2023-10-09T17:13:40.000000001\"}");

    List<List<Object>> rows = readAll(Map.of("path", file.toString(), "format", "json"));
    assertThat(rows).hasSize(2501);
    assertThat(rows.get(7)).containsExactly(7L, "n7", 1_696_871_620_000_000_007L);
    assertThat(rows.getLast()).containsExactly(null, null, null);
  }

  @Test
  void linesEndWhereTheirNewlineIsWhicheverWayTheyAreParsed() throws IOException {
    Path file = dir.resolve("mixed.json");
    StringBuilder text = new StringBuilder();
    List<List<Object>> expected = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      // plain lines, CRLF, blank lines, escapes and non-ASCII text (the general path), long lines
      String name = switch (i % 7) {
        case 0 -> "n" + i;
        case 1 -> "caf\u00e9 " + i;
        case 2 -> "x".repeat(i % 500);
        default -> "q" + i;
      };
      String json = i % 7 == 3 ? "esc\\\"" + i : name;
      String line = "{\"id\":" + i + ", \"name\":\"" + json + "\" } " + (i % 5 == 0 ? "\r\n" : "\n");
      text.append(line).append(i % 11 == 0 ? "  \n" : "");
      expected.add(Arrays.asList((long) i, i % 7 == 3 ? "esc\"" + i : name, null));
    }
    text.append("{\"id\":-1}");
    expected.add(Arrays.asList(-1L, null, null));
    Files.writeString(file, text.toString());
    assertThat(readAll(Map.of("path", file.toString()))).isEqualTo(expected);
  }

  @Test
  void anObjectSpreadOverTwoLinesIsBadDataOnItsFirstLine() throws IOException {
    Path file = dir.resolve("pretty.json");
    Files.writeString(file, "{\"id\":1}\n{\"id\":2,\n\"name\":\"b\"}\n{\"id\":3}\n");
    assertThatThrownBy(() -> readAll(Map.of("path", file.toString())))
        .isInstanceOf(BadDataException.class)
        .hasMessageStartingWith("cannot read line 2 of " + file + " as JSON");
  }

  @Test
  void badDataFailsNamingTheLineOrIsDropped() throws IOException {
    Path file = dir.resolve("in.json");
    Files.writeString(file, "{\"id\":1}\n\n{\"id\":\"x\"}\n{\"id\":3}\n");
    assertThat(readAll(Map.of("path", file.toString(), "bad_data", "drop")))
        .containsExactly(Arrays.asList(1L, null, null), Arrays.asList(3L, null, null));
    assertThatThrownBy(() -> readAll(Map.of("path", file.toString())))
        .isInstanceOf(BadDataException.class)
        .hasMessage("cannot read line 3 of " + file + " as JSON: field 'id' expects BIGINT, not \"x\"");
  }

  @Test
  void onlyTheFirstSubtaskReads() throws IOException {
    Path file = dir.resolve("in.json");
    Files.writeString(file, "{\"id\":1}\n");
    try (Source source = connector.createSource(
        Contexts.source(schema, Map.of("path", file.toString()), 1, 2, allocator, clock))) {
      assertThat(source.poll(batch -> { throw new AssertionError("read by subtask 1"); }))
          .isEqualTo(Source.PollResult.FINISHED);
    }
  }

  @Test
  void typedErrorsForMissingFilesAndOptions() {
    Path missing = dir.resolve("missing.json");
    assertThatThrownBy(() -> readAll(Map.of("path", missing.toString())))
        .isInstanceOf(ConnectorException.class)
        .hasMessage("cannot open " + missing + " for table t: no such file");
    assertThatThrownBy(() -> readAll(Map.of()))
        .hasMessage("table t needs the option 'path'");
    assertThatThrownBy(() -> readAll(Map.of("path", missing.toString(), "format", "avro")))
        .hasMessage("option 'format' of table t must be one of debezium_json, json, not 'avro'");
    assertThatThrownBy(() -> connector.createSink(Contexts.sink(schema, Map.of("path", missing.toString()), 2,
        allocator, new Contexts.RecordingPreview())))
        .hasMessageContaining("needs parallelism 1, not 2");
  }
}
