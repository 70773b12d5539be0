package io.tributary.connectors.stdout;

import static io.tributary.connectors.format.JsonWriterTestSchemas.schema;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connectors.Contexts;
import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.connector.Sink;
import io.tributary.proto.program.TypeKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class StdoutConnectorTest {
  @Test
  void printsJsonLines() {
    Schema schema = schema("s", TypeKind.UTF8);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (BufferAllocator allocator = new RootAllocator()) {
      Sink sink = new StdoutConnector(new PrintStream(bytes, true, StandardCharsets.UTF_8))
          .createSink(Contexts.sink(schema, Map.of(), 1, allocator, new Contexts.RecordingPreview()));
      try (BatchBuilder builder = new BatchBuilder(schema, allocator)) {
        builder.addRow(0L, "ä").addRow(0L, (Object) null);
        try (RecordBatch batch = builder.build()) {
          sink.write(batch);
        }
      }
      sink.finish();
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("{\"s\":\"ä\"}\n{\"s\":null}\n");
  }
}
