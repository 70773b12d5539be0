package io.tributary.connectors.rate;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.time.ProcessingClock;

/**
 * Spaces a generator's rows evenly in processing time: row {@code k} is due {@code k / rate}
 * seconds after the first poll. Waits are capped so that a source's poll returns quickly
 * enough for the runtime to act on stop signals.
 */
public final class Pacer {
  private static final long MAX_WAIT_NANOS = 100_000_000L;

  private final long nanosPerRow;
  private final ProcessingClock clock;
  private final Sleeper sleeper;
  private long startNanos = Long.MIN_VALUE;

  /** @param rowsPerSecond 0 for no limit */
  public Pacer(double rowsPerSecond, ProcessingClock clock, Sleeper sleeper) {
    if (rowsPerSecond < 0 || Double.isNaN(rowsPerSecond)) {
      throw new IllegalArgumentException("rate must not be negative: " + rowsPerSecond);
    }
    this.nanosPerRow = rowsPerSecond > 0 ? Math.max(1L, Math.round(1e9 / rowsPerSecond)) : 0L;
    this.clock = requireNonNull(clock, "clock is null");
    this.sleeper = requireNonNull(sleeper, "sleeper is null");
  }

  /**
   * How many more rows are due now, at most {@code max}, given that {@code emitted} were
   * emitted so far; 0 after waiting (at most 100 ms) for the next one to become due.
   */
  public long due(long emitted, long max) throws InterruptedException {
    long now = clock.nowNanos();
    if (startNanos == Long.MIN_VALUE) {
      startNanos = now;
    }
    if (nanosPerRow == 0) {
      return max;
    }
    long allowed = (now - startNanos) / nanosPerRow + 1 - emitted;
    if (allowed > 0) {
      return Math.min(allowed, max);
    }
    long wait = Math.min(startNanos + emitted * nanosPerRow - now, MAX_WAIT_NANOS);
    if (wait > 0) {
      sleeper.sleepNanos(wait);
    }
    return 0;
  }
}
