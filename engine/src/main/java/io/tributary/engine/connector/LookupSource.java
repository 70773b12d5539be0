package io.tributary.engine.connector;

import java.util.List;
import java.util.Optional;

/**
 * Looks rows of a lookup table up by key, for one subtask of a lookup join. Called from the
 * subtask's thread only, with the keys of a whole batch at once so that a connector can fetch
 * them in one round trip (Redis: one MGET).
 */
public interface LookupSource extends AutoCloseable {
  /**
   * The rows stored under {@code keys} (distinct, never null), in the same order: empty where the
   * table has no row. A row holds the values of {@link LookupContext#valueSchema()}'s columns, in
   * order, as {@link io.tributary.engine.batch.VectorValues#set} takes them (NULL as {@code null}).
   *
   * @throws ConnectorException when the table cannot be read; the message names the table
   */
  List<Optional<List<Object>>> lookup(List<String> keys);

  /** Releases connections; called once. */
  @Override
  default void close() {}
}
