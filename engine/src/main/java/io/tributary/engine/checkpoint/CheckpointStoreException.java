package io.tributary.engine.checkpoint;

/** A checkpoint store operation failed; the message names the operation, path and store. */
public final class CheckpointStoreException extends RuntimeException {
  public CheckpointStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public CheckpointStoreException(String message) {
    super(message);
  }
}
