package io.tributary.engine.operator.async;

/** An async UDF call failed or took too long; the task fails rather than lose or guess the row. */
public final class AsyncUdfException extends RuntimeException {
  public AsyncUdfException(String message, Throwable cause) {
    super(message, cause);
  }
}
