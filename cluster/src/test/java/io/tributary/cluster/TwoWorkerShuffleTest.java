package io.tributary.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.api.model.Job;
import io.tributary.api.model.Pipeline;
import io.tributary.api.model.PipelinePost;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run wider than a worker JVM's slots spreads over several worker JVMs, and its keyed shuffle
 * crosses them through the workers' data plane: with one slot per worker, a parallelism-2 window
 * aggregation runs on two JVMs, writes exactly the rows one JVM would, and recovers exactly from a
 * checkpoint the two took together when one of them is killed.
 */
class TwoWorkerShuffleTest {
    @TempDir
    static Path home;

    static ProcessCluster cluster;

    @BeforeAll
    static void start() {
        cluster = ProcessCluster.start(home, Map.of("tributary.controller.process.slots-per-worker", "1"));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aKeyedShuffleAtParallelismTwoOnTwoWorkersWritesWhatOneWorkerWrites() throws Exception {
        WindowedEvents events = new WindowedEvents(20_000, 7, 500);
        Path input = home.resolve("shuffle.json");
        Path output = home.resolve("shuffle-counts.json");
        events.write(input);

        Pipeline pipeline = cluster.client.createPipeline(new PipelinePost("shuffle", events.query(input, output),
                Optional.of(2), Optional.of(1_000_000L)));
        cluster.awaitFinished(pipeline.id());

        Job job = cluster.job(pipeline.id());
        assertThat(WindowedEvents.written(output)).containsExactlyElementsOf(events.expected());
        assertThat(cluster.transitions(job.id()))
                .anySatisfy(transition -> assertThat(transition.reason()).contains("on 2 workers"));
        assertThat(ProcessCluster.workers(job.id())).as("worker JVMs of the finished job").isEmpty();
    }

    @Test
    void killingOneOfTheTwoWorkersRecoversFromTheirCheckpointWithExactOutput() throws Exception {
        WindowedEvents events = new WindowedEvents(400_000, 8, 1000);
        Path input = home.resolve("killed.json");
        Path output = home.resolve("killed-counts.json");
        events.write(input);

        Pipeline pipeline = cluster.client.createPipeline(new PipelinePost("killed", events.query(input, output),
                Optional.of(2), Optional.of(1_000_000L)));
        String jobId = cluster.job(pipeline.id()).id();
        await().atMost(ProcessCluster.PATIENCE).until(() -> cluster.job(pipeline.id()).state().equals("Running")
                && ProcessCluster.worker(jobId, cluster.job(pipeline.id()).runId(), 1).isPresent());
        long firstRun = cluster.job(pipeline.id()).runId();
        ProcessHandle second = ProcessCluster.worker(jobId, firstRun, 1).orElseThrow();
        ClusterPipelines.awaitCheckpoint(cluster.client, pipeline.id(), jobId);

        assertThat(second.destroyForcibly()).as("kill -9 of the run's second worker").isTrue();
        cluster.awaitFinished(pipeline.id());

        assertThat(cluster.job(pipeline.id()).runId()).as("the run after the kill").isGreaterThan(firstRun);
        assertThat(cluster.transitions(jobId))
                .anySatisfy(transition -> assertThat(transition.reason()).contains("from checkpoint"));
        assertThat(WindowedEvents.written(output)).containsExactlyElementsOf(events.expected());
    }
}
