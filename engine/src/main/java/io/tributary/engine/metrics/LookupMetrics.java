package io.tributary.engine.metrics;

/**
 * A lookup join's totals since its subtask started.
 *
 * @param hits rows whose key the cache answered
 * @param misses rows whose key was fetched from the table
 * @param lookups calls of the table: one per batch with keys the cache did not hold
 * @param cacheEntries keys (found or not) the cache holds now
 * @param cacheBytes the cache's estimate of the memory those take
 */
public record LookupMetrics(long hits, long misses, long lookups, long cacheEntries, long cacheBytes) {
  public LookupMetrics {
    if (hits < 0 || misses < 0 || lookups < 0 || cacheEntries < 0 || cacheBytes < 0) {
      throw new IllegalArgumentException("lookup counters cannot be negative: " + hits + " hits, " + misses
          + " misses, " + lookups + " lookups, " + cacheEntries + " entries, " + cacheBytes + " bytes");
    }
  }
}
