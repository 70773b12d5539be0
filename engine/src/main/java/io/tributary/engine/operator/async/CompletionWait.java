package io.tributary.engine.operator.async;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How the subtask's thread waits while every slot is taken (and at a barrier or the end of input):
 * until any of the calls completes or the time is up. Tests answer a call instead of blocking.
 */
@FunctionalInterface
public interface CompletionWait {
  /** Returns when one of {@code calls} completed, or after about {@code nanos}. */
  void awaitAny(List<CompletableFuture<?>> calls, long nanos) throws InterruptedException;

  /** Blocks the thread. */
  CompletionWait BLOCKING = (calls, nanos) -> {
    try {
      CompletableFuture.anyOf(calls.toArray(CompletableFuture[]::new)).get(Math.max(nanos, 1), TimeUnit.NANOSECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // A failed call is reported by the operator, which looks at every call; a timeout likewise.
    }
  };
}
