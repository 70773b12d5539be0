package io.tributary.connectors.kafka;

import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.connector.ConnectorException;
import io.tributary.engine.connector.SourceContext;
import io.tributary.proto.program.TypeKind;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The metadata a Kafka source offers to {@code METADATA FROM} columns, named as Arroyo names them:
 * {@code offset_id} (BIGINT), {@code partition} (INT), {@code topic} (TEXT), {@code timestamp}
 * (TIMESTAMP, the record's Kafka timestamp; NULL when the record has none) and {@code key}
 * (BYTEA, the record's key as it is; NULL when the record has none).
 */
final class KafkaMetadata {
  static final String OFFSET_ID = "offset_id";
  static final String PARTITION = "partition";
  static final String TOPIC = "topic";
  static final String TIMESTAMP = "timestamp";
  static final String KEY = "key";

  static final Map<String, TypeKind> KEYS = Map.of(
      OFFSET_ID, TypeKind.INT64,
      PARTITION, TypeKind.INT32,
      TOPIC, TypeKind.UTF8,
      TIMESTAMP, TypeKind.TIMESTAMP,
      KEY, TypeKind.BINARY);

  private final Map<Integer, String> columns;

  private KafkaMetadata(Map<Integer, String> columns) {
    this.columns = columns;
  }

  /** The metadata columns of a source's table, each checked to name a key Kafka offers. */
  static KafkaMetadata of(SourceContext context) {
    context.metadataFields().forEach((column, key) -> {
      if (!KEYS.containsKey(key)) {
        throw new ConnectorException("table " + context.tableName() + " reads metadata '" + key
            + "', which kafka does not offer (it offers " + String.join(", ", new TreeSet<>(KEYS.keySet())) + ")");
      }
    });
    return new KafkaMetadata(context.metadataFields());
  }

  /** Sets the metadata columns of the row being built from the record it is read from. */
  void fill(ConsumerRecord<byte[], byte[]> record, BatchBuilder builder) {
    columns.forEach((column, key) -> builder.set(column, value(record, key)));
  }

  private static Object value(ConsumerRecord<byte[], byte[]> record, String key) {
    return switch (key) {
      case OFFSET_ID -> record.offset();
      case PARTITION -> record.partition();
      case TOPIC -> record.topic();
      case TIMESTAMP -> record.timestamp() >= 0 ? record.timestamp() * 1_000_000L : null;
      case KEY -> record.key();
      default -> throw new IllegalStateException("metadata '" + key + "' was checked when the source was made");
    };
  }
}
