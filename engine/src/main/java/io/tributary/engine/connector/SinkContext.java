package io.tributary.engine.connector;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.time.ProcessingClock;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * What a sink subtask is given.
 *
 * @param inputSchema the rows it receives, ending with {@code _timestamp}
 * @param preview where a preview sink sends its rendered rows
 * @param checkpointed the job takes checkpoints: a sink that can should write exactly once,
 *     as a {@link TransactionalSink}
 */
public record SinkContext(
    String jobId,
    String operatorId,
    String tableName,
    ConnectorOptions options,
    Schema inputSchema,
    int subtaskIndex,
    int parallelism,
    BufferAllocator allocator,
    ProcessingClock clock,
    PreviewOutput preview,
    boolean checkpointed) {
  /** A context for a job that takes no checkpoints. */
  public SinkContext(String jobId, String operatorId, String tableName, ConnectorOptions options, Schema inputSchema,
      int subtaskIndex, int parallelism, BufferAllocator allocator, ProcessingClock clock, PreviewOutput preview) {
    this(jobId, operatorId, tableName, options, inputSchema, subtaskIndex, parallelism, allocator, clock, preview, false);
  }

  public SinkContext {
    requireNonNull(jobId, "jobId is null");
    requireNonNull(operatorId, "operatorId is null");
    requireNonNull(tableName, "tableName is null");
    requireNonNull(options, "options is null");
    requireNonNull(inputSchema, "inputSchema is null");
    requireNonNull(allocator, "allocator is null");
    requireNonNull(clock, "clock is null");
    requireNonNull(preview, "preview is null");
    if (parallelism <= 0 || subtaskIndex < 0 || subtaskIndex >= parallelism) {
      throw new IllegalArgumentException(
          "subtask " + subtaskIndex + " of parallelism " + parallelism + " is impossible");
    }
  }
}
