package io.tributary.engine.connector;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.batch.UnreadFields;
import io.tributary.engine.time.ProcessingClock;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * What a source subtask is given.
 *
 * @param outputSchema the rows to produce, ending with {@code _timestamp}
 * @param allocator the subtask's allocator for the batches it emits
 * @param metadataFields columns of {@code outputSchema} the source fills from its metadata, by
 *     key (see {@link Connector#metadata()})
 * @param unreadFields columns and struct fields of {@code outputSchema} no operator reads: the
 *     source may leave them NULL rather than parse them
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
    ProcessingClock clock,
    Map<Integer, String> metadataFields,
    UnreadFields unreadFields) {
  public SourceContext {
    requireNonNull(unreadFields, "unreadFields is null");
    metadataFields = Map.copyOf(requireNonNull(metadataFields, "metadataFields is null"));
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

  /** A source that reads every column. */
  public SourceContext(String jobId, String operatorId, String tableName, ConnectorOptions options,
      Schema outputSchema, int subtaskIndex, int parallelism, BufferAllocator allocator, ProcessingClock clock,
      Map<Integer, String> metadataFields) {
    this(jobId, operatorId, tableName, options, outputSchema, subtaskIndex, parallelism, allocator, clock,
        metadataFields, UnreadFields.none());
  }

  /** A source without metadata columns. */
  public SourceContext(String jobId, String operatorId, String tableName, ConnectorOptions options,
      Schema outputSchema, int subtaskIndex, int parallelism, BufferAllocator allocator, ProcessingClock clock) {
    this(jobId, operatorId, tableName, options, outputSchema, subtaskIndex, parallelism, allocator, clock, Map.of());
  }
}
