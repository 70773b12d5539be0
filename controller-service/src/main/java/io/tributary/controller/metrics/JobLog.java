package io.tributary.controller.metrics;

import io.tributary.proto.control.TaskEvent;

/**
 * The job's error log, which the API lists under {@code …/jobs/{job_id}/errors}: every task failure
 * the controller accepted, not only the one that finally failed the job.
 */
public interface JobLog {
    /** A task of the job's run {@code runId} failed, as {@code event} (a {@code TASK_FAILED}) says. */
    void taskFailed(String jobId, long runId, TaskEvent event, long atMicros);
}
