package io.tributary.connectors.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.engine.connector.ConnectorException;
import io.tributary.engine.connector.ConnectorOptions;
import io.tributary.engine.connector.LookupContext;
import io.tributary.engine.connector.LookupSource;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisConnectorTest {
  private static final Schema VALUES = new Schema(List.of(
      Field.nullable("name", ArrowType.Utf8.INSTANCE),
      Field.nullable("tier", new ArrowType.Int(32, true)),
      Field.nullable("score", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE))));

  private LocalRedis redis;

  @BeforeEach
  void connect() {
    redis = LocalRedis.connect();
  }

  @AfterEach
  void clean() {
    if (redis != null) {
      redis.close();
    }
  }

  private static LookupSource open(Map<String, String> options) {
    Map<String, String> all = new HashMap<>(Map.of("format", "json"));
    all.putAll(options);
    return new RedisConnector().createLookup(new LookupContext("job", "lookup_join_1", "customers",
        new ConnectorOptions("customers", all), VALUES, 0, 1));
  }

  @Test
  void readsJsonValuesOfManyKeysInOneCallInTheirOrder() {
    redis.set("a", "{\"name\": \"Ann\", \"tier\": 1, \"score\": 2.5, \"ignored\": true}");
    redis.set("b", "{\"name\": \"Bob\"}");
    try (LookupSource lookup = open(Map.of("address", LocalRedis.ADDRESS))) {
      assertThat(lookup.lookup(List.of(redis.key("b"), redis.key("missing"), redis.key("a")))).containsExactly(
          Optional.of(Arrays.asList("Bob", null, null)),
          Optional.empty(),
          Optional.of(List.of("Ann", 1, 2.5)));
      assertThat(lookup.lookup(List.of())).isEmpty();
    }
  }

  @Test
  void aValueThatIsNotJsonFailsNamingTheKeyUnlessBadDataIsDropped() {
    redis.set("broken", "not json");
    try (LookupSource lookup = open(Map.of("address", LocalRedis.ADDRESS))) {
      assertThatThrownBy(() -> lookup.lookup(List.of(redis.key("broken"))))
          .isInstanceOf(ConnectorException.class)
          .hasMessageContaining("Redis key '" + redis.key("broken") + "' (table customers)");
    }
    try (LookupSource lookup = open(Map.of("address", LocalRedis.ADDRESS, "bad_data", "drop"))) {
      assertThat(lookup.lookup(List.of(redis.key("broken")))).containsExactly(Optional.empty());
    }
  }

  @Test
  void anUnreachableOrMalformedAddressIsAnErrorNamingTheTable() {
    try (LookupSource lookup = open(Map.of("address", "redis://127.0.0.1:1"))) {
      assertThatThrownBy(() -> lookup.lookup(List.of("k")))
          .isInstanceOf(ConnectorException.class)
          .hasMessageContaining("cannot look up 1 keys of table customers in Redis");
    }
    assertThatThrownBy(() -> open(Map.of("address", "http://127.0.0.1:6379")))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("must start with redis://");
    assertThatThrownBy(() -> open(Map.of()))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("table customers needs the option 'address'");
  }
}
