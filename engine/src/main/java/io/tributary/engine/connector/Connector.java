package io.tributary.engine.connector;

import io.tributary.proto.program.TypeKind;
import java.util.Map;

/**
 * A kind of external system tables can read from or write to ({@code connector = '…'} in a
 * table's WITH clause). Implementations are found with {@link java.util.ServiceLoader} and
 * must have a public no-argument constructor; one instance serves every table and subtask.
 */
public interface Connector {
  /** The name tables use, lower case. */
  String name();

  /**
   * The metadata a source of this connector offers to {@code c T METADATA FROM 'key'} columns: key
   * to the column type it fills. The planner's connector catalog declares the same keys.
   */
  default Map<String, TypeKind> metadata() {
    return Map.of();
  }

  /** A reader for one subtask of a source table. */
  default Source createSource(SourceContext context) {
    throw new ConnectorException(
        "connector '" + name() + "' cannot be read from (table " + context.tableName() + ")");
  }

  /** A writer for one subtask of a sink table. */
  default Sink createSink(SinkContext context) {
    throw new ConnectorException(
        "connector '" + name() + "' cannot be written to (table " + context.tableName() + ")");
  }

  /** A reader of rows by key for one subtask of a lookup join against a lookup table. */
  default LookupSource createLookup(LookupContext context) {
    throw new ConnectorException(
        "connector '" + name() + "' cannot be used as a lookup table (table " + context.tableName() + ")");
  }
}
