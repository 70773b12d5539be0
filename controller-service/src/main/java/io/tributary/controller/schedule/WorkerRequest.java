package io.tributary.controller.schedule;

import static java.util.Objects.requireNonNull;

/** Workers wanted for one run of a job. */
public record WorkerRequest(String jobId, long runId, int workers, int slotsPerWorker) {
    public WorkerRequest {
        requireNonNull(jobId, "jobId is null");
        if (workers < 1 || slotsPerWorker < 1) {
            throw new IllegalArgumentException("a job needs at least one worker with one slot");
        }
    }
}
