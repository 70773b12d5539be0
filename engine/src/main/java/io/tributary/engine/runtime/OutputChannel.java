package io.tributary.engine.runtime;

import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.operator.Watermark;

/**
 * One sender subtask's connection to one receiver subtask. The local implementation puts
 * messages on the receiver's input queue; a remote one (gRPC, Arrow IPC) ships them to the
 * receiver's worker. Sending blocks while the receiver's queue is full (back pressure).
 */
public interface OutputChannel {
  /** Sends a batch; the channel owns it afterwards (and closes it if the receiver is gone). */
  void send(RecordBatch batch);

  void sendWatermark(Watermark watermark);

  /** Sends a checkpoint barrier, after everything sent before it and before everything after. */
  void sendBarrier(CheckpointBarrier barrier);

  /** The sender will send nothing more. */
  void sendEndOfStream();

  /** How full the channel is now; read by a metrics reporter from any thread, every few seconds. */
  ChannelLevel level();
}
