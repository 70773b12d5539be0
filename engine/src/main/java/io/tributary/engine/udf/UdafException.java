package io.tributary.engine.udf;

/** An aggregate UDF's method failed, or its accumulator could not be checkpointed or restored. */
public final class UdafException extends RuntimeException {
  UdafException(String message, Throwable cause) {
    super(message + ": " + cause, cause);
  }

  /** The UDAF's {@code method} threw. */
  static UdafException failed(String udaf, String method, Throwable cause) {
    return new UdafException("aggregate UDF '" + udaf + "' failed in " + method, cause);
  }
}
