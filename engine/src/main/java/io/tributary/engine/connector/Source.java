package io.tributary.engine.connector;

import io.tributary.engine.batch.RecordBatch;

/**
 * Reads one subtask's share of a source table. The runtime calls {@link #poll} repeatedly from
 * the subtask's thread, handling stop signals (and later checkpoint barriers) between calls,
 * so a call should return within about 100 ms even when no data is available.
 */
public interface Source extends AutoCloseable {
  /** What a {@link #poll} call leaves the source in. */
  enum PollResult {
    /** More data may follow. */
    MORE,
    /** The source is exhausted (bounded input); it is not polled again. */
    FINISHED
  }

  /** Where a source sends its batches. */
  interface Output {
    /** Hands on a batch (schema: the context's output schema); the runtime owns it afterwards. */
    void emit(RecordBatch batch);
  }

  PollResult poll(Output output);

  /** Releases resources; called once, whether the source finished, was stopped or failed. */
  @Override
  default void close() {}
}
