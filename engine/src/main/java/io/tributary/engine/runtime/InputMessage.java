package io.tributary.engine.runtime;

import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.operator.Watermark;

/** What arrives on a subtask's input queue, tagged with the sender's input index. */
sealed interface InputMessage {
  int input();

  record Data(int input, RecordBatch batch) implements InputMessage {}

  record WatermarkMessage(int input, Watermark watermark) implements InputMessage {}

  record EndOfStream(int input) implements InputMessage {}

  record Barrier(int input, CheckpointBarrier barrier) implements InputMessage {}

  /** Frees what the message holds when it is dropped instead of processed. */
  default void release() {
    if (this instanceof Data data) {
      data.batch().close();
    }
  }
}
