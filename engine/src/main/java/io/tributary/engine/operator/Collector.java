package io.tributary.engine.operator;

import io.tributary.engine.batch.RecordBatch;

/** Where an operator sends its output: the next operator of the chain or the node's edges. */
public interface Collector {
  /** Hands on a batch; the collector owns it afterwards. */
  void collect(RecordBatch batch);

  void collectWatermark(Watermark watermark);
}
