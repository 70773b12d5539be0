package io.tributary.engine.operator;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.time.ProcessingClock;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * What an operator instance knows about where it runs.
 *
 * @param inputSchema schema of the batches it receives (with {@code _timestamp})
 * @param outputSchema schema of the batches it emits (with {@code _timestamp})
 * @param allocator the subtask's allocator, for the operator's output batches and state
 */
public record OperatorContext(
    String jobId,
    String operatorId,
    int subtaskIndex,
    int parallelism,
    Schema inputSchema,
    Schema outputSchema,
    BufferAllocator allocator,
    ProcessingClock clock) {
  public OperatorContext {
    requireNonNull(jobId, "jobId is null");
    requireNonNull(operatorId, "operatorId is null");
    requireNonNull(inputSchema, "inputSchema is null");
    requireNonNull(outputSchema, "outputSchema is null");
    requireNonNull(allocator, "allocator is null");
    requireNonNull(clock, "clock is null");
    if (parallelism <= 0 || subtaskIndex < 0 || subtaskIndex >= parallelism) {
      throw new IllegalArgumentException(
          "subtask " + subtaskIndex + " of parallelism " + parallelism + " is impossible");
    }
  }
}
