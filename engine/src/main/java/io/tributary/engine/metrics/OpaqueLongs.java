package io.tributary.engine.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Longs written by one thread and read by others: each write is an opaque store, so the writer
 * takes no lock and no fence, and a reader sees every value whole and soon (never torn, never
 * older than what it saw before).
 */
final class OpaqueLongs {
  private static final VarHandle VALUES = MethodHandles.arrayElementVarHandle(long[].class);

  private final long[] values;

  OpaqueLongs(int size) {
    this.values = new long[size];
  }

  /** Only from the writing thread: reading its own last store plainly is exact. */
  void add(int index, long delta) {
    VALUES.setOpaque(values, index, values[index] + delta);
  }

  void set(int index, long value) {
    VALUES.setOpaque(values, index, value);
  }

  long get(int index) {
    return (long) VALUES.getOpaque(values, index);
  }
}
