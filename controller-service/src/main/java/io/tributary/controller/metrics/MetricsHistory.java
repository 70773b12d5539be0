package io.tributary.controller.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.api.model.Metric;
import io.tributary.api.model.MetricGroup;
import io.tributary.api.model.MetricName;
import io.tributary.api.model.OperatorMetricGroup;
import io.tributary.api.model.SubtaskMetrics;
import io.tributary.proto.control.JobMetrics;
import io.tributary.proto.control.OperatorMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The last minutes of every job's metrics, as the workers report them with their heartbeats:
 * per subtask a ring of samples of its counters, from which rates are computed when asked.
 * Kept in memory only: a restarted controller starts with an empty history, which fills again
 * within seconds.
 */
@Component
public class MetricsHistory {
    static final Duration RETENTION = Duration.ofMinutes(5);
    static final Duration RESOLUTION = Duration.ofSeconds(2);

    /** A subtask's counters as one heartbeat carried them, stamped with the controller's clock. */
    private record Sample(long timeMicros, io.tributary.proto.control.SubtaskMetrics metrics) {}

    private record SubtaskKey(int nodeId, int index) {}

    private final InstantSource clock;
    private final int capacity;
    private final Map<String, JobHistory> jobs = new ConcurrentHashMap<>();
    private final OperatorMeters meters;

    /** A history whose meters go nowhere, for the tests of other parts. */
    public MetricsHistory() {
        this(new SimpleMeterRegistry());
    }

    /** @param meters where every operator's latest counters are published, for Prometheus */
    @Autowired
    public MetricsHistory(MeterRegistry meters) {
        this(Clock.systemUTC(), meters);
    }

    MetricsHistory(InstantSource clock, MeterRegistry meters) {
        this.clock = clock;
        this.meters = new OperatorMeters(meters);
        // One more than the intervals kept: the oldest sample is the base of the oldest rate.
        this.capacity = Math.toIntExact(RETENTION.dividedBy(RESOLUTION)) + 1;
    }

    /** Records what a worker reported; forgets jobs no worker reported on for the retention period. */
    public void record(List<JobMetrics> reports) {
        long now = nowMicros();
        for (JobMetrics report : reports) {
            jobs.computeIfAbsent(report.getJobId(), id -> new JobHistory()).record(now, report);
            meters.record(report);
        }
        jobs.entrySet().removeIf(job -> {
            boolean stale = job.getValue().lastRecordedMicros() < now - RETENTION.toNanos() / 1_000;
            if (stale) {
                meters.forget(job.getKey());
            }
            return stale;
        });
    }

    /**
     * Every operator's series over the retention period, operators in the order of their nodes;
     * empty for a job no worker reported on.
     */
    public List<OperatorMetricGroup> groups(String jobId) {
        JobHistory job = jobs.get(jobId);
        return job == null ? List.of() : job.groups(nowMicros() - RETENTION.toNanos() / 1_000);
    }

