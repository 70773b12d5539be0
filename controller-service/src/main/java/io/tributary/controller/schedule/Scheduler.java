package io.tributary.controller.schedule;

import java.util.List;
import java.util.OptionalInt;

/**
 * Obtains workers for a job. Workers, once started, register themselves over the control plane;
 * the scheduler only says which worker ids to expect.
 */
public interface Scheduler {
    /** Starts the workers; returns the ids they will register with. */
    List<String> startWorkers(WorkerRequest request) throws SchedulingException;

    /**
     * The slots each worker this scheduler starts has, when it decides that (a run needing more
     * slots gets several workers); empty: a worker gets the slots the run asks for.
     */
    default OptionalInt slotsPerWorker() {
        return OptionalInt.empty();
    }

    /**
     * Whether this scheduler's workers keep running when their controller dies, so that a new
     * leader can adopt their runs; embedded and process workers end with it.
     */
    default boolean workersOutliveController() {
        return false;
    }

    /**
     * Takes workers that a previous leader's run left running as that run's, so that no other run
     * claims them; only schedulers whose workers outlive their controller have any.
     */
    default void adopt(String jobId, long runId, List<String> workerIds) {}

    /** Stops every worker of that run of the job; stopping nothing is fine. */
    void stopWorkers(String jobId, long runId);

    /** Workers could not be started. */
    final class SchedulingException extends Exception {
        public SchedulingException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
