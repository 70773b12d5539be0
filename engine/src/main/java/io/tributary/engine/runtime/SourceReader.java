package io.tributary.engine.runtime;

import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.connector.Source;
import io.tributary.engine.state.Stateful;
import io.tributary.proto.program.TypeKind;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Polls a connector's source and sets each row's {@code _timestamp} from the table's event
 * time column when the table declares one.
 */
final class SourceReader implements AutoCloseable {
  private final Source source;
  private final Optional<Integer> eventTimeField;
  private final String tableName;
  private final Schema schema;

  SourceReader(Source source, Optional<Integer> eventTimeField, String tableName, Schema schema) {
    this.source = source;
    this.eventTimeField = eventTimeField;
    this.tableName = tableName;
    this.schema = schema;
    eventTimeField.ifPresent(index -> {
      if (index < 0 || index >= schema.getFields().size() - 1
          || ArrowTypes.kindOf(schema.getFields().get(index)) != TypeKind.TIMESTAMP) {
        throw new IllegalArgumentException(
            "the event time column of table " + tableName + " (column " + index
                + ") must be a TIMESTAMP column of " + schema);
      }
    });
  }

  /** The source's read position, when it keeps one. */
  Optional<Stateful> state() {
    return source instanceof Stateful stateful ? Optional.of(stateful) : Optional.empty();
  }

  Source.PollResult poll(Consumer<RecordBatch> output) {
    return source.poll(batch -> output.accept(withEventTime(batch)));
  }

  private RecordBatch withEventTime(RecordBatch batch) {
    if (eventTimeField.isEmpty()) {
      return batch;
    }
    try {
      TimeStampNanoVector times = (TimeStampNanoVector) batch.column(eventTimeField.get());
      TimeStampNanoVector target = batch.timestamps();
      for (int row = 0; row < batch.rowCount(); row++) {
        if (times.isNull(row)) {
          throw new IllegalStateException(
              "row " + row + " of a batch from table " + tableName + " has a NULL event time in column '"
                  + schema.getFields().get(eventTimeField.get()).getName() + "'");
        }
        target.set(row, times.get(row));
      }
      return batch;
    } catch (RuntimeException e) {
      batch.close();
      throw e;
    }
  }

  @Override
  public void close() {
    source.close();
  }
}
