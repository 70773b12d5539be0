package io.tributary.engine.operator;

import io.tributary.engine.batch.RecordBatch;

/**
 * An operator with two inputs (a join): it must be the first operator of its node, and the
 * subtask tells it which input each batch came from. Watermarks arrive already combined (the
 * minimum over both inputs); {@link #finish} follows the end of both inputs.
 */
public interface TwoInputOperator extends Operator {
  int LEFT = 0;
  int RIGHT = 1;

  /** Processes a batch of input {@code side} ({@link #LEFT} or {@link #RIGHT}); owns it. */
  void processBatch(int side, RecordBatch batch, Collector out);

  /** A two-input operator needs to know the side; this is never called by the runtime. */
  @Override
  default void processBatch(RecordBatch batch, Collector out) {
    batch.close();
    throw new IllegalStateException("a two-input operator needs to know which input a batch came from");
  }
}
