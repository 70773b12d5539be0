package io.tributary.engine.connector;

import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.operator.Watermark;

/** Writes one subtask's share of a sink table. Called from the subtask's thread only. */
public interface Sink extends AutoCloseable {
  /** Writes a batch; the batch stays owned (and is closed) by the caller. */
  void write(RecordBatch batch);

  default void watermark(Watermark watermark) {}

  /** The input ended normally: make everything written durable or visible. */
  default void finish() {}

  /** Releases resources; called once, after {@link #finish} or on cancellation or failure. */
  @Override
  default void close() {}
}
