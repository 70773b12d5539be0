package io.tributary.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static io.tributary.cluster.ClusterPipelines.awaitState;
import static io.tributary.cluster.ClusterPipelines.create;
import static io.tributary.cluster.ClusterPipelines.job;
import static io.tributary.cluster.PrometheusScrapes.scrape;
import static io.tributary.cluster.PrometheusScrapes.value;
import static org.awaitility.Awaitility.await;

import io.tributary.api.model.JobLogLevel;
import io.tributary.api.model.Metric;
import io.tributary.api.model.MetricGroup;
import io.tributary.api.model.MetricName;
import io.tributary.api.model.OperatorMetricGroup;
import io.tributary.api.model.Pipeline;
import io.tributary.api.model.StopType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Metrics through every service: the worker's heartbeats carry its counters to the controller,
 * whose history the API relays and whose {@code /actuator/prometheus} publishes; every operator of
 * a running pipeline shows rows flowing, and a failing one is in the job's log.
 */
class MetricsEndToEndTest extends SharedClusterTest {
    private static final String QUERY = """
            CREATE TABLE impulse_source WITH (connector = 'impulse', event_rate = '200');
            CREATE TABLE evens WITH (connector = 'single_file', path = '%s', format = 'json', type = 'sink');
            INSERT INTO evens SELECT counter FROM impulse_source WHERE counter %% 2 = 0;
            """;

