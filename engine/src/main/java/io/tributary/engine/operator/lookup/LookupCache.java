package io.tributary.engine.operator.lookup;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.time.ProcessingClock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rows (and the misses) a lookup join fetched, by key: bounded by an estimate of the bytes
 * they take, evicting the least recently used first, and forgotten {@code ttlNanos} of processing
 * time after they were fetched, so that changes in the table are seen within that time.
 */
final class LookupCache {
  // Rough JVM costs (object headers, references, the map's entry): enough to bound memory, not exact.
  private static final long ENTRY_OVERHEAD = 96;
  private static final long VALUE_OVERHEAD = 24;

  private record Entry(Optional<List<Object>> row, long bytes, long fetchedAtNanos) {}

  private final long maxBytes;
  private final long ttlNanos;
  private final ProcessingClock clock;
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;
  private long evictions;

  /**
   * @param maxBytes bound of {@link #bytes()}; 0 caches nothing
   * @param ttlNanos how long an entry is used after it was fetched; 0: until evicted
   */
  LookupCache(long maxBytes, long ttlNanos, ProcessingClock clock) {
    if (maxBytes < 0 || ttlNanos < 0) {
      throw new IllegalArgumentException("cache max bytes " + maxBytes + " and ttl " + ttlNanos + " ns must be >= 0");
    }
    this.maxBytes = maxBytes;
    this.ttlNanos = ttlNanos;
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** The cached row under {@code key} (an empty row: a cached miss); empty when not cached or expired. */
  Optional<Optional<List<Object>>> get(String key) {
    Entry entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (ttlNanos > 0 && clock.nowNanos() - entry.fetchedAtNanos() >= ttlNanos) {
      remove(key);
      return Optional.empty();
    }
    return Optional.of(entry.row());
  }

  void put(String key, Optional<List<Object>> row) {
    long size = ENTRY_OVERHEAD + sizeOf(key) + row.map(LookupCache::sizeOf).orElse(0L);
    if (size > maxBytes) {
      return;
    }
    remove(key);
    entries.put(key, new Entry(row, size, clock.nowNanos()));
    bytes += size;
    Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
    while (bytes > maxBytes) {
      bytes -= eldest.next().getValue().bytes();
      eldest.remove();
      evictions++;
    }
  }

  long bytes() {
    return bytes;
  }

  int size() {
    return entries.size();
  }

  long evictions() {
    return evictions;
  }

  private void remove(String key) {
    Entry removed = entries.remove(key);
    if (removed != null) {
      bytes -= removed.bytes();
    }
  }

  private static long sizeOf(Object value) {
    return VALUE_OVERHEAD + switch (value) {
      case null -> 0;
      case String text -> 2L * text.length();
      case byte[] binary -> binary.length;
      case List<?> list -> list.stream().mapToLong(LookupCache::sizeOf).sum();
      case Map<?, ?> struct -> struct.entrySet().stream()
          .mapToLong(field -> sizeOf(field.getKey()) + sizeOf(field.getValue())).sum();
      // Numbers, booleans, timestamps, intervals: a boxed value.
      default -> 16;
    };
  }
}
