package io.tributary.controller.schedule;

import java.util.List;

/**
 * Obtains workers for a job. Workers, once started, register themselves over the control plane;
 * the scheduler only says which worker ids to expect.
 */
public interface Scheduler {
    /** Starts the workers; returns the ids they will register with. */
    List<String> startWorkers(WorkerRequest request) throws SchedulingException;

    /** Stops every worker of that run of the job; stopping nothing is fine. */
    void stopWorkers(String jobId, long runId);

    /** Workers could not be started. */
    final class SchedulingException extends Exception {
        public SchedulingException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
