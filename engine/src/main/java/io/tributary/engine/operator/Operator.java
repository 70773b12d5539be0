package io.tributary.engine.operator;

import io.tributary.engine.batch.RecordBatch;

/**
 * A step of a subtask's chain, in the spirit of Kafka Streams' processor API. All methods are
 * called from the subtask's thread, in order: {@link #open}, any number of the
 * {@code process…} and {@link #onTick} calls, then {@link #finish} when the input ended
 * normally (not on cancellation or failure), and {@link #close} always.
 */
public interface Operator extends AutoCloseable {
  default void open(OperatorContext context) {}

  /** Processes a batch; the operator owns it and must close it or hand it on. */
  void processBatch(RecordBatch batch, Collector out);

  /** By default watermarks pass through unchanged. */
  default void processWatermark(Watermark watermark, Collector out) {
    out.collectWatermark(watermark);
  }

  /** Called periodically on the subtask's thread, for processing-time work. */
  default void onTick(Collector out) {}

  /** The input ended (bounded sources or a graceful stop): emit everything pending. */
  default void finish(Collector out) {}

  /** Releases resources; called exactly once, after everything else. */
  @Override
  default void close() {}
}
