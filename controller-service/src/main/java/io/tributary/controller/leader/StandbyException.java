package io.tributary.controller.leader;

/** A request for what only the leader keeps in memory, made to a standby; it answers 503. */
public final class StandbyException extends RuntimeException {
    public StandbyException(String what) {
        super("this controller is a standby; ask the leader for " + what);
    }
}
