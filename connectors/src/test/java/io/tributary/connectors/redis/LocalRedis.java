package io.tributary.connectors.redis;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import redis.clients.jedis.JedisPooled;

/**
 * The Redis on 127.0.0.1:6379 that tests use, as the repository's broker rule says: used when it is
 * reachable; otherwise the test is skipped, saying so, except under {@code CI=true}, where a missing
 * Redis fails it. Each instance writes under a prefix of its own, so parallel runs never collide.
 */
public final class LocalRedis implements AutoCloseable {
  public static final String ADDRESS = "redis://127.0.0.1:6379";

  private final JedisPooled redis;
  private final String prefix = "tributary-test:" + UUID.randomUUID() + ":";

  private LocalRedis(JedisPooled redis) {
    this.redis = redis;
  }

  /** Connects, or skips (fails under CI=true) the calling test when no Redis listens. */
  public static LocalRedis connect() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", 6379), 2_000);
    } catch (IOException e) {
      String message = "no Redis at 127.0.0.1:6379 (" + e.getMessage() + ")";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(message);
      }
      Assumptions.abort(message + "; skipping the Redis test");
    }
    return new LocalRedis(new JedisPooled("127.0.0.1", 6379));
  }

  /** The key {@code name} under this instance's prefix. */
  public String key(String name) {
    return prefix + name;
  }

  public String prefix() {
    return prefix;
  }

  public void set(String name, String value) {
    redis.set(key(name), value);
  }

  /** Deletes every key written under the prefix. */
  @Override
  public void close() {
    redis.keys(prefix + "*").forEach(redis::del);
    redis.close();
  }
}
