package io.tributary.connectors.kafka;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.connector.ConnectorException;
import io.tributary.engine.connector.ConnectorOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a Kafka table's options say about reaching its topic: {@code bootstrap_servers},
 * {@code topic}, and {@code client_configs} ({@code key=value} pairs separated by commas or
 * newlines, passed to the Kafka clients as they are, after Tributary's own settings so that they
 * can override them).
 */
record KafkaTable(String tableName, String bootstrapServers, String topic, Map<String, Object> clientConfigs) {
  static final Set<String> FORMATS = Set.of("json", "avro", "raw_string", "debezium_json");

  KafkaTable {
    requireNonNull(tableName, "tableName is null");
    requireNonNull(bootstrapServers, "bootstrapServers is null");
    requireNonNull(topic, "topic is null");
    clientConfigs = Map.copyOf(clientConfigs);
  }

  static KafkaTable of(ConnectorOptions options) {
    String servers = bootstrapServers(options);
    String topic = options.requireString("topic").trim();
    if (topic.isEmpty()) {
      throw new ConnectorException("option 'topic' of table " + options.tableName() + " is empty");
    }
    return new KafkaTable(options.tableName(), servers, topic, clientConfigs(options));
  }

  /** The brokers the options name, trimmed. */
  static String bootstrapServers(ConnectorOptions options) {
    return options.string("bootstrap_servers").filter(value -> !value.isBlank())
        .orElseThrow(() -> new ConnectorException("table " + options.tableName()
            + " needs the option 'bootstrap_servers' (host:port of the Kafka brokers, comma-separated)"))
        .trim();
  }

  /** The client settings the authentication options and {@code client_configs} make. */
  static Map<String, Object> clientConfigs(ConnectorOptions options) {
    Map<String, Object> configs = new HashMap<>(authentication(options));
    options.string("client_configs").ifPresent(text -> {
      for (String pair : text.split("[,\n]")) {
        if (pair.isBlank()) {
          continue;
        }
        int equals = pair.indexOf('=');
        if (equals <= 0) {
          throw new ConnectorException("option 'client_configs' of table " + options.tableName()
              + " must be key=value pairs separated by commas, not '" + pair.trim() + "'");
        }
        configs.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
      }
    });
    return configs;
  }

  /**
   * Arroyo's {@code auth.type = 'sasl'} with {@code auth.mechanism} (PLAIN, SCRAM-SHA-256 or
   * SCRAM-SHA-512), {@code auth.protocol} (SASL_PLAINTEXT or SASL_SSL), {@code auth.username} and
   * {@code auth.password}, as Kafka client settings.
   */
  private static Map<String, Object> authentication(ConnectorOptions options) {
    if (!options.choice("auth.type", Set.of("none", "sasl")).orElse("none").equals("sasl")) {
      return Map.of();
    }
    String mechanism = options.requireString("auth.mechanism").trim().toUpperCase(java.util.Locale.ROOT);
    String module = switch (mechanism) {
      case "PLAIN" -> "org.apache.kafka.common.security.plain.PlainLoginModule";
      case "SCRAM-SHA-256", "SCRAM-SHA-512" -> "org.apache.kafka.common.security.scram.ScramLoginModule";
      default -> throw new ConnectorException("option 'auth.mechanism' of table " + options.tableName()
          + " must be PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512, not '" + mechanism + "'");
    };
    return Map.of(
        "security.protocol", options.requireString("auth.protocol").trim().toUpperCase(java.util.Locale.ROOT),
        "sasl.mechanism", mechanism,
        "sasl.jaas.config", module + " required username=\"" + jaasEscape(options.requireString("auth.username"))
            + "\" password=\"" + jaasEscape(options.requireString("auth.password")) + "\";");
  }

  private static String jaasEscape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  /** The client settings: the bootstrap servers, {@code own} settings, then the user's. */
  Map<String, Object> clientSettings(Map<String, Object> own) {
    Map<String, Object> settings = new HashMap<>(own);
    settings.put("bootstrap.servers", bootstrapServers);
    settings.putAll(clientConfigs);
    return settings;
  }

  /** A message saying what failed for this table's topic. */
  String describe(String action, Exception e) {
    return "cannot " + action + " Kafka topic '" + topic + "' at " + bootstrapServers + " for table " + tableName
        + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
  }
}
