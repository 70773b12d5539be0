package io.tributary.controller.metrics;

import io.tributary.proto.control.TaskEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Writes the log into {@code job_log} (pipeline-service's migration V6), which the API reads. */
@Component
public class JdbcJobLog implements JobLog {
    private final JdbcClient jdbc;

    public JdbcJobLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void taskFailed(String jobId, long runId, TaskEvent event, long atMicros) {
        jdbc.sql("""
                        INSERT INTO job_log (job_id, run_id, created_at, operator_id, task_index, level, message, details)
                        VALUES (:job, :run, :at, :operator, :task, 'error', :message, :details)
                        """)
                .param("job", jobId)
                .param("run", runId)
                .param("at", atMicros)
                .param("operator", event.getOperatorId().isEmpty() ? null : event.getOperatorId())
                .param("task", event.getSubtaskIndex())
                .param("message", event.getErrorMessage())
                .param("details", event.getErrorDetails())
                .update();
    }
}
