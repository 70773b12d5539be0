package io.tributary.engine.runtime;

import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.operator.Watermark;
import org.apache.arrow.memory.BufferAllocator;

/** A channel to a subtask in this JVM: batches change allocator, not memory. */
final class LocalChannel implements OutputChannel {
  private final InputQueue queue;
  private final BufferAllocator receiverAllocator;
  private final int input;

  LocalChannel(InputQueue queue, BufferAllocator receiverAllocator, int input) {
    this.queue = queue;
    this.receiverAllocator = receiverAllocator;
    this.input = input;
  }

  /** The receiver's queue: how much this channel holds its sender back. */
  @Override
  public ChannelLevel level() {
    InputQueue.Level level = queue.level();
    return new ChannelLevel(
        level.maxBatches(), Math.max(0, level.maxBatches() - level.batches()), level.fill());
  }

  @Override
  public void send(RecordBatch batch) {
    put(new InputMessage.Data(input, batch.transferTo(receiverAllocator)));
  }

  @Override
  public void sendWatermark(Watermark watermark) {
    put(new InputMessage.WatermarkMessage(input, watermark));
  }

  @Override
  public void sendBarrier(CheckpointBarrier barrier) {
    put(new InputMessage.Barrier(input, barrier));
  }

  @Override
  public void sendEndOfStream() {
    put(new InputMessage.EndOfStream(input));
  }

  private void put(InputMessage message) {
    try {
      queue.put(message);
    } catch (InterruptedException e) {
      message.release();
      Thread.currentThread().interrupt();
      throw new TaskCancelledException();
    }
  }
}
