package io.tributary.controller.job;

import io.tributary.controller.leader.Leadership;

/** Hands events from the control plane to the supervisor of the job they concern. */
public interface JobEventRouter extends Leadership {
    /** @return false when no supervisor of that job runs here */
    boolean deliver(String jobId, JobEvent event);

    /** Whether this controller leads now: only the leader takes workers' registrations. */
    @Override
    default boolean leading() {
        return true;
    }
}
