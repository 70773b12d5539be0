package io.tributary.controller.leader;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The controller lease as the database holds it.
 *
 * @param holder the instance id of the controller that holds (or last held) it; empty before the first
 * @param epoch the fencing token: raised each time the lease is taken, never when it is renewed
 * @param expiresAt after this instant on the database's clock anyone may take the lease
 */
public record Lease(String holder, long epoch, Instant expiresAt) {
    public Lease {
        requireNonNull(holder, "holder is null");
        requireNonNull(expiresAt, "expiresAt is null");
    }
}
