package io.tributary.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static io.tributary.cluster.ClusterPipelines.assertFinished;
import static io.tributary.cluster.ClusterPipelines.awaitCheckpoint;
import static io.tributary.cluster.ClusterPipelines.create;
import static io.tributary.cluster.ClusterPipelines.job;
import static io.tributary.cluster.ClusterPipelines.rows;

import io.tributary.api.client.TributaryClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster shut down while a checkpointed job runs, and started again on the same home: the new
 * controller adopts the job, recovers it from its latest checkpoint, and the output is exactly that
 * of an uninterrupted run.
 */
class ControllerRestartTest {
    @TempDir
    Path home;

    @Test
    void aJobRunningWhenItsControllerStopsContinuesFromItsCheckpointWhenTheControllerStartsAgain() throws Exception {
        Path output = home.resolve("counts.json");
        String pipelineId;
        String jobId;
        try (EmbeddedCluster cluster = ClusterPipelines.start(home)) {
            TributaryClient client = new TributaryClient(cluster.apiUrl());
            // 1 500 impulse rows over 15 s, counted per key in one day-wide window.
            pipelineId = create(client, "restarted", CheckpointEndToEndTest.QUERY.formatted(output),
                    Optional.of(1_000_000L)).id();
            jobId = job(client, pipelineId).id();
            awaitCheckpoint(client, pipelineId, jobId);
            assertThat(job(client, pipelineId).state()).isEqualTo("Running");
        }

        try (EmbeddedCluster cluster = ClusterPipelines.start(home)) {
            TributaryClient client = new TributaryClient(cluster.apiUrl());
            assertFinished(client, pipelineId, Duration.ofSeconds(120));
        }

        // Per key k: 300 rows, whose counters k, k + 5, … sum to 5 · (0 + … + 299) + 300 · k.
        List<Map<String, Object>> expected = IntStream.range(0, 5)
                .mapToObj(k -> Map.<String, Object>of("k", k, "n", 300, "total", 224_250 + 300 * k))
                .toList();
        assertThat(rows(output)).containsExactlyInAnyOrderElementsOf(expected);

        // The second controller adopted the job into a new run restored from a checkpoint: it was not run afresh.
        try (Connection database = DriverManager.getConnection(EmbeddedCluster.embeddedDatabaseUrl(home), "sa", "")) {
            var job = database.prepareStatement("SELECT run_id, restored_epoch FROM jobs WHERE id = ?");
            job.setString(1, jobId);
            ResultSet row = job.executeQuery();
            assertThat(row.next()).isTrue();
            assertThat(row.getLong("run_id")).isEqualTo(2);
            assertThat(row.getObject("restored_epoch")).as("restored epoch").isNotNull();
            var adoption = database.prepareStatement("""
                    SELECT reason FROM job_transitions
                    WHERE job_id = ? AND from_state = 'Running' AND to_state = 'Recovering'""");
            adoption.setString(1, jobId);
            ResultSet reason = adoption.executeQuery();
            assertThat(reason.next()).isTrue();
            assertThat(reason.getString(1)).contains("the controller changed while the job was Running");
        }
    }
}