    @Test
    void everyOperatorOfARunningPipelineShowsRowsFlowing() {
        Pipeline pipeline = create(client, "metered", QUERY.formatted(home.resolve("evens.json")), Optional.empty());
        String jobId = job(client, pipeline.id()).id();

        // Rates need two heartbeats (2 s apart) of a running job.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<OperatorMetricGroup> groups = client.operatorMetricGroups(pipeline.id(), jobId).data();
            assertThat(groups).hasSizeGreaterThanOrEqualTo(2);
            // The source receives nothing; every other operator receives rows, and all but the sink send some.
            assertThat(latest(groups.getFirst(), MetricName.MESSAGES_SENT)).isPositive();
            assertThat(latest(groups.getFirst(), MetricName.MESSAGES_RECV)).isZero();
            for (OperatorMetricGroup operator : groups.subList(1, groups.size())) {
                assertThat(latest(operator, MetricName.MESSAGES_RECV)).as(operator.operatorId()).isPositive();
                assertThat(latest(operator, MetricName.BYTES_RECV)).as(operator.operatorId()).isPositive();
            }
        });

        client.stopPipeline(pipeline.id(), StopType.IMMEDIATE);
        awaitState(client, pipeline.id(), "Stopped");
        assertThat(client.operatorMetricGroups(pipeline.id(), jobId).data()).as("a stopped job has no metrics").isEmpty();
    }

    @Test
    void aWindowShowsItsWatermarkLagAndEveryOperatorKeepsASeriesAtTwoSecondResolution() {
        Pipeline pipeline = create(client, "lagging", """
                CREATE TABLE impulse_source WITH (connector = 'impulse', event_rate = '200');
                CREATE TABLE counts WITH (connector = 'single_file', path = '%s', format = 'json', type = 'sink');
                INSERT INTO counts SELECT count(*) AS events FROM impulse_source GROUP BY tumble(interval '1 second');
                """.formatted(home.resolve("counts.json")), Optional.empty());
        String jobId = job(client, pipeline.id()).id();

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            List<OperatorMetricGroup> groups = client.operatorMetricGroups(pipeline.id(), jobId).data();
            assertThat(groups).isNotEmpty();
            OperatorMetricGroup source = groups.getFirst();
            List<Metric> sent = series(source, MetricName.MESSAGES_SENT);
            assertThat(sent).hasSizeGreaterThanOrEqualTo(3);
            for (int i = 1; i < sent.size(); i++) {
                assertThat(sent.get(i).time() - sent.get(i - 1).time()).as("microseconds between points")
                        .isBetween(1_000_000L, 10_000_000L);
            }
            assertThat(latest(source, MetricName.BYTES_SENT)).isPositive();
            // The default watermark of a windowed source trails processing time by little.
            List<Metric> lag = groups.stream()
                    .flatMap(operator -> series(operator, MetricName.WATERMARK_LAG).stream())
                    .toList();
            assertThat(lag).isNotEmpty().allSatisfy(point -> assertThat(point.value()).isBetween(0.0, 60.0));
        });

        client.stopPipeline(pipeline.id(), StopType.IMMEDIATE);
        awaitState(client, pipeline.id(), "Stopped");
    }

    @Test
    void aLookupJoinShowsItsCacheHitsMissesAndSizeInTheApiAndInTheControllersPrometheus() {
        // Keys Redis does not hold: each first lookup misses, and the cached misses then hit.
        Pipeline pipeline = create(client, "enriched", """
                CREATE TABLE impulse_source WITH (connector = 'impulse', event_rate = '200');
                CREATE TEMPORARY TABLE customers (
                    id TEXT METADATA FROM 'key' PRIMARY KEY,
                    name TEXT
                ) WITH (connector = 'redis', format = 'json', address = 'redis://127.0.0.1:6379',
                        'lookup.cache.max_bytes' = 1000000);
                CREATE TABLE enriched WITH (connector = 'single_file', path = '%s', format = 'json', type = 'sink');
                INSERT INTO enriched SELECT i.counter, c.name FROM impulse_source i
                LEFT JOIN customers c ON c.id = concat('metrics-end-to-end-test:', CAST(i.counter %% 5 AS TEXT));
                """.formatted(home.resolve("enriched.json")), Optional.empty());
        String jobId = job(client, pipeline.id()).id();

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            Optional<OperatorMetricGroup> found = client.operatorMetricGroups(pipeline.id(), jobId).data().stream()
                    .filter(operator -> operator.operatorId().startsWith("lookup_join"))
                    .findFirst();
            assertThat(found).as("the lookup join's metrics").isPresent();
            OperatorMetricGroup join = found.get();
            assertThat(latest(join, MetricName.LOOKUP_HITS)).isPositive();
            assertThat(series(join, MetricName.LOOKUP_MISSES)).isNotEmpty();
            assertThat(series(join, MetricName.LOOKUPS)).isNotEmpty();
            assertThat(latest(join, MetricName.LOOKUP_CACHE_ENTRIES)).isEqualTo(5);
            assertThat(latest(join, MetricName.LOOKUP_CACHE_BYTES)).isPositive();

            String scrape = scrape(ports.controller());
            String tags = "{job_id=\"" + jobId + "\",operator_id=\"" + join.operatorId() + "\",subtask_idx=\"0\"}";
            assertThat(value(scrape, "tributary_operator_lookup_hits_total" + tags)).isPositive();
            // Each key misses once per row of the batch that first asked for it, then stays cached.
            assertThat(value(scrape, "tributary_operator_lookup_misses_total" + tags)).isGreaterThanOrEqualTo(5);
            assertThat(value(scrape, "tributary_operator_lookups_total" + tags)).isBetween(1.0, 5.0);
            assertThat(value(scrape, "tributary_operator_lookup_cache_entries" + tags)).isEqualTo(5);
            assertThat(value(scrape, "tributary_operator_messages_recv_total" + tags)).isPositive();
        });

        client.stopPipeline(pipeline.id(), StopType.IMMEDIATE);
        awaitState(client, pipeline.id(), "Stopped");
    }

    @Test
    void badDataThatFailsTheJobIsLoggedWithItsOperatorSubtaskAndMessage() throws Exception {
        Path input = home.resolve("bad.json");
        Files.writeString(input, "{\"id\": 1}\n{\"id\": \"one\"}\n");
        Pipeline pipeline = create(client, "bad data", """
                CREATE TABLE input (id BIGINT) WITH (connector = 'single_file', path = '%s', format = 'json',
                    type = 'source', bad_data = 'fail');
                CREATE TABLE output WITH (connector = 'single_file', path = '%s', format = 'json', type = 'sink');
                INSERT INTO output SELECT id FROM input;
                """.formatted(input, home.resolve("bad-out.json")), Optional.empty());
        String jobId = job(client, pipeline.id()).id();

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(
                client.jobErrors(pipeline.id(), jobId).data()).anySatisfy(error -> {
                    assertThat(error.operatorId()).hasValueSatisfying(operator -> assertThat(operator).startsWith("source"));
                    assertThat(error.taskIndex()).hasValue(0L);
                    assertThat(error.level()).isEqualTo(JobLogLevel.ERROR);
                    assertThat(error.message()).contains("line 2").contains("'id' expects BIGINT");
                }));

        client.stopPipeline(pipeline.id(), StopType.IMMEDIATE);
    }

    /** The metric's points of the operator's subtask 0; empty without one. */
    private static List<Metric> series(OperatorMetricGroup operator, MetricName name) {
        return operator.metricGroups().stream()
                .filter(group -> group.name() == name)
                .flatMap(group -> group.subtasks().stream())
                .filter(subtask -> subtask.index() == 0)
                .flatMap(subtask -> subtask.metrics().stream())
                .toList();
    }

    /** The operator's newest point of the metric (summed over its subtasks); 0 without one. */
    private static double latest(OperatorMetricGroup operator, MetricName name) {
        return operator.metricGroups().stream()
                .filter(group -> group.name() == name)
                .map(MetricGroup::subtasks)
                .flatMap(List::stream)
                .mapToDouble(subtask -> subtask.metrics().isEmpty() ? 0 : subtask.metrics().getLast().value())
                .sum();
    }
}
