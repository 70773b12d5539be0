package io.tributary.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.api.client.ApiJson;
import io.tributary.api.client.TributaryClient;
import io.tributary.api.model.Checkpoint;
import io.tributary.api.model.Job;
import io.tributary.api.model.Pipeline;
import io.tributary.api.model.PipelinePost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.core.type.TypeReference;

/**
 * What the end-to-end tests do to a cluster through its API and then look at, kept in one place so
 * that every test waits on jobs and reads sink files the same way.
 */
final class ClusterPipelines {
    /** Long enough for a worker to start and take its first checkpoint on a shared, slow machine. */
    static final Duration STARTUP = Duration.ofSeconds(60);

    private ClusterPipelines() {}

    /** A quiet cluster without the UI on {@code home}, on ports of its own. */
    static EmbeddedCluster start(Path home) {
        return start(home, ServicePorts.ephemeral());
    }

    static EmbeddedCluster start(Path home, ServicePorts ports) {
        return EmbeddedCluster.start(new EmbeddedCluster.Options(home, ports, false, true));
    }

    /** Creates a pipeline at parallelism 1. */
    static Pipeline create(TributaryClient client, String name, String query, Optional<Long> checkpointMicros) {
        return client.createPipeline(new PipelinePost(name, query, Optional.of(1), checkpointMicros));
    }

    /** The pipeline's newest job. */
    static Job job(TributaryClient client, String pipelineId) {
        return client.listJobs(pipelineId).data().getFirst();
    }

    static List<Checkpoint> completedCheckpoints(TributaryClient client, String pipelineId, String jobId) {
        return client.jobCheckpoints(pipelineId, jobId).data().stream()
                .filter(checkpoint -> checkpoint.finishTime().isPresent())
                .toList();
    }

    /** Waits until the job has completed a checkpoint, and so has state to carry over. */
    static void awaitCheckpoint(TributaryClient client, String pipelineId, String jobId) {
        await().atMost(STARTUP).until(() -> !completedCheckpoints(client, pipelineId, jobId).isEmpty());
    }

    static void awaitState(TributaryClient client, String pipelineId, String state) {
        await().atMost(STARTUP).until(() -> job(client, pipelineId).state().equals(state));
    }

    /**
     * Waits for the job to end and says that it finished, or why not (a restarted job reads Stopped
     * until the controller takes it up again, so only Finished and Failed end the wait).
     */
    static void assertFinished(TributaryClient client, String pipelineId, Duration patience) {
        await().atMost(patience).until(() -> List.of("Finished", "Failed").contains(job(client, pipelineId).state()));
        Job job = job(client, pipelineId);
        assertThat(job.state()).as("job %s: %s", job.id(), job.failureMessage().orElse("no failure"))
                .isEqualTo("Finished");
    }

    /** The rows of a JSON-lines sink file. */
    static List<Map<String, Object>> rows(Path file) throws Exception {
        return Files.readAllLines(file).stream()
                .filter(line -> !line.isBlank())
                .map(line -> ApiJson.mapper().readValue(line, new TypeReference<Map<String, Object>>() {}))
                .toList();
    }

    /**
     * Replays a Debezium changelog of per-key counts ({@code k}, {@code n}): per key, the count it
     * ends with. Every retraction must match the row it retracts, and a key has one row at a time.
     */
    static Map<Long, Long> netCounts(Path file) throws Exception {
        Map<Long, Long> counts = new TreeMap<>();
        for (Map<String, Object> change : rows(file)) {
            boolean retraction = change.get("op").equals("d");
            @SuppressWarnings("unchecked")
            Map<String, Object> row = (Map<String, Object>) change.get(retraction ? "before" : "after");
            long key = ((Number) row.get("k")).longValue();
            long n = ((Number) row.get("n")).longValue();
            if (retraction) {
                assertThat(counts.remove(key)).as("%s retracts the row it emitted for key %d", file, key).isEqualTo(n);
            } else {
                assertThat(counts.put(key, n)).as("%s: one row per key %d at a time", file, key).isNull();
            }
        }
        return counts;
    }
}
