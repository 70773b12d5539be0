package io.tributary.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static io.tributary.cluster.ClusterPipelines.assertFinished;
import static io.tributary.cluster.ClusterPipelines.awaitCheckpoint;
import static io.tributary.cluster.ClusterPipelines.create;
import static io.tributary.cluster.ClusterPipelines.job;
import static io.tributary.cluster.ClusterPipelines.netCounts;

import io.tributary.api.model.Pipeline;
import io.tributary.api.model.RestartMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A restart through every service: a checkpointed pipeline with an updating aggregate, restarted
 * {@code safe} while it runs, goes {@code Restarting}, takes a final checkpoint, runs again from it
 * and ends with the per-key counts of a straight run: nothing lost, nothing counted twice.
 */
class RestartEndToEndTest extends SharedClusterTest {
    /** 2 000 impulse rows over 10 s, counted per key into a changelog. */
    private static final String QUERY = """
            CREATE TABLE impulse_source WITH (connector = 'impulse', event_rate = '200', message_count = '2000');
            CREATE TABLE counts WITH (connector = 'single_file', path = '%s', format = 'debezium_json', type = 'sink');
            INSERT INTO counts SELECT counter %% 7 AS k, count(*) AS n FROM impulse_source GROUP BY counter %% 7;
            """;

    @Test
    void aPipelineRestartedSafelyWhileRunningEndsWithTheCountsOfAStraightRun() throws Exception {
        Path straightOutput = home.resolve("straight.json");
        Path restartedOutput = home.resolve("restarted.json");
        Pipeline straight = create(client, "straight", QUERY.formatted(straightOutput), Optional.of(500_000L));
        Pipeline restarted = create(client, "restarted", QUERY.formatted(restartedOutput), Optional.of(500_000L));
        String jobId = job(client, restarted.id()).id();
        // Some state to carry over: a checkpoint completed, and so rows were counted.
        awaitCheckpoint(client, restarted.id(), jobId);

        client.restartPipeline(restarted.id(), RestartMode.SAFE);

        assertFinished(client, restarted.id(), Duration.ofSeconds(90));
        assertFinished(client, straight.id(), Duration.ofSeconds(90));
        assertThat(job(client, restarted.id()).runId()).as("a second run").isEqualTo(2);
        assertThat(transitions(jobId)).containsSubsequence(
                "Running -> Restarting: safe restart requested",
                "Restarting -> Compiling: safe restart: final checkpoint N completed and every task ended",
                "Scheduling -> Running: started N subtasks on N worker from checkpoint N (safe restart)",
                "Running -> Finishing: every source finished and every task drained");
        Map<Long, Long> expected = new TreeMap<>();
        LongStream.range(0, 2000).forEach(counter -> expected.merge(counter % 7, 1L, Long::sum));
        assertThat(netCounts(straightOutput)).isEqualTo(expected);
        assertThat(netCounts(restartedOutput)).isEqualTo(expected);
    }

    /** The job's transitions, each as "from -> to: reason", with N for every number. */
    private static List<String> transitions(String jobId) throws Exception {
        try (Connection database = DriverManager.getConnection(EmbeddedCluster.embeddedDatabaseUrl(home), "sa", "")) {
            var query = database.prepareStatement(
                    "SELECT from_state, to_state, reason FROM job_transitions WHERE job_id = ? ORDER BY id");
            query.setString(1, jobId);
            ResultSet rows = query.executeQuery();
            List<String> transitions = new ArrayList<>();
            while (rows.next()) {
                transitions.add(rows.getString(1) + " -> " + rows.getString(2) + ": "
                        + rows.getString(3).replaceAll("[0-9]+", "N"));
            }
            return transitions;
        }
    }
}
