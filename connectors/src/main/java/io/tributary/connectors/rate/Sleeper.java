package io.tributary.connectors.rate;

/** Waits; replaceable so that rate-limited sources can be tested against a manual clock. */
@FunctionalInterface
public interface Sleeper {
  void sleepNanos(long nanos) throws InterruptedException;

  Sleeper SYSTEM = nanos -> Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
}
