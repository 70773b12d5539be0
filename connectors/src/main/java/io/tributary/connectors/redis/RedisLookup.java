package io.tributary.connectors.redis;

import static java.util.Objects.requireNonNull;

import io.tributary.connectors.format.BadDataException;
import io.tributary.connectors.format.JsonReader;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.connector.ConnectorException;
import io.tributary.engine.connector.LookupContext;
import io.tributary.engine.connector.LookupSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One subtask's lookups: one MGET per call, each value read as a JSON object of the table's value columns. */
final class RedisLookup implements LookupSource {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JedisPooled redis;
  private final String table;
  private final JsonReader reader;
  private final boolean dropBadData;

  RedisLookup(JedisPooled redis, LookupContext context, boolean dropBadData) {
    this.redis = requireNonNull(redis, "redis is null");
    this.table = context.tableName();
    // The reader takes row schemas, which end with _timestamp; it never reads that column.
    this.reader = new JsonReader(RecordBatch.schemaWithTimestamp(context.valueSchema().getFields()));
    this.dropBadData = dropBadData;
  }

  @Override
  public List<Optional<List<Object>>> lookup(List<String> keys) {
    if (keys.isEmpty()) {
      return List.of();
    }
    List<String> values;
    try {
      values = redis.mget(keys.toArray(String[]::new));
    } catch (JedisException e) {
      throw new ConnectorException("cannot look up " + keys.size() + " keys of table " + table + " in Redis: "
          + e.getMessage(), e);
    }
    List<Optional<List<Object>>> rows = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      String value = values.get(i);
      rows.add(value == null ? Optional.empty() : decode(keys.get(i), value));
    }
    return rows;
  }

  private Optional<List<Object>> decode(String key, String value) {
    String where = "the value of Redis key '" + key + "' (table " + table + ")";
    try {
      JsonNode node = JSON.readTree(value);
      if (node == null || !node.isObject()) {
        throw new BadDataException("cannot read " + where + " as a JSON object");
      }
      return Optional.of(Arrays.asList(reader.values(node, where)));
    } catch (JacksonException e) {
      return bad(new BadDataException("cannot read " + where + " as JSON: " + e.getOriginalMessage(), e));
    } catch (BadDataException e) {
      return bad(e);
    }
  }

  /** With {@code bad_data = 'drop'} a value that cannot be read counts as no row; otherwise the job fails. */
  private Optional<List<Object>> bad(BadDataException e) {
    if (dropBadData) {
      return Optional.empty();
    }
    throw e;
  }

  @Override
  public void close() {
    redis.close();
  }
}
