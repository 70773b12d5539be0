package io.tributary.engine.operator.async;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How an async UDF is called, as its annotation says (Arroyo's {@code #[udf(ordered,
 * allowed_in_flight, timeout)]}).
 *
 * @param ordered results leave in input order; otherwise as calls complete (never across a watermark)
 * @param maxInFlight calls outstanding at once per subtask; the next row waits for a free slot
 * @param timeout how long one call may take before the task fails
 */
public record AsyncOptions(boolean ordered, int maxInFlight, Duration timeout) {
  public AsyncOptions {
    requireNonNull(timeout, "timeout is null");
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("an async UDF needs at least one call in flight, not " + maxInFlight);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("an async UDF's timeout must be positive: " + timeout);
    }
  }
}
