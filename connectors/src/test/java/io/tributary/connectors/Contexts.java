package io.tributary.connectors;

import io.tributary.engine.connector.ConnectorOptions;
import io.tributary.engine.connector.PreviewOutput;
import io.tributary.engine.connector.SinkContext;
import io.tributary.engine.connector.SourceContext;
import io.tributary.engine.time.ProcessingClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/** Connector contexts for tests. */
public final class Contexts {
  private Contexts() {}

  public static SourceContext source(Schema schema, Map<String, String> options, int subtask, int parallelism,
      BufferAllocator allocator, ProcessingClock clock) {
    return new SourceContext("job", "source_1", "t", new ConnectorOptions("t", options), schema, subtask,
        parallelism, allocator, clock);
  }

  public static SinkContext sink(Schema schema, Map<String, String> options, int parallelism,
      BufferAllocator allocator, PreviewOutput preview) {
    return new SinkContext("job", "sink_1", "t", new ConnectorOptions("t", options), schema, 0, parallelism,
        allocator, ProcessingClock.system(), preview);
  }

  /** Records what a preview sink sends. */
  public static final class RecordingPreview implements PreviewOutput {
    public final List<String> rows = new ArrayList<>();
    public final List<Long> timestamps = new ArrayList<>();
    public int finished;

    @Override
    public void rows(List<String> jsonRows, List<Long> timestampsMicros) {
      rows.addAll(jsonRows);
      timestamps.addAll(timestampsMicros);
    }

    @Override
    public void finished() {
      finished++;
    }
  }
}
