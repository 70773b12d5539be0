package io.tributary.engine.connector;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.time.ProcessingClock;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * What a source subtask is given.
 *
 * @param outputSchema the rows to produce, ending with {@code _timestamp}
 * @param allocator the subtask's allocator for the batches it emits
 */
public record SourceContext(
    String jobId,
    String operatorId,
    String tableName,
    ConnectorOptions options,
    Schema outputSchema,
    int subtaskIndex,
    int parallelism,
    BufferAllocator allocator,
    ProcessingClock clock) {
  public SourceContext {
    requireNonNull(jobId, "jobId is null");
    requireNonNull(operatorId, "operatorId is null");
    requireNonNull(tableName, "tableName is null");
    requireNonNull(options, "options is null");
    requireNonNull(outputSchema, "outputSchema is null");
    requireNonNull(allocator, "allocator is null");
    requireNonNull(clock, "clock is null");
    if (parallelism <= 0 || subtaskIndex < 0 || subtaskIndex >= parallelism) {
      throw new IllegalArgumentException(
          "subtask " + subtaskIndex + " of parallelism " + parallelism + " is impossible");
    }
  }
}
