package io.tributary.controller.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.api.model.Metric;
import io.tributary.api.model.MetricGroup;
import io.tributary.api.model.MetricName;
import io.tributary.api.model.OperatorMetricGroup;
import io.tributary.api.model.SubtaskMetrics;
import io.tributary.proto.control.JobMetrics;
import io.tributary.proto.control.LookupMetrics;
import io.tributary.proto.control.OperatorMetrics;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsHistoryTest {
    private static final String JOB = "job_1";
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private Instant now = START;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final MetricsHistory history = new MetricsHistory(() -> now, meters);

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    /** Node 1 (a source chained to a projection) and node 2 (a sink) at subtask {@code index}. */
    private void report(String job, int index, long rows, double backpressure) {
        var source = io.tributary.proto.control.SubtaskMetrics.newBuilder()
                .setNodeId(1).setSubtaskIndex(index).setCapturedAtMicros(micros(now))
                .setTxQueueSize(16).setTxQueueRemaining(4).setBackpressure(backpressure)
                .setSendNanos(rows * 1_000_000)
                .addOperators(OperatorMetrics.newBuilder().setOperatorId("source_1")
                        .setMessagesOut(rows).setBytesOut(rows * 8).setBatchesOut(rows / 10))
                .addOperators(OperatorMetrics.newBuilder().setOperatorId("projection_1")
                        .setMessagesIn(rows).setMessagesOut(rows / 2)
                        .setWatermarkMicros(micros(now) - 3_000_000));
        var sink = io.tributary.proto.control.SubtaskMetrics.newBuilder()
                .setNodeId(2).setSubtaskIndex(index).setCapturedAtMicros(micros(now))
                .addOperators(OperatorMetrics.newBuilder().setOperatorId("sink_1").setMessagesIn(rows / 2));
        history.record(List.of(JobMetrics.newBuilder().setJobId(job).addSubtasks(source).addSubtasks(sink).build()));
    }

    private List<Metric> series(String operator, MetricName name, int index) {
        OperatorMetricGroup group = history.groups(JOB).stream()
                .filter(g -> g.operatorId().equals(operator)).findFirst().orElseThrow();
        return group.metricGroups().stream().filter(g -> g.name() == name).findFirst()
                .map(MetricGroup::subtasks).orElseThrow()
                .stream().filter(s -> s.index() == index).findFirst().map(SubtaskMetrics::metrics).orElseThrow();
    }

    @Test
    void ratesComeFromCounterDeltasAndGaugesFromEachSample() {
        report(JOB, 0, 0, 0.25);
        now = now.plus(Duration.ofSeconds(2));
        report(JOB, 0, 400, 0.75);

        assertThat(history.groups(JOB)).extracting(OperatorMetricGroup::operatorId)
                .containsExactly("source_1", "projection_1", "sink_1");
        long second = micros(now);
        assertThat(series("source_1", MetricName.MESSAGES_SENT, 0)).containsExactly(new Metric(second, 200.0));
        assertThat(series("source_1", MetricName.BYTES_SENT, 0)).containsExactly(new Metric(second, 1600.0));
        assertThat(series("source_1", MetricName.BATCHES_SENT, 0)).containsExactly(new Metric(second, 20.0));
        assertThat(series("projection_1", MetricName.MESSAGES_RECV, 0)).containsExactly(new Metric(second, 200.0));
        assertThat(series("projection_1", MetricName.MESSAGES_SENT, 0)).containsExactly(new Metric(second, 100.0));
        assertThat(series("sink_1", MetricName.MESSAGES_RECV, 0)).containsExactly(new Metric(second, 100.0));
        // 400 ms of 2 s spent sending.
        assertThat(series("source_1", MetricName.SEND_BLOCKED, 0)).containsExactly(new Metric(second, 0.2));
        assertThat(series("projection_1", MetricName.BACKPRESSURE, 0)).extracting(Metric::value)
                .containsExactly(0.25, 0.75);
        assertThat(series("source_1", MetricName.TX_QUEUE_REM, 0)).extracting(Metric::value).containsExactly(4.0, 4.0);
        assertThat(series("projection_1", MetricName.WATERMARK_LAG, 0)).extracting(Metric::value)
                .containsExactly(3.0, 3.0);
        assertThat(history.groups(JOB).get(0).metricGroups()).extracting(MetricGroup::name)
                .as("the source has no watermark").doesNotContain(MetricName.WATERMARK, MetricName.WATERMARK_LAG);
    }

    @Test
    void aCounterThatWentDownStartedAgainWithANewRun() {
        report(JOB, 0, 1000, 0);
        now = now.plus(Duration.ofSeconds(2));
        report(JOB, 0, 100, 0);

        assertThat(series("source_1", MetricName.MESSAGES_SENT, 0)).extracting(Metric::value).containsExactly(50.0);
    }

    @Test
    void keepsFiveMinutesAtTwoSecondResolutionPerSubtask() {
        for (int i = 0; i < 400; i++) {
            report(JOB, 0, i * 20L, 0);
            report(JOB, 1, i * 40L, 0);
            now = now.plus(Duration.ofSeconds(2));
        }
        now = now.minus(Duration.ofSeconds(2));

        List<Metric> rates = series("source_1", MetricName.MESSAGES_SENT, 0);
        assertThat(rates).hasSize(150).extracting(Metric::value).containsOnly(10.0);
        assertThat(rates.getFirst().time()).isEqualTo(micros(now.minus(Duration.ofSeconds(298))));
        assertThat(rates.getLast().time()).isEqualTo(micros(now));
        assertThat(series("source_1", MetricName.MESSAGES_SENT, 1)).hasSize(150).extracting(Metric::value)
                .containsOnly(20.0);
        assertThat(series("source_1", MetricName.BACKPRESSURE, 0)).hasSize(151);
    }

    @Test
    void fasterHeartbeatsReplaceTheNewestSample() {
        report(JOB, 0, 0, 0);
        now = now.plus(Duration.ofSeconds(2));
        report(JOB, 0, 100, 0);
        now = now.plus(Duration.ofMillis(500));
        report(JOB, 0, 250, 0);

        assertThat(series("source_1", MetricName.MESSAGES_SENT, 0))
                .containsExactly(new Metric(micros(now), 100.0));
    }

    @Test
    void forgetsAJobNoWorkerReportedOnForFiveMinutes() {
        report(JOB, 0, 10, 0);
        assertThat(history.groups("job_unknown")).isEmpty();
        now = now.plus(Duration.ofMinutes(5)).plusSeconds(1);

        assertThat(history.groups(JOB)).as("samples older than five minutes are not shown").isEmpty();
        report("job_other", 0, 10, 0);
        assertThat(history.groups(JOB)).isEmpty();
    }

    /** Node 3: a lookup join that has looked up {@code misses} keys in {@code lookups} calls. */
    private void reportLookup(long hits, long misses, long lookups, long entries) {
        var join = io.tributary.proto.control.SubtaskMetrics.newBuilder()
                .setNodeId(3).setSubtaskIndex(0).setCapturedAtMicros(micros(now))
                .addOperators(OperatorMetrics.newBuilder().setOperatorId("lookup_join_1")
                        .setMessagesIn(hits + misses).setMessagesOut(hits + misses)
                        .setLookup(LookupMetrics.newBuilder().setHits(hits).setMisses(misses).setLookups(lookups)
                                .setCacheEntries(entries).setCacheBytes(entries * 100)));
        history.record(List.of(JobMetrics.newBuilder().setJobId(JOB).addSubtasks(join).build()));
    }

    @Test
    void aLookupJoinShowsItsHitMissAndLookupRatesAndItsCacheSize() {
        reportLookup(0, 0, 0, 0);
        now = now.plus(Duration.ofSeconds(2));
        reportLookup(300, 100, 10, 40);

        long second = micros(now);
        assertThat(series("lookup_join_1", MetricName.LOOKUP_HITS, 0)).containsExactly(new Metric(second, 150.0));
        assertThat(series("lookup_join_1", MetricName.LOOKUP_MISSES, 0)).containsExactly(new Metric(second, 50.0));
        assertThat(series("lookup_join_1", MetricName.LOOKUPS, 0)).containsExactly(new Metric(second, 5.0));
        assertThat(series("lookup_join_1", MetricName.LOOKUP_CACHE_ENTRIES, 0)).extracting(Metric::value)
                .containsExactly(0.0, 40.0);
        assertThat(series("lookup_join_1", MetricName.LOOKUP_CACHE_BYTES, 0)).extracting(Metric::value)
                .containsExactly(0.0, 4000.0);
    }

    @Test
    void operatorsWithoutALookupHaveNoLookupMetrics() {
        report(JOB, 0, 0, 0);
        now = now.plus(Duration.ofSeconds(2));
        report(JOB, 0, 400, 0);

        assertThat(history.groups(JOB)).flatExtracting(OperatorMetricGroup::metricGroups).extracting(MetricGroup::name)
                .doesNotContain(MetricName.LOOKUP_HITS, MetricName.LOOKUP_MISSES, MetricName.LOOKUPS,
                        MetricName.LOOKUP_CACHE_ENTRIES, MetricName.LOOKUP_CACHE_BYTES);
    }

    @Test
    void everyOperatorsTotalsAndGaugesArePublishedAsMetersTaggedByJobOperatorAndSubtask() {
        report(JOB, 1, 400, 0.75);
        reportLookup(300, 100, 10, 40);

        assertThat(meters.get("tributary.operator.messages.sent")
                .tags("job_id", JOB, "operator_id", "source_1", "subtask_idx", "1").functionCounter().count())
                .isEqualTo(400);
        assertThat(meters.get("tributary.operator.bytes.sent")
                .tags("operator_id", "source_1", "subtask_idx", "1").functionCounter().count()).isEqualTo(3200);
        assertThat(meters.get("tributary.operator.messages.recv")
                .tags("operator_id", "sink_1").functionCounter().count()).isEqualTo(200);
        assertThat(meters.get("tributary.operator.backpressure")
                .tags("operator_id", "projection_1").gauge().value()).isEqualTo(0.75);
        assertThat(meters.get("tributary.operator.watermark.lag")
                .tags("operator_id", "projection_1").gauge().value()).isEqualTo(3.0);
        assertThat(meters.get("tributary.operator.lookup.hits").functionCounter().count()).isEqualTo(300);
        assertThat(meters.get("tributary.operator.lookup.misses").functionCounter().count()).isEqualTo(100);
        assertThat(meters.get("tributary.operator.lookups").functionCounter().count()).isEqualTo(10);
        assertThat(meters.get("tributary.operator.lookup.cache.entries").gauge().value()).isEqualTo(40);
        assertThat(meters.find("tributary.operator.lookup.hits").tags("operator_id", "source_1").meter())
                .as("only a lookup join has lookup meters").isNull();

        // Meters read the latest report.
        report(JOB, 1, 1000, 0.25);
        assertThat(meters.get("tributary.operator.messages.sent").tags("operator_id", "source_1")
                .functionCounter().count()).isEqualTo(1000);

        now = now.plus(Duration.ofMinutes(5)).plusSeconds(1);
        report("job_other", 0, 10, 0);
        assertThat(meters.find("tributary.operator.messages.sent").tags("job_id", JOB).meters())
                .as("a forgotten job's meters are gone").isEmpty();
        assertThat(meters.find("tributary.operator.messages.sent").tags("job_id", "job_other", "operator_id", "source_1")
                .meters()).hasSize(1);
    }
}
