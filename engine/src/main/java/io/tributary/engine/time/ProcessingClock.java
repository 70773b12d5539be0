package io.tributary.engine.time;

import java.time.Instant;

/** Wall-clock time in nanoseconds since the epoch; replaceable so that tests control time. */
@FunctionalInterface
public interface ProcessingClock {
  long nowNanos();

  static ProcessingClock system() {
    return () -> Timestamps.toNanos(Instant.now());
  }
}
