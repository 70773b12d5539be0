package io.tributary.controller.store;

import io.tributary.controller.job.JobState;
import io.tributary.controller.job.RestartMode;
import io.tributary.controller.job.RestartRequest;
import io.tributary.controller.job.StopRequest;
import io.tributary.proto.checkpoint.CheckpointMetadata;
import io.tributary.proto.checkpoint.SubtaskCheckpoint;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link JobStore} on the shared database (PostgreSQL or H2), whose schema pipeline-service migrates. */
@Repository
public class JdbcJobStore implements JobStore {
    private static final String SELECT_JOB = """
            SELECT j.id, j.pipeline_id, j.state, j.run_id, j.stop_mode, j.running_desired, j.updated_at,
                   j.finish_time, j.ttl_micros, j.state_url, j.restarts, j.restart_mode, j.restart_requested_at,
                   j.restart_carried_out_at, j.discarded_through_epoch, p.parallelism, p.preview,
                   p.checkpoint_interval_micros
            FROM jobs j JOIN pipelines p ON p.id = j.pipeline_id
            """;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public JdbcJobStore(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public List<JobRecord> jobsToSupervise() {
        return jdbc.sql(SELECT_JOB + """
                        WHERE j.state NOT IN ('Stopped', 'Finished', 'Failed')
                           OR (j.state IN ('Stopped', 'Failed') AND j.running_desired AND j.stop_mode = 'none'
                               AND j.updated_at > COALESCE(j.finish_time, 0))
                        """)
                .query(JdbcJobStore::job)
                .list();
    }

    @Override
    public Optional<JobRecord> job(String jobId) {
        return jdbc.sql(SELECT_JOB + " WHERE j.id = :id").param("id", jobId).query(JdbcJobStore::job).optional();
    }

    @Override
    public byte[] program(String jobId) {
        return jdbc.sql("SELECT p.program FROM jobs j JOIN pipelines p ON p.id = j.pipeline_id WHERE j.id = :id")
                .param("id", jobId)
                .query((rs, row) -> rs.getBytes(1))
                .single();
    }

    @Override
    public long nextRun(String jobId) {
        return transactions.execute(status -> {
            jdbc.sql("UPDATE jobs SET run_id = run_id + 1 WHERE id = :id").param("id", jobId).update();
            return jdbc.sql("SELECT run_id FROM jobs WHERE id = :id").param("id", jobId).query(Long.class).single();
        });
    }

    @Override
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

    @Override
    public void runStarting(String jobId, long runId, Optional<String> stateUrl, Optional<Long> restoredEpoch,
            long atMicros) {
        transactions.executeWithoutResult(status -> {
            // The first store a job uses stays its store; later runs pass the same one.
            jdbc.sql("""
                            UPDATE jobs SET state_url = COALESCE(state_url, :url), restored_epoch = :epoch
                            WHERE id = :id""")
                    .param("url", stateUrl.orElse(null))
                    .param("epoch", restoredEpoch.orElse(null))
                    .param("id", jobId)
                    .update();
            jdbc.sql("""
                            UPDATE checkpoints SET state = 'failed', finish_time = :at,
                                   failure_message = 'its run ended before it completed'
                            WHERE job_id = :id AND state = 'in_progress' AND run_id < :run""")
                    .param("at", atMicros)
                    .param("id", jobId)
                    .param("run", runId)
                    .update();
        });
    }

    @Override
    public void recordRunWorkers(String jobId, long runId, List<String> rpcAddresses) {
        jdbc.sql("UPDATE jobs SET run_workers = :workers WHERE id = :id AND run_id = :run")
                .param("workers", String.join(",", rpcAddresses))
                .param("id", jobId)
                .param("run", runId)
                .update();
    }

    @Override
    public List<String> runWorkers(String jobId) {
        return jdbc.sql("SELECT run_workers FROM jobs WHERE id = :id")
                .param("id", jobId)
                .query((rs, row) -> Optional.ofNullable(rs.getString(1)))
                .optional()
                .flatMap(workers -> workers)
                .stream()
                .flatMap(workers -> Arrays.stream(workers.split(",")))
                .filter(address -> !address.isBlank())
                .toList();
    }

    @Override
    public void restartCarriedOut(String jobId, long requestedAtMicros, long discardedThroughEpoch) {
        jdbc.sql("""
                        UPDATE jobs SET restart_carried_out_at = :requested, discarded_through_epoch = :discarded
                        WHERE id = :id""")
                .param("requested", requestedAtMicros)
                .param("discarded", discardedThroughEpoch)
                .param("id", jobId)
                .update();
    }

    @Override
    public void restarted(String jobId) {
        jdbc.sql("UPDATE jobs SET restarts = restarts + 1 WHERE id = :id").param("id", jobId).update();
    }

    @Override
    public void checkpointStarted(String jobId, long runId, long epoch, String backend, boolean thenStop,
            long startMicros) {
        transactions.executeWithoutResult(status -> {
            // An epoch whose files never reached the store is handed out again by the next coordinator.
            jdbc.sql("DELETE FROM checkpoints WHERE job_id = :id AND epoch = :epoch")
                    .param("id", jobId)
                    .param("epoch", epoch)
                    .update();
            jdbc.sql("""
                            INSERT INTO checkpoints (job_id, epoch, run_id, state, backend, then_stop, start_time, bytes)
                            VALUES (:id, :epoch, :run, 'in_progress', :backend, :stop, :start, 0)""")
                    .param("id", jobId)
                    .param("epoch", epoch)
                    .param("run", runId)
                    .param("backend", backend)
                    .param("stop", thenStop)
                    .param("start", startMicros)
                    .update();
        });
    }

    @Override
    public void checkpointCompleted(CheckpointMetadata metadata) {
        long bytes = metadata.getSubtasksList().stream().mapToLong(SubtaskCheckpoint::getBytes).sum();
        jdbc.sql("""
                        UPDATE checkpoints SET state = 'completed', start_time = :start, finish_time = :finish,
                               bytes = :bytes, metadata = :metadata
                        WHERE job_id = :id AND epoch = :epoch""")
                .param("start", metadata.getStartedMicros())
                .param("finish", metadata.getFinishedMicros())
                .param("bytes", bytes)
                .param("metadata", metadata.toByteArray())
                .param("id", metadata.getJobId())
                .param("epoch", metadata.getEpoch())
                .update();
    }

    @Override
    public void checkpointFailed(String jobId, long epoch, long atMicros, String reason) {
        jdbc.sql("""
                        UPDATE checkpoints SET state = 'failed', finish_time = :at, failure_message = :reason
                        WHERE job_id = :id AND epoch = :epoch AND state = 'in_progress'""")
                .param("at", atMicros)
                .param("reason", reason)
                .param("id", jobId)
                .param("epoch", epoch)
                .update();
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
                rs.getInt("parallelism"),
                rs.getBoolean("preview"),
                rs.getLong("checkpoint_interval_micros"),
                Optional.ofNullable(rs.getString("state_url")),
                rs.getInt("restarts"),
                restart(rs));
    }

    private static RestartStatus restart(ResultSet rs) throws SQLException {
        // pipeline-service writes the mode and the time together.
        String mode = rs.getString("restart_mode");
        Optional<RestartRequest> requested = mode == null ? Optional.empty()
                : Optional.of(new RestartRequest(RestartMode.parse(mode), rs.getLong("restart_requested_at")));
        return new RestartStatus(requested, rs.getLong("restart_carried_out_at"), rs.getLong("discarded_through_epoch"));
    }
}
