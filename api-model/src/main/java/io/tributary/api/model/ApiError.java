package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

/** The body of every error response: the HTTP status and what went wrong, in words for the user. */
public record ApiError(int status, String message) {
    public ApiError {
        requireNonNull(message, "message is null");
    }
}