    private long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
    }

    /** One job's rings; heartbeats write and API calls read, a few times a second at most. */
    private final class JobHistory {
        private final Map<SubtaskKey, Ring> subtasks = new TreeMap<>(
                Comparator.comparingInt(SubtaskKey::nodeId).thenComparingInt(SubtaskKey::index));
        private long lastRecordedMicros;

        synchronized void record(long now, JobMetrics report) {
            lastRecordedMicros = now;
            for (var subtask : report.getSubtasksList()) {
                subtasks.computeIfAbsent(new SubtaskKey(subtask.getNodeId(), subtask.getSubtaskIndex()),
                        key -> new Ring()).add(new Sample(now, subtask));
            }
        }

        synchronized long lastRecordedMicros() {
            return lastRecordedMicros;
        }

        synchronized List<OperatorMetricGroup> groups(long sinceMicros) {
            // operator → metric → subtask index → points
            Map<String, Map<MetricName, Map<Integer, List<Metric>>>> series = new LinkedHashMap<>();
            subtasks.forEach((key, ring) -> {
                List<Sample> samples = ring.since(sinceMicros);
                for (int i = 0; i < samples.size(); i++) {
                    Optional<Sample> previous = i == 0 ? Optional.empty() : Optional.of(samples.get(i - 1));
                    addPoints(series, key.index(), previous, samples.get(i));
                }
            });
            List<OperatorMetricGroup> groups = new ArrayList<>();
            series.forEach((operator, metrics) -> {
                List<MetricGroup> metricGroups = new ArrayList<>();
                metrics.forEach((name, bySubtask) -> metricGroups.add(new MetricGroup(name, bySubtask.entrySet().stream()
                        .map(entry -> new SubtaskMetrics(entry.getKey(), entry.getValue()))
                        .toList())));
                groups.add(new OperatorMetricGroup(operator, metricGroups));
            });
            return groups;
        }
    }

    /**
     * The points one sample contributes: gauges as they were, and for counters the rate per second
     * since the previous sample (so the first sample of a subtask only founds its rates).
     */
    private static void addPoints(Map<String, Map<MetricName, Map<Integer, List<Metric>>>> series, int index,
            Optional<Sample> previous, Sample current) {
        var subtask = current.metrics();
        long time = current.timeMicros();
        for (int op = 0; op < subtask.getOperatorsCount(); op++) {
            OperatorMetrics now = subtask.getOperators(op);
            Map<MetricName, Map<Integer, List<Metric>>> operator =
                    series.computeIfAbsent(now.getOperatorId(), id -> new EnumMap<>(MetricName.class));
            if (previous.isPresent()) {
                Optional<OperatorMetrics> before = operator(previous.get().metrics(), now.getOperatorId());
                double seconds = (time - previous.get().timeMicros()) / 1e6;
                rate(operator, index, time, seconds, MetricName.MESSAGES_RECV, before, now, OperatorMetrics::getMessagesIn);
                rate(operator, index, time, seconds, MetricName.MESSAGES_SENT, before, now, OperatorMetrics::getMessagesOut);
                rate(operator, index, time, seconds, MetricName.BYTES_RECV, before, now, OperatorMetrics::getBytesIn);
                rate(operator, index, time, seconds, MetricName.BYTES_SENT, before, now, OperatorMetrics::getBytesOut);
                rate(operator, index, time, seconds, MetricName.BATCHES_RECV, before, now, OperatorMetrics::getBatchesIn);
                rate(operator, index, time, seconds, MetricName.BATCHES_SENT, before, now, OperatorMetrics::getBatchesOut);
                if (now.hasLookup()) {
                    rate(operator, index, time, seconds, MetricName.LOOKUP_HITS, before, now,
                            metrics -> metrics.getLookup().getHits());
                    rate(operator, index, time, seconds, MetricName.LOOKUP_MISSES, before, now,
                            metrics -> metrics.getLookup().getMisses());
                    rate(operator, index, time, seconds, MetricName.LOOKUPS, before, now,
                            metrics -> metrics.getLookup().getLookups());
                }
                if (seconds > 0) {
                    long sendNanos = delta(previous.get().metrics().getSendNanos(), subtask.getSendNanos());
                    point(operator, MetricName.SEND_BLOCKED, index, time, Math.min(1.0, sendNanos / (seconds * 1e9)));
                }
            }
            // A chain's operators share their subtask's queues: each shows them.
            point(operator, MetricName.BACKPRESSURE, index, time, subtask.getBackpressure());
            point(operator, MetricName.TX_QUEUE_SIZE, index, time, subtask.getTxQueueSize());
            point(operator, MetricName.TX_QUEUE_REM, index, time, subtask.getTxQueueRemaining());
            if (now.hasLookup()) {
                point(operator, MetricName.LOOKUP_CACHE_ENTRIES, index, time, now.getLookup().getCacheEntries());
                point(operator, MetricName.LOOKUP_CACHE_BYTES, index, time, now.getLookup().getCacheBytes());
            }
            if (now.hasWatermarkMicros()) {
                point(operator, MetricName.WATERMARK, index, time, now.getWatermarkMicros());
                // Against the worker's clock when it read the watermark, so that clock skew does not count.
                point(operator, MetricName.WATERMARK_LAG, index, time,
                        (subtask.getCapturedAtMicros() - now.getWatermarkMicros()) / 1e6);
            }
        }
    }

    private static Optional<OperatorMetrics> operator(io.tributary.proto.control.SubtaskMetrics subtask, String id) {
        return subtask.getOperatorsList().stream().filter(op -> op.getOperatorId().equals(id)).findFirst();
    }

    private static void rate(Map<MetricName, Map<Integer, List<Metric>>> operator, int index, long time,
            double seconds, MetricName name, Optional<OperatorMetrics> before, OperatorMetrics now,
            ToLongFunction<OperatorMetrics> counter) {
        if (seconds <= 0) {
            return;
        }
        long increase = delta(before.map(counter::applyAsLong).orElse(0L), counter.applyAsLong(now));
        point(operator, name, index, time, increase / seconds);
    }

    /** A counter that went down was started again (a new run): all of its value is new. */
    private static long delta(long before, long now) {
        return now >= before ? now - before : now;
    }

    private static void point(Map<MetricName, Map<Integer, List<Metric>>> operator, MetricName name, int index,
            long time, double value) {
        operator.computeIfAbsent(name, n -> new TreeMap<>())
                .computeIfAbsent(index, i -> new ArrayList<>())
                .add(new Metric(time, value));
    }

    /**
     * A subtask's latest samples, oldest first, overwriting the oldest when full. A sample less than
     * half the resolution after the newest replaces it, so that faster heartbeats still fill the
     * ring with the whole retention period.
     */
    private final class Ring {
        private final Sample[] samples = new Sample[capacity];
        private int next;
        private int size;

        void add(Sample sample) {
            if (size > 0) {
                int newest = Math.floorMod(next - 1, samples.length);
                if (sample.timeMicros() - samples[newest].timeMicros() < RESOLUTION.toNanos() / 2_000) {
                    samples[newest] = sample;
                    return;
                }
            }
            samples[next] = sample;
            next = (next + 1) % samples.length;
            size = Math.min(size + 1, samples.length);
        }

        List<Sample> since(long sinceMicros) {
            List<Sample> kept = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                Sample sample = samples[Math.floorMod(next - size + i, samples.length)];
                if (sample.timeMicros() >= sinceMicros) {
                    kept.add(sample);
                }
            }
            return kept;
        }
    }
}
