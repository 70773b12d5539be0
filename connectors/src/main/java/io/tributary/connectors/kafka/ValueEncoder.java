package io.tributary.connectors.kafka;

import io.tributary.connectors.format.AvroSchemas;
import io.tributary.connectors.format.AvroWriter;
import io.tributary.connectors.format.ConfluentFraming;
import io.tributary.connectors.format.SinkFormat;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.connector.ConnectorException;
import io.tributary.engine.connector.SinkContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Turns a sink's rows into Kafka record values by the table's {@code format}: {@code json} and
 * {@code debezium_json} as the file sinks write them ({@link SinkFormat}), {@code raw_string}
 * (the one TEXT column's UTF-8 bytes), or {@code avro} (binary Avro, see {@link AvroSchemas}).
 * With a schema registry ({@code schema_registry.endpoint}), {@code avro} and {@code json} with
 * {@code json.confluent_schema_registry = 'true'} values carry Confluent's framing with the id of
 * the sink's schema, registered under {@code <topic>-value}; Avro without a registry is written
 * as bare Avro datums.
 */
sealed interface ValueEncoder {
  /** The value of each row of the batch, in order. */
  List<byte[]> encode(RecordBatch batch);

  static ValueEncoder of(SinkContext context) {
    String format = context.options().choice("format", KafkaTable.FORMATS).orElse("json");
    byte[] header = SchemaRegistration.forSink(context.options(), context.inputSchema())
        .map(registration -> ConfluentFraming.header(registration.register()))
        .orElse(new byte[0]);
    return switch (format) {
      case "avro" -> new Avro(new AvroWriter(context.tableName(), context.inputSchema()), header);
      case "raw_string" -> {
        List<org.apache.arrow.vector.types.pojo.Field> fields = context.inputSchema().getFields();
        if (fields.size() != 2 || !(fields.getFirst().getType() instanceof ArrowType.Utf8)) {
          throw new ConnectorException("table " + context.tableName() + " writes format 'raw_string', so it takes "
              + "exactly one TEXT column, not " + fields.subList(0, fields.size() - 1));
        }
        yield new RawString();
      }
      default -> new Text(SinkFormat.of(context), header);
    };
  }

  record Text(SinkFormat format, byte[] header) implements ValueEncoder {
    @Override
    public List<byte[]> encode(RecordBatch batch) {
      List<byte[]> values = new ArrayList<>(batch.rowCount());
      for (String row : format.render(batch)) {
        byte[] text = row.getBytes(StandardCharsets.UTF_8);
        if (header.length == 0) {
          values.add(text);
        } else {
          byte[] framed = new byte[header.length + text.length];
          System.arraycopy(header, 0, framed, 0, header.length);
          System.arraycopy(text, 0, framed, header.length, text.length);
          values.add(framed);
        }
      }
      return values;
    }
  }

  record Avro(AvroWriter writer, byte[] header) implements ValueEncoder {
    @Override
    public List<byte[]> encode(RecordBatch batch) {
      List<byte[]> values = new ArrayList<>(batch.rowCount());
      for (int row = 0; row < batch.rowCount(); row++) {
        values.add(writer.encode(batch, row, header));
      }
      return values;
    }
  }

  record RawString() implements ValueEncoder {
    @Override
    public List<byte[]> encode(RecordBatch batch) {
      FieldVector column = batch.column(0);
      List<byte[]> values = new ArrayList<>(batch.rowCount());
      for (int row = 0; row < batch.rowCount(); row++) {
        values.add(column.isNull(row) ? null : column.getObject(row).toString().getBytes(StandardCharsets.UTF_8));
      }
      return values;
    }
  }
}
