package io.tributary.controller.store;

import io.tributary.controller.job.JobState;
import io.tributary.controller.job.StopRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The controller's view of the shared database: it reads jobs and their desired state (written
 * by pipeline-service) and writes every state transition, with its time and reason.
 */
@Repository
public class JobStore {
    private static final String SELECT_JOB = """
            SELECT j.id, j.pipeline_id, j.state, j.run_id, j.stop_mode, j.running_desired, j.updated_at,
                   j.finish_time, j.ttl_micros, p.parallelism
            FROM jobs j JOIN pipelines p ON p.id = j.pipeline_id
            """;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public JobStore(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Jobs that need a supervisor: every job not yet ended, and ended ones asked to run again. */
    public List<JobRecord> jobsToSupervise() {
        return jdbc.sql(SELECT_JOB + """
                        WHERE j.state NOT IN ('Stopped', 'Finished', 'Failed')
                           OR (j.state IN ('Stopped', 'Failed') AND j.running_desired AND j.stop_mode = 'none'
                               AND j.updated_at > COALESCE(j.finish_time, 0))
                        """)
                .query(JobStore::job)
                .list();
    }

    public Optional<JobRecord> job(String jobId) {
        return jdbc.sql(SELECT_JOB + " WHERE j.id = :id").param("id", jobId).query(JobStore::job).optional();
    }

    /** The planned program of the job's pipeline, protobuf-encoded. */
    public byte[] program(String jobId) {
        return jdbc.sql("SELECT p.program FROM jobs j JOIN pipelines p ON p.id = j.pipeline_id WHERE j.id = :id")
                .param("id", jobId)
                .query((rs, row) -> rs.getBytes(1))
                .single();
    }

    /** Starts a new run of the job and returns its number. */
    public long nextRun(String jobId) {
        return transactions.execute(status -> {
            jdbc.sql("UPDATE jobs SET run_id = run_id + 1 WHERE id = :id").param("id", jobId).update();
            return jdbc.sql("SELECT run_id FROM jobs WHERE id = :id").param("id", jobId).query(Long.class).single();
        });
    }

    /** Persists a transition together with the job's new state and the times it implies. */
    public void transition(String jobId, long runId, JobState from, JobState to, String reason, long atMicros,
            Optional<String> failure) {
        transactions.executeWithoutResult(status -> {
            List<String> assignments = new ArrayList<>(List.of("state = :state"));
            if (to == JobState.RUNNING) {
                assignments.add("start_time = :at");
            }
            if (to.terminal()) {
                assignments.add("finish_time = :at");
            } else if (from.terminal()) {
                assignments.add("finish_time = NULL");
            }
            if (failure.isPresent()) {
                assignments.add("failure_message = :failure");
            } else if (from.terminal()) {
                assignments.add("failure_message = NULL");
            }
            var update = jdbc.sql("UPDATE jobs SET " + String.join(", ", assignments) + " WHERE id = :id")
                    .param("state", to.label())
                    .param("id", jobId);
            if (to == JobState.RUNNING || to.terminal()) {
                update = update.param("at", atMicros);
            }
            if (failure.isPresent()) {
                update = update.param("failure", failure.get());
            }
            update.update();
            jdbc.sql("""
                            INSERT INTO job_transitions (job_id, run_id, from_state, to_state, reason, at_micros)
                            VALUES (:id, :run, :from, :to, :reason, :at)
                            """)
                    .param("id", jobId)
                    .param("run", runId)
                    .param("from", from.label())
                    .param("to", to.label())
                    .param("reason", reason)
                    .param("at", atMicros)
                    .update();
        });
    }

    private static JobRecord job(ResultSet rs, int row) throws SQLException {
        long finish = rs.getLong("finish_time");
        Optional<Long> finishTime = rs.wasNull() ? Optional.empty() : Optional.of(finish);
        long ttl = rs.getLong("ttl_micros");
        Optional<Long> ttlMicros = rs.wasNull() ? Optional.empty() : Optional.of(ttl);
        return new JobRecord(
                rs.getString("id"),
                rs.getString("pipeline_id"),
                JobState.fromLabel(rs.getString("state")),
                rs.getLong("run_id"),
                StopRequest.parse(rs.getString("stop_mode")),
                rs.getBoolean("running_desired"),
                rs.getLong("updated_at"),
                finishTime,
                ttlMicros,
                rs.getInt("parallelism"));
    }
}
