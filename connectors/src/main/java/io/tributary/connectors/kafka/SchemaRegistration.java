package io.tributary.connectors.kafka;

import static java.util.Objects.requireNonNull;

import io.tributary.connectors.format.AvroSchemas;
import io.tributary.connectors.format.JsonSchemas;
import io.tributary.connectors.registry.SchemaRegistryClient;
import io.tributary.connectors.registry.SchemaRegistryClient.SchemaType;
import io.tributary.engine.connector.ConnectorException;
import io.tributary.engine.connector.ConnectorOptions;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The schema a Kafka sink registers with its schema registry: the Avro schema ({@code format =
 * 'avro'}) or JSON Schema ({@code format = 'json'} with {@code json.confluent_schema_registry =
 * 'true'}) of its columns, under the subject {@code <topic>-value} (or {@code value.subject}). Pipeline creation registers
 * it (so that a registry's refusal is a clear error then), and the sink registers it again when it
 * starts to learn the id it frames its values with (the registry answers the existing id).
 */
public record SchemaRegistration(SchemaRegistryClient registry, String subject, SchemaType type, String schema) {
  public SchemaRegistration {
    requireNonNull(registry, "registry is null");
    requireNonNull(subject, "subject is null");
    requireNonNull(type, "type is null");
    requireNonNull(schema, "schema is null");
  }

  /**
   * What a Kafka sink table with these options and input columns registers; empty when its
   * format needs no registry or none is configured.
   *
   * @throws ConnectorException naming the table when the options or columns do not allow it
   */
  public static Optional<SchemaRegistration> forSink(ConnectorOptions options, Schema schema) {
    String format = options.choice("format", KafkaTable.FORMATS).orElse("json");
    boolean jsonFramed = options.string("json.confluent_schema_registry").map(Boolean::parseBoolean).orElse(false);
    Optional<SchemaRegistryClient> registry = SchemaRegistryClient.of(options);
    if (format.equals("json") && jsonFramed && registry.isEmpty()) {
      throw new ConnectorException("table " + options.tableName() + " sets json.confluent_schema_registry and "
          + "needs the option 'schema_registry.endpoint'");
    }
    if (registry.isEmpty() || !(format.equals("avro") || (format.equals("json") && jsonFramed))) {
      return Optional.empty();
    }
    String subject = options.string("value.subject").map(String::trim)
        .orElseGet(() -> SchemaRegistryClient.valueSubject(options.requireString("topic").trim()));
    return Optional.of(format.equals("avro")
        ? new SchemaRegistration(registry.get(), subject, SchemaType.AVRO,
            AvroSchemas.avroSchema(options.tableName(), schema))
        : new SchemaRegistration(registry.get(), subject, SchemaType.JSON,
            JsonSchemas.jsonSchema(options.tableName(), schema)));
  }

  /** Registers the schema; answers its id. */
  public int register() {
    return registry.register(subject, type, schema);
  }
}
