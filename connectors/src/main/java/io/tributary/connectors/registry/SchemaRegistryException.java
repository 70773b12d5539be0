package io.tributary.connectors.registry;

import io.tributary.engine.connector.ConnectorException;

/** A schema registry refused or could not be reached for what a table needs of it. */
public final class SchemaRegistryException extends ConnectorException {
  public SchemaRegistryException(String message) {
    super(message);
  }

  public SchemaRegistryException(String message, Throwable cause) {
    super(message, cause);
  }
}
