package io.tributary.engine.connector;

/** A connector could not be created, configured, read from or written to. */
public class ConnectorException extends RuntimeException {
  public ConnectorException(String message) {
    super(message);
  }

  public ConnectorException(String message, Throwable cause) {
    super(message, cause);
  }
}
