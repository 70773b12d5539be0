package io.tributary.connectors.format;

import io.tributary.engine.connector.ConnectorException;

/** Input that does not match the table's format or schema. */
public final class BadDataException extends ConnectorException {
  public BadDataException(String message) {
    super(message);
  }

  public BadDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
