package io.tributary.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static io.tributary.cluster.ClusterPipelines.STARTUP;
import static io.tributary.cluster.ClusterPipelines.awaitCheckpoint;
import static io.tributary.cluster.ClusterPipelines.awaitState;
import static io.tributary.cluster.ClusterPipelines.completedCheckpoints;
import static io.tributary.cluster.ClusterPipelines.create;
import static io.tributary.cluster.ClusterPipelines.job;
import static io.tributary.cluster.ClusterPipelines.netCounts;
import static io.tributary.cluster.ClusterPipelines.rows;
import static org.awaitility.Awaitility.await;

import io.tributary.api.model.Checkpoint;
import io.tributary.api.model.OperatorCheckpointGroup;
import io.tributary.api.model.Pipeline;
import io.tributary.api.model.PipelinePatch;
import io.tributary.api.model.PipelinePost;
import io.tributary.api.model.StopType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Checkpoints through every service: a keyed window pipeline checkpoints every second, is stopped
 * with a final checkpoint, restarted from it and runs to the end; its output equals that of a
 * straight run, with nothing lost or repeated.
 */
class CheckpointEndToEndTest extends SharedClusterTest {
    /**
     * 1 500 impulse rows over 15 s, counted per key. The window is a day wide so that processing-time
     * windows cannot differ between the two runs (unless one spans midnight UTC).
     */
    static final String QUERY = """
            CREATE TABLE impulse_source WITH (connector = 'impulse', event_rate = '100', message_count = '1500');
            CREATE TABLE counts WITH (connector = 'single_file', path = '%s', format = 'json', type = 'sink');
            INSERT INTO counts
            SELECT counter %% 5 AS k, count(*) AS n, sum(counter) AS total
            FROM impulse_source GROUP BY counter %% 5, tumble(interval '1 day');
            """;

    @Test
    void aPipelineStoppedWithACheckpointAndRestartedWritesWhatAStraightRunWrites() throws Exception {
        Path straightOutput = home.resolve("straight.json");
        Path resumedOutput = home.resolve("resumed.json");
        Pipeline straight = create(client, "straight", QUERY.formatted(straightOutput), Optional.of(1_000_000L));
        // This pipeline keeps its checkpoints in a store of its own, not the controller's.
        Path stateDir = home.resolve("resumed-state");
        Pipeline resumed = client.createPipeline(new PipelinePost("resumed", QUERY.formatted(resumedOutput),
                Optional.of(1), Optional.of(1_000_000L), Optional.of(stateDir.toUri().toString())));
        String jobId = job(client, resumed.id()).id();

        await().atMost(STARTUP).until(() -> completed(resumed.id(), jobId).size() >= 2);
        Checkpoint checkpoint = completed(resumed.id(), jobId).getLast();
        assertThat(checkpoint.backend()).startsWith("file:").contains(stateDir.toString());
        try (Stream<Path> files = Files.walk(stateDir)) {
            assertThat(files.filter(Files::isRegularFile)).as("checkpoint files in the pipeline's own store").isNotEmpty();
        }
        assertThat(checkpoint.finishTime()).hasValueSatisfying(finish -> assertThat(finish)
                .isGreaterThanOrEqualTo(checkpoint.startTime()));
        List<OperatorCheckpointGroup> groups = client.operatorCheckpointGroups(resumed.id(), jobId, checkpoint.epoch())
                .data();
        assertThat(groups).isNotEmpty();
        assertThat(groups).allSatisfy(group -> assertThat(group.subtasks()).isNotEmpty());

        client.stopPipeline(resumed.id(), StopType.CHECKPOINT);
        awaitState(client, resumed.id(), "Stopped");
        int finalEpoch = completed(resumed.id(), jobId).getLast().epoch();
        assertThat(finalEpoch).isGreaterThan(checkpoint.epoch());

        client.restartPipeline(resumed.id(), false);
        assertFinished(resumed.id());
        assertFinished(straight.id());

        List<Map<String, Object>> expected = rows(straightOutput);
        assertThat(expected).hasSize(5);
        assertThat(expected).allSatisfy(row -> assertThat(((Number) row.get("n")).longValue()).isEqualTo(300));
        assertThat(rows(resumedOutput)).containsExactlyInAnyOrderElementsOf(expected);
    }

    /**
     * A running pipeline patched from parallelism 1 to 3 takes a final checkpoint and restarts wider:
     * the impulse source produces each remaining counter once, and the per-key counts (keyed state
     * split by key-hash range over three subtasks) end exactly as a batch computation says.
     */
    @Test
    void aRunningPipelinePatchedToANewParallelismRescalesFromACheckpointAndLosesNothing() throws Exception {
        Path output = home.resolve("rescaled.json");
        Pipeline pipeline = create(client, "rescaled", """
                CREATE TABLE impulse_source WITH (connector = 'impulse', event_rate = '200', message_count = '2000');
                CREATE TABLE counts WITH (connector = 'single_file', path = '%s', format = 'debezium_json', type = 'sink');
                INSERT INTO counts SELECT counter %% 7 AS k, count(*) AS n FROM impulse_source GROUP BY counter %% 7;
                """.formatted(output), Optional.of(500_000L));
        String jobId = job(client, pipeline.id()).id();
        awaitCheckpoint(client, pipeline.id(), jobId);

        client.patchPipeline(pipeline.id(), PipelinePatch.parallelism(3));

        assertFinished(pipeline.id());
        assertThat(job(client, pipeline.id()).runId()).as("a second, wider run").isEqualTo(2);
        Map<Long, Long> expected = new TreeMap<>();
        LongStream.range(0, 2000).forEach(counter -> expected.merge(counter % 7, 1L, Long::sum));
        assertThat(netCounts(output)).isEqualTo(expected);
    }

    private static List<Checkpoint> completed(String pipelineId, String jobId) {
        return completedCheckpoints(client, pipelineId, jobId);
    }

    private static void assertFinished(String pipelineId) {
        ClusterPipelines.assertFinished(client, pipelineId, Duration.ofSeconds(90));
    }
}
