package io.tributary.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connectors.SqlJobs;
import io.tributary.engine.runtime.ExecutionOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SQL over changelogs, end to end: planned by the SQL planner, run by the engine over
 * {@code single_file} sources and a {@code debezium_json} sink; the sink's net result (every
 * "c" added, every "d" taken away) must equal the same query computed as a batch over the
 * sources' final contents.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChangelogSqlJobTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir
  Path directory;

  /** Users as Debezium envelopes: inserts, a snapshot read, updates (one moving city), a delete. */
  private static final List<String> USERS = List.of(
      "{\"before\":null,\"after\":{\"id\":1,\"city\":\"Oslo\",\"score\":10,\"seen\":1700000000000},\"op\":\"c\"}",
      "{\"before\":null,\"after\":{\"id\":2,\"city\":\"Oslo\",\"score\":5,\"seen\":1700000000000},\"op\":\"r\"}",
      "{\"before\":null,\"after\":{\"id\":3,\"city\":\"Rome\",\"score\":7,\"seen\":1700000000000},\"op\":\"c\"}",
      "not json: dropped, as bad_data = 'drop' says",
      "{\"before\":{\"id\":1,\"city\":\"Oslo\",\"score\":10,\"seen\":1700000000000},"
          + "\"after\":{\"id\":1,\"city\":\"Rome\",\"score\":12,\"seen\":1700000001000},\"op\":\"u\"}",
      "{\"schema\":{},\"payload\":{\"before\":null,"
          + "\"after\":{\"id\":4,\"city\":\"Lima\",\"score\":1,\"seen\":1700000002000},\"op\":\"c\"}}",
      "{\"before\":{\"id\":2,\"city\":\"Oslo\",\"score\":5,\"seen\":1700000000000},\"after\":null,\"op\":\"d\"}",
      "null");

  private static final String USERS_TABLE = """
      CREATE TABLE users (id INT PRIMARY KEY, city TEXT, score BIGINT, seen TIMESTAMP)
      WITH (connector = 'single_file', path = '%s', format = 'debezium_json', type = 'source', bad_data = 'drop');
      """;

  @Test
  void aGroupByOverADebeziumSourceEqualsTheBatchAggregateOfTheFinalRows() throws Exception {
    Path users = write("users.json", USERS);
    Path out = directory.resolve("out.json");
    run(USERS_TABLE.formatted(users) + """
        CREATE TABLE per_city (city TEXT, users BIGINT, total BIGINT, latest TIMESTAMP)
        WITH (connector = 'single_file', path = '%s', format = 'debezium_json', type = 'sink');
        INSERT INTO per_city SELECT city, count(*), sum(score), max(seen) FROM users GROUP BY city;
        """.formatted(out));
    // Final users: 1 Rome 12 (seen …001000), 3 Rome 7, 4 Lima 1. Timestamps come back as epoch ms.
    assertThat(net(out)).isEqualTo(Map.of(
        List.of("Rome", 2L, 19L, 1700000001000L), 1,
        List.of("Lima", 1L, 1L, 1700000002000L), 1));
  }

  @Test
  void aDebeziumSourceWrittenStraightToADebeziumSinkKeepsItsFinalRows() throws Exception {
    Path users = write("users.json", USERS);
    Path out = directory.resolve("out.json");
    run(USERS_TABLE.formatted(users) + """
        CREATE TABLE copy (id BIGINT, city TEXT, score DOUBLE)
        WITH (connector = 'single_file', path = '%s', format = 'debezium_json', type = 'sink');
        INSERT INTO copy SELECT id, city, score FROM users;
        """.formatted(out));
    assertThat(net(out)).isEqualTo(Map.of(
        List.of(1L, "Rome", 12.0), 1, List.of(3L, "Rome", 7.0), 1, List.of(4L, "Lima", 1.0), 1));
  }

  @Test
  void aLeftJoinOfAStreamWithADebeziumTableEqualsTheBatchLeftJoin() throws Exception {
    Path users = write("users.json", USERS);
    List<String> orderLines = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      orderLines.add("{\"order_id\":" + i + ",\"user_id\":" + (i % 6) + ",\"amount\":" + (i * 3) + "}");
    }
    Path orders = write("orders.json", orderLines);
    Path out = directory.resolve("out.json");
    run(USERS_TABLE.formatted(users) + """
        CREATE TABLE orders (order_id BIGINT, user_id INT, amount BIGINT)
        WITH (connector = 'single_file', path = '%s', format = 'json', type = 'source');
        CREATE TABLE enriched (order_id BIGINT, amount BIGINT, city TEXT)
        WITH (connector = 'single_file', path = '%s', format = 'debezium_json', type = 'sink');
        INSERT INTO enriched
        SELECT o.order_id, o.amount, u.city FROM orders o LEFT JOIN users u ON o.user_id = u.id;
        """.formatted(orders, out));
    Map<Integer, String> finalCities = Map.of(1, "Rome", 3, "Rome", 4, "Lima");
    Map<List<Object>, Integer> expected = new HashMap<>();
    for (int i = 0; i < 40; i++) {
      expected.merge(Arrays.asList((long) i, (long) i * 3, finalCities.get(i % 6)), 1, Integer::sum);
    }
    assertThat(net(out)).isEqualTo(expected);
  }

  @Test
  void aFullJoinOfTwoUpdatingAggregatesEqualsTheBatchJoin() throws Exception {
    Path users = write("users.json", USERS);
    Path cities = write("cities.json", List.of(
        "{\"city\":\"Rome\",\"country\":\"IT\"}", "{\"city\":\"Oslo\",\"country\":\"NO\"}",
        "{\"city\":\"Oslo\",\"country\":\"NO\"}", "{\"city\":\"Kyiv\",\"country\":\"UA\"}"));
    Path out = directory.resolve("out.json");
    run(USERS_TABLE.formatted(users) + """
        CREATE TABLE cities (city TEXT, country TEXT)
        WITH (connector = 'single_file', path = '%s', format = 'json', type = 'source');
        CREATE TABLE summary (city TEXT, users BIGINT, listed BIGINT)
        WITH (connector = 'single_file', path = '%s', format = 'debezium_json', type = 'sink');
        INSERT INTO summary
        SELECT coalesce(u.city, c.city), u.n, c.n
        FROM (SELECT city, count(*) AS n FROM users GROUP BY city) u
        FULL JOIN (SELECT city, count(*) AS n FROM cities GROUP BY city) c ON u.city = c.city;
        """.formatted(cities, out));
    assertThat(net(out)).isEqualTo(Map.of(
        List.of("Rome", 2L, 1L), 1,
        Arrays.asList("Lima", 1L, null), 1,
        Arrays.asList("Oslo", null, 2L), 1,
        Arrays.asList("Kyiv", null, 1L), 1));
  }

  private Path write(String name, List<String> lines) throws Exception {
    Path file = directory.resolve(name);
    Files.write(file, lines);
    return file;
  }

  private static void run(String sql) throws Exception {
    SqlJobs.runToEnd("the changelog job", "changelog", SqlJobs.plan("the changelog job", sql, 2), OptionalLong.empty(),
        ExecutionOptions.defaults(), Duration.ofSeconds(30));
  }

  /** The sink's rows after applying its envelopes in order; a row never goes below zero copies. */
  private static Map<List<Object>, Integer> net(Path file) throws Exception {
    Map<List<Object>, Integer> rows = new HashMap<>();
    for (String line : Files.readAllLines(file)) {
      JsonNode envelope = JSON.readTree(line);
      boolean delete = envelope.get("op").stringValue().equals("d");
      List<Object> row = values(envelope.get(delete ? "before" : "after"));
      int count = rows.merge(row, delete ? -1 : 1, Integer::sum);
      assertThat(count).as("copies of %s", row).isNotNegative();
    }
    rows.values().removeIf(count -> count == 0);
    return rows;
  }

  private static List<Object> values(JsonNode object) {
    List<Object> values = new ArrayList<>();
    for (var property : object.properties()) {
      JsonNode value = property.getValue();
      values.add(value.isNull() ? null : value.isIntegralNumber() ? (Object) value.longValue()
          : value.isNumber() ? (Object) value.doubleValue() : value.stringValue());
    }
    return values;
  }
}
