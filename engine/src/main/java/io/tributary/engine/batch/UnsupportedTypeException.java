package io.tributary.engine.batch;

/** A type in a program or a batch that the engine cannot represent or process. */
public final class UnsupportedTypeException extends RuntimeException {
  public UnsupportedTypeException(String message) {
    super(message);
  }
}
