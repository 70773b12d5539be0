package io.tributary.connectors.kafka;

import io.tributary.connectors.format.AvroReader;
import io.tributary.connectors.format.BadDataException;
import io.tributary.connectors.format.ConfluentFraming;
import io.tributary.connectors.format.DebeziumJsonReader;
import io.tributary.connectors.format.JsonReader;
import io.tributary.connectors.registry.SchemaRegistryClient;
import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.connector.ConnectorException;
import io.tributary.engine.connector.SourceContext;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import tools.jackson.databind.JsonNode;

/**
 * Turns a Kafka record's value into rows of a source table, by the table's {@code format}:
 * {@code json} (one object per record; with {@code json.confluent_schema_registry = 'true'} after
 * Confluent's 5-byte framing), {@code debezium_json} (a change envelope into an updating table),
 * {@code raw_string} (the whole value as UTF-8 text into the table's one TEXT column), or
 * {@code avro} (Confluent-framed, with the writer's schema from {@code schema_registry.endpoint},
 * see {@link AvroReader}).
 */
sealed interface ValueDecoder {
  /**
   * Appends the rows of one record to the builder, ended with {@code timestampNanos}; {@code metadata}
   * sets the record's metadata columns of each row before it ends (a format whose rows carry none
   * refuses metadata columns when it is made).
   *
   * @throws BadDataException when the value does not match; nothing is appended
   */
  void read(byte[] value, Supplier<String> where, BatchBuilder builder, Consumer<BatchBuilder> metadata,
      long timestampNanos);

  static ValueDecoder of(SourceContext context) {
    String table = context.tableName();
    String format = context.options().choice("format", KafkaTable.FORMATS).orElse("json");
    boolean updating = ArrowTypes.isUpdating(context.outputSchema());
    if (updating != format.equals("debezium_json")) {
      throw new ConnectorException("table " + table + (updating
          ? " is an updating table (with _is_retract), which only format 'debezium_json' can read"
          : " reads format 'debezium_json', whose changes need an updating table"));
    }
    if (updating && !context.metadataFields().isEmpty()) {
      throw new ConnectorException("table " + table + " reads format 'debezium_json', whose rows cannot carry "
          + "metadata columns");
    }
    return switch (format) {
      case "json" -> new Json(new JsonReader(context.outputSchema(), context.unreadFields()),
          context.options().string("json.confluent_schema_registry").map(Boolean::parseBoolean).orElse(false));
      case "debezium_json" -> new Debezium(new DebeziumJsonReader(context.outputSchema()));
      case "raw_string" -> {
        // The value's column is the one the record's metadata does not fill.
        List<Field> fields = context.outputSchema().getFields();
        List<Integer> valueColumns = IntStream.range(0, fields.size() - 1)
            .filter(column -> !context.metadataFields().containsKey(column))
            .boxed()
            .toList();
        if (valueColumns.size() != 1 || !(fields.get(valueColumns.getFirst()).getType() instanceof ArrowType.Utf8)) {
          throw new ConnectorException("table " + table + " reads format 'raw_string', so it has exactly one "
              + "column besides its metadata columns, of type TEXT (e.g. value TEXT), not "
              + valueColumns.stream().map(fields::get).toList());
        }
        yield new RawString(valueColumns.getFirst());
      }
      case "avro" -> new Avro(new AvroReader(context.outputSchema()), SchemaRegistryClient.of(context.options())
          .orElseThrow(() -> new ConnectorException("table " + table + " reads format 'avro', whose values name "
              + "their schema in a registry: it needs the option 'schema_registry.endpoint'")), new HashMap<>());
      default -> throw new ConnectorException("table " + table + " has an unknown format '" + format + "'");
    };
  }

  private static String text(byte[] value) {
    return value == null ? "null" : new String(value, StandardCharsets.UTF_8);
  }

  record Json(JsonReader reader, boolean framed) implements ValueDecoder {
    @Override
    public void read(byte[] value, Supplier<String> where, BatchBuilder builder, Consumer<BatchBuilder> metadata,
        long timestampNanos) {
      byte[] payload = value;
      if (framed && value != null) {
        if (ConfluentFraming.schemaId(value).isEmpty()) {
          throw new BadDataException(where.get() + " does not start with the Confluent schema registry framing "
              + "(json.confluent_schema_registry is set)");
        }
        payload = Arrays.copyOfRange(value, ConfluentFraming.HEADER_LENGTH, value.length);
      }
      reader.read(text(payload), where, builder);
      metadata.accept(builder);
      builder.endRow(timestampNanos);
    }
  }

  record Debezium(DebeziumJsonReader reader) implements ValueDecoder {
    @Override
    public void read(byte[] value, Supplier<String> where, BatchBuilder builder, Consumer<BatchBuilder> metadata,
        long timestampNanos) {
      reader.read(text(value), where, builder, timestampNanos);
    }
  }

  /** Confluent-framed Avro: each value names its writer's schema, fetched once per id. */
  record Avro(AvroReader reader, SchemaRegistryClient registry, Map<Integer, JsonNode> schemas) implements ValueDecoder {
    @Override
    public void read(byte[] value, Supplier<String> where, BatchBuilder builder, Consumer<BatchBuilder> metadata,
        long timestampNanos) {
      int id = ConfluentFraming.schemaId(value == null ? new byte[0] : value).orElseThrow(() -> new BadDataException(
          where.get() + " does not start with the Confluent schema registry framing (format 'avro')"));
      JsonNode schema = schemas.computeIfAbsent(id, key -> AvroReader.parseSchema(registry.schema(key)));
      reader.fill(value, ConfluentFraming.HEADER_LENGTH, schema, where, builder);
      metadata.accept(builder);
      builder.endRow(timestampNanos);
    }
  }

  /** The whole value into the table's one column that is not metadata. */
  record RawString(int column) implements ValueDecoder {
    @Override
    public void read(byte[] value, Supplier<String> where, BatchBuilder builder, Consumer<BatchBuilder> metadata,
        long timestampNanos) {
      builder.set(column, value == null ? null : new String(value, StandardCharsets.UTF_8));
      metadata.accept(builder);
      builder.endRow(timestampNanos);
    }
  }
}
