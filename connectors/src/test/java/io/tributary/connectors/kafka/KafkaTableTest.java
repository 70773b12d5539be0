package io.tributary.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.engine.connector.ConnectorException;
import io.tributary.engine.connector.ConnectorOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Kafka table's connection options as client settings. */
class KafkaTableTest {
  private static KafkaTable table(Map<String, String> options) {
    return KafkaTable.of(new ConnectorOptions("t", options));
  }

  @Test
  void saslAuthenticationAndClientConfigsBecomeClientSettings() {
    KafkaTable table = table(Map.of("bootstrap_servers", "b:9092", "topic", "x", "auth.type", "sasl",
        "auth.mechanism", "scram-sha-256", "auth.protocol", "SASL_SSL", "auth.username", "u",
        "auth.password", "p\"w", "client_configs", "linger.ms=7, acks=1"));

    Map<String, Object> settings = table.clientSettings(Map.of("acks", "all"));

    assertThat(settings).containsEntry("bootstrap.servers", "b:9092")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-256")
        .containsEntry("sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\\\"w\";")
        .containsEntry("linger.ms", "7")
        .containsEntry("acks", "1");
  }

  @Test
  void missingOrMalformedOptionsNameTheTableAndOption() {
    assertThatThrownBy(() -> table(Map.of("topic", "x")))
        .isInstanceOf(ConnectorException.class).hasMessageContaining("table t needs the option 'bootstrap_servers'");
    assertThatThrownBy(() -> table(Map.of("bootstrap_servers", "b", "topic", "x", "client_configs", "nonsense")))
        .isInstanceOf(ConnectorException.class).hasMessageContaining("'client_configs' of table t");
    assertThatThrownBy(() -> table(Map.of("bootstrap_servers", "b", "topic", "x", "auth.type", "sasl",
        "auth.mechanism", "GSSAPI", "auth.protocol", "SASL_SSL", "auth.username", "u", "auth.password", "p")))
        .isInstanceOf(ConnectorException.class).hasMessageContaining("'auth.mechanism' of table t");
  }
}
