package io.tributary.worker.data;

/** A batch, watermark or barrier could not travel between two workers; the message says which and why. */
public final class DataPlaneException extends RuntimeException {
    public DataPlaneException(String message) {
        super(message);
    }

    public DataPlaneException(String message, Throwable cause) {
        super(message, cause);
    }
}
