package io.tributary.engine.time;

/** A clock that moves only when told to, for deterministic tests of time-driven behaviour. */
public final class ManualClock implements ProcessingClock {
  private long nowNanos;

  public ManualClock(long startNanos) {
    this.nowNanos = startNanos;
  }

  @Override
  public synchronized long nowNanos() {
    return nowNanos;
  }

  public synchronized void advanceNanos(long nanos) {
    if (nanos < 0) {
      throw new IllegalArgumentException("time does not go backwards: " + nanos);
    }
    nowNanos += nanos;
  }

  public void advanceMillis(long millis) {
    advanceNanos(Math.multiplyExact(millis, 1_000_000L));
  }
}
