package io.tributary.engine.connector;

import java.util.Set;

/** A table names a connector that no registered {@link Connector} provides. */
public final class UnknownConnectorException extends ConnectorException {
  private final String connector;

  public UnknownConnectorException(String connector, Set<String> known) {
    super("unknown connector '" + connector + "'; known connectors: " + String.join(", ", known));
    this.connector = connector;
  }

  public String connector() {
    return connector;
  }
}
