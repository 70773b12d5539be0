package io.tributary.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.api.client.ApiJson;
import io.tributary.api.client.TributaryClient;
import io.tributary.api.model.Checkpoint;
import io.tributary.api.model.Job;
import io.tributary.api.model.OperatorCheckpointGroup;
import io.tributary.api.model.Pipeline;
import io.tributary.api.model.PipelinePost;
import io.tributary.api.model.StopType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.type.TypeReference;

/**
 * Checkpoints through every service: a keyed window pipeline checkpoints every second, is stopped
 * with a final checkpoint, restarted from it and runs to the end; its output equals that of a
 * straight run, with nothing lost or repeated.
 */
class CheckpointEndToEndTest {
    /**
     * 1 500 impulse rows over 15 s, counted per key. The window is a day wide so that processing-time
     * windows cannot differ between the two runs (unless one spans midnight UTC).
     */
    private static final String QUERY = """
            CREATE TABLE impulse_source WITH (connector = 'impulse', event_rate = '100', message_count = '1500');
            CREATE TABLE counts WITH (connector = 'single_file', path = '%s', format = 'json', type = 'sink');
            INSERT INTO counts
            SELECT counter %% 5 AS k, count(*) AS n, sum(counter) AS total
            FROM impulse_source GROUP BY counter %% 5, tumble(interval '1 day');
            """;

    @TempDir
    static Path home;

    static EmbeddedCluster cluster;
    static TributaryClient client;

    @BeforeAll
    static void start() {
        cluster = EmbeddedCluster.start(new EmbeddedCluster.Options(home, ServicePorts.ephemeral(), false, true));
        client = new TributaryClient(cluster.apiUrl());
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aPipelineStoppedWithACheckpointAndRestartedWritesWhatAStraightRunWrites() throws Exception {
        Path straightOutput = home.resolve("straight.json");
        Path resumedOutput = home.resolve("resumed.json");
        Pipeline straight = client.createPipeline(new PipelinePost("straight", QUERY.formatted(straightOutput),
                Optional.of(1), Optional.of(1_000_000L)));
        Pipeline resumed = client.createPipeline(new PipelinePost("resumed", QUERY.formatted(resumedOutput),
                Optional.of(1), Optional.of(1_000_000L)));
        String jobId = client.listJobs(resumed.id()).data().getFirst().id();

        await().atMost(Duration.ofSeconds(60)).until(() -> completed(resumed.id(), jobId).size() >= 2);
        Checkpoint checkpoint = completed(resumed.id(), jobId).getLast();
        assertThat(checkpoint.backend()).startsWith("file:");
        assertThat(checkpoint.finishTime()).hasValueSatisfying(finish -> assertThat(finish)
                .isGreaterThanOrEqualTo(checkpoint.startTime()));
        List<OperatorCheckpointGroup> groups = client.operatorCheckpointGroups(resumed.id(), jobId, checkpoint.epoch())
                .data();
        assertThat(groups).isNotEmpty();
        assertThat(groups).allSatisfy(group -> assertThat(group.subtasks()).isNotEmpty());

        client.stopPipeline(resumed.id(), StopType.CHECKPOINT);
        await().atMost(Duration.ofSeconds(60)).until(() -> state(resumed.id()).equals("Stopped"));
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

    private static List<Checkpoint> completed(String pipelineId, String jobId) {
        return client.jobCheckpoints(pipelineId, jobId).data().stream()
                .filter(checkpoint -> checkpoint.finishTime().isPresent())
                .toList();
    }

    /** Waits for the job to end (a restarted one reads Stopped until the controller takes it up again). */
    private static void assertFinished(String pipelineId) {
        await().atMost(Duration.ofSeconds(90)).until(() -> List.of("Finished", "Failed").contains(state(pipelineId)));
        Job job = client.listJobs(pipelineId).data().getFirst();
        assertThat(job.state()).as("job %s: %s", job.id(), job.failureMessage().orElse("no failure")).isEqualTo("Finished");
    }

    private static String state(String pipelineId) {
        return client.listJobs(pipelineId).data().getFirst().state();
    }

    private static List<Map<String, Object>> rows(Path file) throws Exception {
        return Files.readAllLines(file).stream()
                .filter(line -> !line.isBlank())
                .map(line -> ApiJson.mapper().readValue(line, new TypeReference<Map<String, Object>>() {}))
                .toList();
    }
}
