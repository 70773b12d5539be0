package io.tributary.api.client;

/** The API answered with an error status; the message is the server's, meant for the user. */
public class TributaryApiException extends RuntimeException {
    private final int status;

    public TributaryApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public TributaryApiException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** The HTTP status, or 0 when the server could not be reached. */
    public int status() {
        return status;
    }
}
