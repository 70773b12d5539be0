package io.tributary.connectors.preview;

import io.tributary.connectors.format.DebeziumJsonWriter;
import io.tributary.connectors.format.JsonWriter;
import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.connector.Connector;
import io.tributary.engine.connector.Sink;
import io.tributary.engine.connector.SinkContext;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.TimeStampNanoVector;

/**
 * {@code preview}: the sink a preview pipeline writes to instead of its real sinks. Rows are
 * rendered in the json format and handed to the job's listener with their event times; the rows
 * of an updating stream are rendered as debezium_json change envelopes
 * ({@link DebeziumJsonWriter}) instead.
 */
public final class PreviewConnector implements Connector {
  @Override
  public String name() {
    return "preview";
  }

  @Override
  public Sink createSink(SinkContext context) {
    boolean updating = ArrowTypes.isUpdating(context.inputSchema());
    return new Sink() {
      @Override
      public void write(RecordBatch batch) {
        if (batch.rowCount() == 0) {
          return;
        }
        List<String> rows = updating ? DebeziumJsonWriter.render(batch) : JsonWriter.render(batch);
        TimeStampNanoVector times = batch.timestamps();
        List<Long> micros = new ArrayList<>(batch.rowCount());
        for (int row = 0; row < batch.rowCount(); row++) {
          micros.add(Math.floorDiv(times.get(row), 1_000L));
        }
        context.preview().rows(rows, micros);
      }

      @Override
      public void finish() {
        context.preview().finished();
      }
    };
  }
}
