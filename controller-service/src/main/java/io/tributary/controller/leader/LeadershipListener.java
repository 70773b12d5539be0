package io.tributary.controller.leader;

/** Told when this controller becomes the leader and when it stops being it. Calls never overlap. */
public interface LeadershipListener {
    /** This controller holds the lease under {@code epoch}: it should run the jobs. */
    void elected(long epoch);

    /**
     * This controller no longer holds the lease of {@code epoch} (it lapsed, another controller took
     * it, or this one shuts down): it must stop acting on jobs before returning, since another
     * controller takes them over once the lease expires.
     */
    void revoked(long epoch);
}
