package io.tributary.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static io.tributary.cluster.PrometheusScrapes.value;
import static org.awaitility.Awaitility.await;

import io.tributary.api.client.TributaryClient;
import io.tributary.api.model.Pipeline;
import io.tributary.api.model.PipelinePost;
import io.tributary.api.model.StopType;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The controller's own meters, scraped from its {@code /actuator/prometheus} as Prometheus would. */
class ControllerPrometheusTest {
    @TempDir
    static Path home;

    static final ServicePorts PORTS = ServicePorts.ephemeral();
    static EmbeddedCluster cluster;
    static TributaryClient client;

    @BeforeAll
    static void start() {
        cluster = EmbeddedCluster.start(new EmbeddedCluster.Options(home, PORTS, false, true));
        client = new TributaryClient(cluster.apiUrl());
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void jobsPerStateCheckpointsAndWorkersAreScrapedFromTheController() throws Exception {
        Pipeline pipeline = client.createPipeline(new PipelinePost("metered", """
                CREATE TABLE impulse_source WITH (connector = 'impulse', event_rate = '100');
                CREATE TABLE out WITH (connector = 'single_file', path = '%s', format = 'json', type = 'sink');
                INSERT INTO out SELECT counter FROM impulse_source;
                """.formatted(home.resolve("out.json")), Optional.of(1), Optional.of(500_000L)));
        String jobId = ClusterPipelines.job(client, pipeline.id()).id();
        ClusterPipelines.awaitCheckpoint(client, pipeline.id(), jobId);

        String running = scrape();
        assertThat(value(running, "tributary_jobs{state=\"Running\"}")).isEqualTo(1);
        assertThat(value(running, "tributary_workers_registered")).isEqualTo(1);
        assertThat(value(running, "tributary_checkpoint_duration_seconds_count")).isPositive();
        assertThat(value(running, "tributary_checkpoint_size_bytes_count")).isPositive();
        assertThat(value(running, "tributary_checkpoint_size_bytes_sum")).isPositive();
        assertThat(value(running, "tributary_job_restarts_total")).isZero();

        client.stopPipeline(pipeline.id(), StopType.IMMEDIATE);
        ClusterPipelines.awaitState(client, pipeline.id(), "Stopped");
        await().untilAsserted(() -> {
            String stopped = scrape();
            assertThat(value(stopped, "tributary_jobs{state=\"Running\"}")).isZero();
            assertThat(value(stopped, "tributary_jobs{state=\"Stopped\"}")).isEqualTo(1);
            assertThat(value(stopped, "tributary_workers_registered")).isZero();
        });
    }

    private static String scrape() throws Exception {
        return PrometheusScrapes.scrape(PORTS.controller());
    }
}
