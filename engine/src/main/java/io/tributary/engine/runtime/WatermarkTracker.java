package io.tributary.engine.runtime;

import io.tributary.engine.operator.Watermark;
import java.util.Optional;

/**
 * Combines the watermarks of a subtask's inputs: the minimum over the inputs that are
 * neither idle nor ended. An input that ended no longer holds anything back; when every
 * remaining input is idle, the subtask is idle.
 */
final class WatermarkTracker {
  private static final long NONE = Long.MIN_VALUE;

  private final long[] watermarks;
  private final boolean[] idle;
  private final boolean[] ended;
  private Optional<Watermark> current = Optional.empty();

  WatermarkTracker(int inputs) {
    watermarks = new long[inputs];
    java.util.Arrays.fill(watermarks, NONE);
    idle = new boolean[inputs];
    ended = new boolean[inputs];
  }

  /** Records an input's watermark; returns the combined one if it changed. */
  Optional<Watermark> update(int input, Watermark watermark) {
    switch (watermark) {
      case Watermark.EventTime time -> {
        idle[input] = false;
        watermarks[input] = Math.max(watermarks[input], time.epochNanos());
      }
      case Watermark.Idle ignored -> idle[input] = true;
    }
    return recompute();
  }

  /** The combined event-time watermark emitted last, if any. */
  java.util.OptionalLong position() {
    return current.isPresent() && current.get() instanceof Watermark.EventTime time
        ? java.util.OptionalLong.of(time.epochNanos())
        : java.util.OptionalLong.empty();
  }

  /** After a restore: the combined watermark does not go back behind {@code epochNanos}. */
  void restore(long epochNanos) {
    current = Optional.of(Watermark.eventTime(epochNanos));
  }

  Optional<Watermark> end(int input) {
    ended[input] = true;
    return recompute();
  }

  private Optional<Watermark> recompute() {
    long min = Long.MAX_VALUE;
    boolean active = false;
    for (int i = 0; i < watermarks.length; i++) {
      if (ended[i] || idle[i]) {
        continue;
      }
      active = true;
      if (watermarks[i] == NONE) {
        return Optional.empty();
      }
      min = Math.min(min, watermarks[i]);
    }
    Optional<Watermark> combined;
    if (active) {
      combined = Optional.of(Watermark.eventTime(min));
    } else {
      boolean anyIdle = false;
      for (int i = 0; i < idle.length; i++) {
        anyIdle |= idle[i] && !ended[i];
      }
      combined = anyIdle ? Optional.of(Watermark.IDLE) : Optional.empty();
    }
    if (combined.isEmpty() || combined.equals(current)) {
      return Optional.empty();
    }
    if (combined.get() instanceof Watermark.EventTime next
        && current.isPresent()
        && current.get() instanceof Watermark.EventTime previous
        && next.epochNanos() < previous.epochNanos()) {
      // An input leaving idleness behind an advanced watermark must not move time backwards.
      return Optional.empty();
    }
    current = combined;
    return combined;
  }
}
