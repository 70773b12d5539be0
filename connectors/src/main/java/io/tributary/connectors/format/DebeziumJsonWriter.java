package io.tributary.connectors.format;

import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.batch.RecordBatch;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BitVector;

/**
 * Renders rows as Debezium change envelopes (the {@code debezium_json} format): an added row as
 * {@code {"before":null,"after":{…},"op":"c"}}, a retracted row ({@code _is_retract} true) as
 * {@code {"before":{…},"after":null,"op":"d"}}. The row objects are rendered as the json format
 * renders them, except that TIMESTAMP values (nested ones too) are integer milliseconds since the
 * epoch; {@code _is_retract} and {@code _timestamp} never appear. A stream that is not updating
 * renders every row as "c".
 *
 * <p>Updates are deliberately not paired into {@code "op":"u"}: a sink does not know the key of
 * its rows, and a retraction followed by an addition may belong to different keys (a filter may
 * have dropped either half of a pair), so each change stays its own exact "d" or "c". Applying
 * the envelopes in order (delete the {@code before} row, insert the {@code after} row) rebuilds
 * the table.
 */
public final class DebeziumJsonWriter {
  private DebeziumJsonWriter() {}

  /** One envelope per row of the batch. */
  public static List<String> render(RecordBatch batch) {
    boolean updating = ArrowTypes.isUpdating(batch.schema());
    int columns = batch.columnCount() - (updating ? 2 : 1);
    BitVector retracts = updating ? (BitVector) batch.column(columns) : null;
    List<String> rows = new ArrayList<>(batch.rowCount());
    StringBuilder out = new StringBuilder(192);
    for (int row = 0; row < batch.rowCount(); row++) {
      out.setLength(0);
      boolean retract = retracts != null && !retracts.isNull(row) && retracts.get(row) != 0;
      if (retract) {
        out.append("{\"before\":");
        JsonWriter.renderRow(batch, row, columns, true, out);
        out.append(",\"after\":null,\"op\":\"d\"}");
      } else {
        out.append("{\"before\":null,\"after\":");
        JsonWriter.renderRow(batch, row, columns, true, out);
        out.append(",\"op\":\"c\"}");
      }
      rows.add(out.toString());
    }
    return rows;
  }
}
