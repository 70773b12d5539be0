package io.tributary.connectors.redis;

import io.tributary.engine.connector.Connector;
import io.tributary.engine.connector.ConnectorException;
import io.tributary.engine.connector.LookupContext;
import io.tributary.engine.connector.LookupSource;
import io.tributary.proto.program.TypeKind;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.JedisPooled;

/**
 * {@code redis}: lookup tables over Redis string keys, as Arroyo's redis connector reads them. The
 * options are Arroyo's: {@code address} ({@code redis://[user:password@]host:port[/db]}) and
 * {@code format} ('json', the default): each key holds one JSON object whose fields are the
 * table's columns; the key itself fills the table's PRIMARY KEY column.
 */
public final class RedisConnector implements Connector {
  @Override
  public String name() {
    return "redis";
  }

  /** {@code key}: the key a row was looked up by, which fills the table's PRIMARY KEY column. */
  @Override
  public Map<String, TypeKind> metadata() {
    return Map.of("key", TypeKind.UTF8);
  }

  @Override
  public LookupSource createLookup(LookupContext context) {
    String address = context.options().requireString("address");
    context.options().choice("format", Set.of("json"));
    boolean drop = context.options().choice("bad_data", Set.of("fail", "drop")).orElse("fail").equals("drop");
    URI uri;
    try {
      uri = new URI(address.trim());
    } catch (URISyntaxException e) {
      throw new ConnectorException("option 'address' of table " + context.tableName() + " must be a redis://host:port"
          + " address, not '" + address + "'");
    }
    if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
      throw new ConnectorException("option 'address' of table " + context.tableName() + " must start with redis://"
          + " or rediss://, not '" + address + "'");
    }
    return new RedisLookup(new JedisPooled(uri), context, drop);
  }
}
