package io.tributary.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static io.tributary.cluster.ClusterPipelines.awaitState;
import static io.tributary.cluster.ClusterPipelines.create;
import static io.tributary.cluster.ClusterPipelines.job;
import static org.awaitility.Awaitility.await;

import io.tributary.api.model.MetricGroup;
import io.tributary.api.model.MetricName;
import io.tributary.api.model.OperatorMetricGroup;
import io.tributary.api.model.Pipeline;
import io.tributary.api.model.StopType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Metrics through every service: the worker's heartbeats carry its counters to the controller,
 * whose history the API relays; every operator of a running pipeline shows rows flowing.
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
