package io.tributary.engine.connector;

import static java.util.Objects.requireNonNull;

import org.apache.arrow.vector.types.pojo.Schema;

/**
 * What a lookup source of one subtask is given.
 *
 * @param valueSchema the columns the connector reads from a stored value (the table's columns
 *     without its key column and without {@code _timestamp})
 */
public record LookupContext(
    String jobId,
    String operatorId,
    String tableName,
    ConnectorOptions options,
    Schema valueSchema,
    int subtaskIndex,
    int parallelism) {
  public LookupContext {
    requireNonNull(jobId, "jobId is null");
    requireNonNull(operatorId, "operatorId is null");
    requireNonNull(tableName, "tableName is null");
    requireNonNull(options, "options is null");
    requireNonNull(valueSchema, "valueSchema is null");
    if (parallelism <= 0 || subtaskIndex < 0 || subtaskIndex >= parallelism) {
      throw new IllegalArgumentException(
          "subtask " + subtaskIndex + " of parallelism " + parallelism + " is impossible");
    }
  }
}
