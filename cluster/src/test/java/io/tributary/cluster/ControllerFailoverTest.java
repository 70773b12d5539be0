package io.tributary.cluster;

import static io.tributary.cluster.ClusterPipelines.assertFinished;
import static io.tributary.cluster.ClusterPipelines.awaitCheckpoint;
import static io.tributary.cluster.ClusterPipelines.completedCheckpoints;
import static io.tributary.cluster.ClusterPipelines.create;
import static io.tributary.cluster.ClusterPipelines.job;
import static io.tributary.cluster.ClusterPipelines.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.client.TributaryClient;
import io.tributary.api.model.Checkpoint;
import io.tributary.engine.connector.ConnectorRegistry;
import io.tributary.worker.Worker;
import io.tributary.worker.WorkerConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two controllers on one database and a pool worker that knows both: the leader dies while a
 * checkpointed job runs, the standby takes over and adopts the run on the same worker, its
 * checkpoints go on with higher epochs, and the output is exactly that of an uninterrupted run.
 */
class ControllerFailoverTest {
    private static final String SCHEDULER = "tributary.controller.scheduler";
    /** Impulse rows at 100 a second, counted per key in one day-wide window. */
    private static final String QUERY = """
            CREATE TABLE impulse_source WITH (connector = 'impulse', event_rate = '100', message_count = '%d');
            CREATE TABLE counts WITH (connector = 'single_file', path = '%s', format = 'json', type = 'sink');
            INSERT INTO counts
            SELECT counter %% 5 AS k, count(*) AS n, sum(counter) AS total
            FROM impulse_source GROUP BY counter %% 5, tumble(interval '1 day');
            """;
    /** 30 s of input: long enough to outlast an orderly failover. */
    private static final int ROWS = 3000;

    @TempDir
    Path home;

    @AfterEach
    void clearScheduler() {
        System.clearProperty(SCHEDULER);
    }

    @Test
    void theStandbyAdoptsTheRunningJobOnItsPoolWorkerWhenTheLeaderDies() throws Exception {
        Path output = home.resolve("counts.json");
        ServicePorts ports = ServicePorts.ephemeral();
        int leaderGrpc = ServicePorts.ephemeral().grpc();
        String database = EmbeddedCluster.embeddedDatabaseUrl(home);
        // Both controllers schedule onto the pool; the cluster's reads it from here, the leader from its own properties.
        System.setProperty(SCHEDULER, "pool");
        Flyway.configure().dataSource(database, "sa", "").locations("classpath:db/migration").load().migrate();

        // The leader starts first and takes the lease; the cluster's controller waits as the standby.
        ConfigurableApplicationContext leader = new ControllerProcess.Setup(home, database, "sa", ports.compiler(),
                Duration.ofSeconds(10)).inThisJvm(0, leaderGrpc);
        try (EmbeddedCluster cluster = ClusterPipelines.start(home, ports);
                Worker worker = Worker.start(new WorkerConfig("pool-1",
                        "127.0.0.1:" + leaderGrpc + ",127.0.0.1:" + ports.grpc(), "127.0.0.1", "127.0.0.1", 0, 4,
                        Optional.empty(), 0, Duration.ofMillis(500)), ConnectorRegistry.load())) {
            TributaryClient client = new TributaryClient(cluster.apiUrl());
            String pipelineId = create(client, "failover", query(ROWS, output),
                    Optional.of(1_000_000L)).id();
            String jobId = job(client, pipelineId).id();
            awaitCheckpoint(client, pipelineId, jobId);
            long lastBeforeFailover = latestEpoch(client, pipelineId, jobId);

            leader.close();

            assertFinished(client, pipelineId, Duration.ofSeconds(120));
            assertThat(latestEpoch(client, pipelineId, jobId)).as("checkpoints went on after the failover")
                    .isGreaterThan(lastBeforeFailover);
            try (Connection db = DriverManager.getConnection(database, "sa", "")) {
                var run = db.prepareStatement("SELECT run_id FROM jobs WHERE id = ?");
                run.setString(1, jobId);
                ResultSet row = run.executeQuery();
                assertThat(row.next()).isTrue();
                assertThat(row.getLong(1)).as("the run was adopted, not restarted").isEqualTo(1);
                var recoveries = db.prepareStatement(
                        "SELECT count(*) FROM job_transitions WHERE job_id = ? AND to_state = 'Recovering'");
                recoveries.setString(1, jobId);
                ResultSet count = recoveries.executeQuery();
                assertThat(count.next()).isTrue();
                assertThat(count.getLong(1)).isZero();
            }
        } finally {
            leader.close();
        }

        assertThat(rows(output)).containsExactlyInAnyOrderElementsOf(expectedRows(ROWS));
    }

    /** Counts per key of {@code rows} impulse rows (a multiple of 5), written to {@code output}. */
    static String query(int rows, Path output) {
        return QUERY.formatted(rows, output);
    }

    /**
     * {@link #query}'s output: per key k, n = rows / 5 rows, whose counters k, k + 5, … sum to
     * 5 · (0 + … + (n − 1)) + n · k.
     */
    static List<Map<String, Object>> expectedRows(int rows) {
        long n = rows / 5;
        return IntStream.range(0, 5)
                // Ints, as the JSON reader gives numbers that fit one.
                .mapToObj(k -> Map.<String, Object>of("k", k, "n", (int) n, "total", (int) (5 * n * (n - 1) / 2 + n * k)))
                .toList();
    }

    static long latestEpoch(TributaryClient client, String pipelineId, String jobId) {
        return completedCheckpoints(client, pipelineId, jobId).stream().mapToLong(Checkpoint::epoch).max().orElse(0);
    }
}
