package io.tributary.connectors.kafka;

import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.connector.ConnectorException;
import io.tributary.engine.connector.SinkContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A sink's rows as Kafka records for its topic: the value by the table's format, the key the
 * text of the {@code sink.key_field} column (UTF-8; no key when the option is absent or the
 * value null), the timestamp the row's event time in milliseconds, or the {@code sink.timestamp_field}
 * column's.
 */
final class RecordRouter {
  private final String topic;
  private final ValueEncoder values;
  private final OptionalInt keyColumn;
  private final int timestampColumn;

  RecordRouter(SinkContext context, KafkaTable table) {
    this.topic = table.topic();
    this.values = ValueEncoder.of(context);
    this.keyColumn = column(context, "sink.key_field").map(OptionalInt::of).orElse(OptionalInt.empty());
    this.timestampColumn = column(context, "sink.timestamp_field").orElse(context.inputSchema().getFields().size() - 1);
    if (!(context.inputSchema().getFields().get(timestampColumn).getType() instanceof ArrowType.Timestamp)) {
      throw new ConnectorException("option 'sink.timestamp_field' of table " + context.tableName()
          + " names a column that is no TIMESTAMP");
    }
  }

  /** The index of the column an option names. */
  private static java.util.Optional<Integer> column(SinkContext context, String option) {
    return context.options().string(option).map(name -> {
      List<Field> fields = context.inputSchema().getFields();
      for (int i = 0; i < fields.size() - 1; i++) {
        if (fields.get(i).getName().equals(name.trim())) {
          return i;
        }
      }
      throw new ConnectorException("option '" + option + "' of table " + context.tableName() + " names column '"
          + name + "', which the table does not have");
    });
  }

  List<ProducerRecord<byte[], byte[]>> records(RecordBatch batch) {
    List<byte[]> encoded = values.encode(batch);
    FieldVector timestamps = batch.column(timestampColumn);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(encoded.size());
    for (int row = 0; row < encoded.size(); row++) {
      byte[] key = null;
      if (keyColumn.isPresent()) {
        FieldVector column = batch.column(keyColumn.getAsInt());
        key = column.isNull(row) ? null : column.getObject(row).toString().getBytes(StandardCharsets.UTF_8);
      }
      Long millis = timestamps.isNull(row) ? null
          : Math.floorDiv(((TimeStampNanoVector) timestamps).get(row), 1_000_000L);
      // Kafka takes no timestamp before the epoch; the broker then stamps the record itself.
      records.add(new ProducerRecord<>(topic, null, millis != null && millis >= 0 ? millis : null, key,
          encoded.get(row)));
    }
    return records;
  }
}
