package io.tributary.engine.metrics;

import java.util.List;

/**
 * One subtask's metrics at {@code capturedAtMicros}: each operator of its chain (a source
 * first), and how its output is held back by its receivers.
 *
 * @param txQueueSize capacity, in batches, of the local input queues this subtask sends to
 * @param txQueueRemaining batches those queues can still take
 * @param backpressure how full the fullest of those queues is, from 0 to 1 (batches or rows,
 *     whichever is closer to its limit): 1 means the subtask is blocked by a slow receiver
 * @param sendNanos total time the subtask's thread spent handing batches to its channels,
 *     which for local channels is almost all waiting for room in a full queue
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
