package io.tributary.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.api.client.ApiJson;
import io.tributary.api.client.OutputSubscription;
import io.tributary.api.client.TributaryClient;
import io.tributary.api.model.Job;
import io.tributary.api.model.OutputData;
import io.tributary.api.model.Pipeline;
import io.tributary.api.model.PipelinePost;
import io.tributary.api.model.StopType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.type.TypeReference;

/**
 * Every service in one JVM, as {@code tributary cluster} starts them, driven only through the
 * gateway's single origin: the API a user's tools call and the UI a user opens.
 */
class ClusterEndToEndTest {
    @TempDir
    static Path home;

    static ServicePorts ports = ServicePorts.ephemeral();
    static EmbeddedCluster cluster;
    static TributaryClient client;

    @BeforeAll
    static void start() {
        cluster = EmbeddedCluster.start(new EmbeddedCluster.Options(home, ports, true, false));
        client = new TributaryClient(cluster.gatewayUrl());
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void impulsePipelineStreamsFilteredRowsAndStopsOnRequest() throws Exception {
        Pipeline pipeline = client.createPipeline(new PipelinePost("evens", """
                CREATE TABLE impulse_source WITH (connector = 'impulse', event_rate = '200');
                SELECT counter, counter * 2 AS doubled FROM impulse_source WHERE counter % 2 = 0;
                """, Optional.of(1), Optional.empty()));
        String jobId = client.listJobs(pipeline.id()).data().getFirst().id();
        await().atMost(Duration.ofSeconds(60)).until(() -> state(pipeline).equals("Running"));

        List<Map<String, Object>> rows = new CopyOnWriteArrayList<>();
        CountDownLatch enough = new CountDownLatch(1);
        try (OutputSubscription ignored = client.streamOutput(pipeline.id(), jobId, output -> {
            rows.addAll(rows(output));
            if (rows.size() >= 20) {
                enough.countDown();
            }
        }, failure -> enough.countDown())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> enough.getCount() == 0);
        }

        assertThat(rows).hasSizeGreaterThanOrEqualTo(20);
        assertThat(rows).allSatisfy(row -> {
            long counter = ((Number) row.get("counter")).longValue();
            assertThat(counter % 2).isZero();
            assertThat(((Number) row.get("doubled")).longValue()).isEqualTo(counter * 2);
            assertThat(row).containsOnlyKeys("counter", "doubled");
        });

        client.stopPipeline(pipeline.id(), StopType.CHECKPOINT);
        await().atMost(Duration.ofSeconds(60)).until(() -> state(pipeline).equals("Stopped"));
        Job job = client.listJobs(pipeline.id()).data().getFirst();
        assertThat(job.runningDesired()).isFalse();
        assertThat(job.finishTime()).isPresent();
    }

    @Test
    void boundedPreviewDeliversEveryRowThenFinishes() {
        Pipeline preview = client.preview("""
                CREATE TABLE impulse_source WITH (connector = 'impulse', event_rate = '1000', message_count = '10');
                SELECT counter FROM impulse_source WHERE counter >= 3;
                """);
        String jobId = client.listJobs(preview.id()).data().getFirst().id();
        await().atMost(Duration.ofSeconds(60)).until(() -> state(preview).equals("Finished"));

        List<Map<String, Object>> rows = new CopyOnWriteArrayList<>();
        CountDownLatch ended = new CountDownLatch(1);
        List<Optional<?>> failures = new CopyOnWriteArrayList<>();
        try (OutputSubscription ignored = client.streamOutput(preview.id(), jobId, output -> rows.addAll(rows(output)),
                failure -> {
                    failures.add(failure);
                    ended.countDown();
                })) {
            await().atMost(Duration.ofSeconds(30)).until(() -> ended.getCount() == 0);
        }
        assertThat(failures).containsExactly(Optional.empty());

        assertThat(rows).extracting(row -> ((Number) row.get("counter")).longValue())
                .containsExactlyInAnyOrder(3L, 4L, 5L, 6L, 7L, 8L, 9L);
    }

    @Test
    void gatewayServesTheUiAndHealthOnOneOrigin() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(cluster.gatewayUrl().resolve("/")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(cluster.gatewayUrl() + "/api/v1/pipelines"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).containsIgnoringCase("<html");
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.body()).contains("\"data\"");
    }

    @Test
    void everyServiceReportsHealthAndPrometheusMetrics() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int port : List.of(ports.pipeline(), ports.compiler(), ports.controller(), ports.ui(), ports.gateway())) {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).as("health on %d", port).isEqualTo(200);
            assertThat(health.body()).as("health on %d", port).contains("\"UP\"");
            assertThat(metrics.statusCode()).as("prometheus on %d", port).isEqualTo(200);
            assertThat(metrics.body()).as("prometheus on %d", port).contains("jvm_memory_used_bytes");
        }
    }

    private static String state(Pipeline pipeline) {
        return client.listJobs(pipeline.id()).data().getFirst().state();
    }

    private static List<Map<String, Object>> rows(OutputData output) {
        return ApiJson.mapper().readValue(output.batch(), new TypeReference<List<Map<String, Object>>>() {});
    }
}
