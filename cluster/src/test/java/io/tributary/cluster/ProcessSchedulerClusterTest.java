package io.tributary.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.api.model.Job;
import io.tributary.api.model.Pipeline;
import io.tributary.api.model.PipelinePost;
import io.tributary.api.model.StopType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs on the {@code process} scheduler: each run's worker is a JVM of its own, which runs the job
 * to its end, goes when the job stops, and whose death (kill -9) the job recovers from.
 */
class ProcessSchedulerClusterTest {
    @TempDir
    static Path home;

    static ProcessCluster cluster;

    @BeforeAll
    static void start() {
        cluster = ProcessCluster.start(home, Map.of());
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aJobRunsInAWorkerJvmToItsEndAndTheJvmGoesWithIt() throws Exception {
        WindowedEvents events = new WindowedEvents(2_000, 3, 100);
        Path input = home.resolve("small.json");
        Path output = home.resolve("small-counts.json");
        events.write(input);

        Pipeline pipeline = cluster.client.createPipeline(new PipelinePost("small", events.query(input, output),
                Optional.of(1), Optional.of(1_000_000L)));
        cluster.awaitFinished(pipeline.id());

        Job job = cluster.job(pipeline.id());
        assertThat(WindowedEvents.written(output)).containsExactlyElementsOf(events.expected());
        assertThat(cluster.workerLog(job.id(), job.runId())).content().contains("registered with the controller");
        assertThat(ProcessCluster.workers(job.id())).as("worker JVMs of the finished job").isEmpty();
    }

    @Test
    void stoppingAJobEndsItsWorkerJvm() throws Exception {
        Pipeline pipeline = cluster.client.createPipeline(new PipelinePost("endless", """
                CREATE TABLE impulse_source WITH (connector = 'impulse', event_rate = '50');
                CREATE TABLE sink_out WITH (connector = 'blackhole');
                INSERT INTO sink_out SELECT counter FROM impulse_source;
                """, Optional.of(1), Optional.empty()));
        String jobId = cluster.job(pipeline.id()).id();
        ProcessHandle worker = cluster.awaitRunningWorker(pipeline.id(), jobId, 0);

        cluster.client.stopPipeline(pipeline.id(), StopType.IMMEDIATE);

        assertThat(cluster.awaitState(pipeline.id(), "Stopped", "Failed").state()).isEqualTo("Stopped");
        assertThat(worker.isAlive()).as("the worker JVM of the stopped job").isFalse();
        assertThat(ProcessCluster.workers(jobId)).isEmpty();
    }

    @Test
    void aJobWhoseWorkerJvmIsKilledRecoversInANewOneAndWritesEveryRowOnce() throws Exception {
        Path output = home.resolve("impulse-counts.json");
        // 1 200 rows over 12 s, counted per key in a window a day wide: the counts do not depend on
        // when the rows were made, however often the job restarts (unless it spans midnight UTC).
        Pipeline pipeline = cluster.client.createPipeline(new PipelinePost("killed", """
                CREATE TABLE impulse_source WITH (connector = 'impulse', event_rate = '100', message_count = '1200');
                CREATE TABLE counts WITH (connector = 'single_file', path = '%s', format = 'json', type = 'sink');
                INSERT INTO counts
                SELECT counter %% 4 AS k, count(*) AS n, sum(counter) AS total
                FROM impulse_source GROUP BY counter %% 4, tumble(interval '1 day');
                """.formatted(output), Optional.of(1), Optional.of(1_000_000L)));
        String jobId = cluster.job(pipeline.id()).id();
        ProcessHandle first = cluster.awaitRunningWorker(pipeline.id(), jobId, 0);
        long killedRun = cluster.job(pipeline.id()).runId();
        await().atMost(ProcessCluster.PATIENCE).until(() -> !cluster.client.jobCheckpoints(pipeline.id(), jobId).data()
                .stream().filter(checkpoint -> checkpoint.finishTime().isPresent()).toList().isEmpty());

        first.destroyForcibly();

        cluster.awaitRunningWorker(pipeline.id(), jobId, killedRun);
        cluster.awaitFinished(pipeline.id());
        List<ProcessCluster.Transition> recoveries = cluster.transitions(jobId).stream()
                .filter(transition -> transition.to().equals("Recovering"))
                .toList();
        assertThat(recoveries).singleElement().satisfies(recovery -> assertThat(recovery.reason())
                .contains("worker " + jobId + "-" + killedRun + "-w0").contains("exited with code 137"));
        assertThat(cluster.transitions(jobId)).anySatisfy(transition -> assertThat(transition.reason())
                .contains("resuming from checkpoint"));
        List<Map<String, Object>> rows = ClusterPipelines.rows(output);
        assertThat(rows).hasSize(4);
        assertThat(rows).allSatisfy(row -> assertThat(((Number) row.get("n")).longValue()).isEqualTo(300));
        assertThat(rows.stream().mapToLong(row -> ((Number) row.get("total")).longValue()).sum())
                .isEqualTo(1199L * 1200 / 2);
    }
}
