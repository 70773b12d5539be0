package io.tributary.worker.udf;

/** A program's UDF could not be loaded on this worker; the message names the UDF and the cause. */
public final class UdfLoadException extends RuntimeException {
    public UdfLoadException(String message, Throwable cause) {
        super(message, cause);
    }

    public UdfLoadException(String message) {
        super(message);
    }
}
