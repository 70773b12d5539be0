package io.tributary.engine.runtime;

/** A logical program this engine cannot run as given (dangling edges, bad parallelism, …). */
public final class InvalidProgramException extends RuntimeException {
  public InvalidProgramException(String message) {
    super(message);
  }
}
