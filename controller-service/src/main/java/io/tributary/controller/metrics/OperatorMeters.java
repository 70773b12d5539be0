package io.tributary.controller.metrics;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.tributary.proto.control.JobMetrics;
import io.tributary.proto.control.LookupMetrics;
import io.tributary.proto.control.OperatorMetrics;
import io.tributary.proto.control.SubtaskMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Every operator of every subtask the workers report on, as Prometheus meters of the controller:
 * the totals the workers count (Prometheus takes its own rates, and sees a new run's counters
 * start again as a counter reset), and the gauges of the latest heartbeat. Tagged by job,
 * operator and subtask, as Arroyo's workers tag theirs.
 */
final class OperatorMeters {
    private record Key(String jobId, String operatorId, int subtaskIndex) {}

    /** The latest report of one operator of one subtask, which its meters read when scraped. */
    private static final class Latest {
        private volatile OperatorMetrics operator;
        private volatile SubtaskMetrics subtask;
        private final List<Meter> meters = new ArrayList<>();
        private boolean lookupMeters;

        Latest(OperatorMetrics operator, SubtaskMetrics subtask) {
            this.operator = operator;
            this.subtask = subtask;
        }

        LookupMetrics lookup() {
            return operator.getLookup();
        }
    }

    private final MeterRegistry registry;
    private final Map<Key, Latest> operators = new HashMap<>();

    OperatorMeters(MeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
    }

    /** Heartbeats of several workers may come at once; they are few (one per worker every 2 s). */
    synchronized void record(JobMetrics report) {
        for (SubtaskMetrics subtask : report.getSubtasksList()) {
            for (OperatorMetrics operator : subtask.getOperatorsList()) {
                Key key = new Key(report.getJobId(), operator.getOperatorId(), subtask.getSubtaskIndex());
                Latest latest = operators.computeIfAbsent(key, k -> register(k, operator, subtask));
                latest.operator = operator;
                latest.subtask = subtask;
                // A lookup join's counters may come after its first report: the subtask builds its operators.
                if (operator.hasLookup() && !latest.lookupMeters) {
                    registerLookup(latest, tags(key));
                }
            }
        }
    }

    /** The job's meters go: it is no longer reported on. */
    synchronized void forget(String jobId) {
        operators.entrySet().removeIf(entry -> {
            if (!entry.getKey().jobId().equals(jobId)) {
                return false;
            }
            entry.getValue().meters.forEach(registry::remove);
            return true;
        });
    }

    private static Tags tags(Key key) {
        return Tags.of("job_id", key.jobId(), "operator_id", key.operatorId(),
                "subtask_idx", Integer.toString(key.subtaskIndex()));
    }

    private Latest register(Key key, OperatorMetrics first, SubtaskMetrics subtask) {
        Latest latest = new Latest(first, subtask);
        Tags tags = tags(key);
        counter(latest, tags, "messages.recv", "Rows received", l -> l.operator.getMessagesIn());
        counter(latest, tags, "messages.sent", "Rows sent", l -> l.operator.getMessagesOut());
        counter(latest, tags, "bytes.recv", "Arrow buffer bytes received", l -> l.operator.getBytesIn());
        counter(latest, tags, "bytes.sent", "Arrow buffer bytes sent", l -> l.operator.getBytesOut());
        counter(latest, tags, "batches.recv", "Batches received", l -> l.operator.getBatchesIn());
        counter(latest, tags, "batches.sent", "Batches sent", l -> l.operator.getBatchesOut());
        gauge(latest, tags, "backpressure", "Fill, from 0 to 1, of the fullest channel the subtask sends to",
                l -> l.subtask.getBackpressure());
        gauge(latest, tags, "tx.queue.size", "Capacity of the channels the subtask sends to",
                l -> l.subtask.getTxQueueSize());
        gauge(latest, tags, "tx.queue.rem", "What the channels the subtask sends to can still take",
                l -> l.subtask.getTxQueueRemaining());
        gauge(latest, tags, "watermark.lag", "Seconds between the worker's clock and the operator's watermark",
                l -> l.operator.hasWatermarkMicros()
                        ? (l.subtask.getCapturedAtMicros() - l.operator.getWatermarkMicros()) / 1e6
                        : Double.NaN);
        return latest;
    }

    private void registerLookup(Latest latest, Tags tags) {
        latest.lookupMeters = true;
        counter(latest, tags, "lookup.hits", "Rows whose key the lookup cache answered", l -> l.lookup().getHits());
        counter(latest, tags, "lookup.misses", "Rows whose key was fetched from the lookup table",
                l -> l.lookup().getMisses());
        counter(latest, tags, "lookups", "Calls of the lookup table", l -> l.lookup().getLookups());
        gauge(latest, tags, "lookup.cache.entries", "Keys, found or not, the lookup cache holds",
                l -> l.lookup().getCacheEntries());
        gauge(latest, tags, "lookup.cache.bytes", "The lookup cache's estimate of its memory",
                l -> l.lookup().getCacheBytes());
    }

    private void counter(Latest latest, Tags tags, String name, String description, ToDoubleFunction<Latest> total) {
        latest.meters.add(FunctionCounter.builder("tributary.operator." + name, latest, total)
                .description(description)
                .tags(tags)
                .register(registry));
    }

    private void gauge(Latest latest, Tags tags, String name, String description, ToDoubleFunction<Latest> value) {
        latest.meters.add(Gauge.builder("tributary.operator." + name, latest, value)
                .description(description)
                .tags(tags)
                .register(registry));
    }
}
