package io.tributary.engine.state;

import io.tributary.engine.batch.RecordBatch;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.function.Consumer;

/** What one operator of one (new) subtask reads of a checkpoint, written by the old subtasks. */
public interface StateReader {
  /** The restoring subtask's index and parallelism (which may differ from the old one). */
  int subtaskIndex();

  int parallelism();

  /** The global entries every old subtask wrote to {@code table}, by old subtask index; empty when none. */
  SortedMap<Integer, Map<String, byte[]>> global(String table);

  /**
   * Hands over, batch by batch, the rows of the keyed {@code table} of every old subtask whose
   * {@code _key_hash} this subtask owns at its parallelism. Batches are closed after the
   * consumer returns.
   */
  void readKeyed(String table, Consumer<RecordBatch> rows);

  /** The least of the longs the old subtasks wrote under {@code key} of {@code table}. */
  default OptionalLong minimum(String table, String key) {
    return global(table).values().stream()
        .filter(entries -> entries.containsKey(key))
        .mapToLong(entries -> StateCodec.decodeLong(entries.get(key)))
        .min();
  }

  /**
   * This subtask's share of a counter the old subtasks wrote under {@code key} of {@code table}:
   * old subtask {@code i}'s count goes to new subtask {@code i mod parallelism}, so that the
   * counts still add up to the old total.
   */
  default long share(String table, String key) {
    long sum = 0;
    for (Map.Entry<Integer, Map<String, byte[]>> old : global(table).entrySet()) {
      byte[] value = old.getValue().get(key);
      if (value != null && old.getKey() % parallelism() == subtaskIndex()) {
        sum += StateCodec.decodeLong(value);
      }
    }
    return sum;
  }
}
