package io.tributary.controller.store;

import static java.util.Objects.requireNonNull;

import io.tributary.controller.job.RestartRequest;
import java.util.Optional;

/**
 * Where a job's restarts stand.
 *
 * @param requested the latest restart the user asked for, carried out or not
 * @param carriedOutAtMicros the {@code requestedAtMicros} of the latest request a run carried out (0 for none)
 * @param discardedThroughEpoch checkpoints up to this epoch hold state a restart ignoring state
 *     discarded: no run restores them
 */
public record RestartStatus(Optional<RestartRequest> requested, long carriedOutAtMicros, long discardedThroughEpoch) {
    /** A job never asked to restart. */
    public static final RestartStatus NONE = new RestartStatus(Optional.empty(), 0, 0);

    public RestartStatus {
        requireNonNull(requested, "requested is null");
    }
}
