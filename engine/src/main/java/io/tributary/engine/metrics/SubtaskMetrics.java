package io.tributary.engine.metrics;

import java.util.List;

/**
 * One subtask's metrics at {@code capturedAtMicros}: each operator of its chain (a source
 * first), and how its output is held back by its receivers.
 *
 * @param txQueueSize capacity of the channels this subtask sends to: batches of the input queues
 *     of receivers on this worker, plus frames of the credit windows of those on other workers
 * @param txQueueRemaining what those channels can still take
 * @param backpressure how full the fullest of those channels is, from 0 to 1 (a local queue's
 *     batches or rows, whichever is closer to its limit; a remote channel's credits in use): 1
 *     means the subtask is blocked by a slow receiver
 * @param sendNanos total time the subtask's thread spent handing batches to its channels: for a
 *     local channel almost all waiting for room in a full queue, for a remote one waiting for
 *     credits plus encoding the batch
 */
public record SubtaskMetrics(
    int nodeId,
    int subtaskIndex,
    long capturedAtMicros,
    List<OperatorMetrics> operators,
    long txQueueSize,
    long txQueueRemaining,
    double backpressure,
    long sendNanos) {
  public SubtaskMetrics {
    operators = List.copyOf(operators);
  }
}
