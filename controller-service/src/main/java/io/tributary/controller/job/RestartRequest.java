package io.tributary.controller.job;

import static java.util.Objects.requireNonNull;

/**
 * A restart the user asked for.
 *
 * @param requestedAtMicros when; strictly increasing per job, so it also tells requests apart
 */
public record RestartRequest(RestartMode mode, long requestedAtMicros) {
    public RestartRequest {
        requireNonNull(mode, "mode is null");
    }
}
