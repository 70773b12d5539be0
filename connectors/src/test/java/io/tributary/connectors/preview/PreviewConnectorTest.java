package io.tributary.connectors.preview;

import static io.tributary.connectors.format.JsonWriterTestSchemas.schema;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connectors.Contexts;
import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.connector.Sink;
import io.tributary.proto.program.TypeKind;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class PreviewConnectorTest {
  @Test
  void sendsJsonRowsWithMicrosecondTimestampsAndFinishes() {
    Schema schema = schema("n", TypeKind.INT64, "f", TypeKind.FLOAT64);
    Contexts.RecordingPreview preview = new Contexts.RecordingPreview();
    try (BufferAllocator allocator = new RootAllocator()) {
      Sink sink = new PreviewConnector().createSink(Contexts.sink(schema, Map.of(), 1, allocator, preview));
      try (BatchBuilder builder = new BatchBuilder(schema, allocator)) {
        builder.addRow(5_000L, 1L, 2.0).addRow(7_999L, null, 0.5);
        try (RecordBatch batch = builder.build()) {
          sink.write(batch);
        }
      }
      sink.finish();
      sink.close();
      assertThat(allocator.getAllocatedMemory()).isZero();
    }
    assertThat(preview.rows).containsExactly("{\"n\":1,\"f\":2.0}", "{\"n\":null,\"f\":0.5}");
    assertThat(preview.timestamps).containsExactly(5L, 7L);
    assertThat(preview.finished).isEqualTo(1);
  }
}
