package io.tributary.engine.metrics;

/**
 * What a lookup join of one subtask asked its cache and its table. Written by the subtask's thread
 * once per batch, read by a reporter thread at any time, as {@link OperatorCounters} are.
 */
public final class LookupCounters {
  private static final int HITS = 0;
  private static final int MISSES = 1;
  private static final int LOOKUPS = 2;
  private static final int CACHE_ENTRIES = 3;
  private static final int CACHE_BYTES = 4;

  private final OpaqueLongs values = new OpaqueLongs(5);

  /**
   * One batch was joined: {@code hits} of its keys were answered by the cache, {@code misses} had
   * to be fetched, with {@code lookups} calls of the table.
   */
  public void joined(long hits, long misses, long lookups) {
    values.add(HITS, hits);
    values.add(MISSES, misses);
    values.add(LOOKUPS, lookups);
  }

  /** What the cache holds after the batch. */
  public void cached(long entries, long bytes) {
    values.set(CACHE_ENTRIES, entries);
    values.set(CACHE_BYTES, bytes);
  }

  public long hits() {
    return read(HITS);
  }

  public long misses() {
    return read(MISSES);
  }

  public long lookups() {
    return read(LOOKUPS);
  }

  public LookupMetrics snapshot() {
    return new LookupMetrics(read(HITS), read(MISSES), read(LOOKUPS), read(CACHE_ENTRIES), read(CACHE_BYTES));
  }

  private long read(int index) {
    return values.get(index);
  }
}
