package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** One subtask's series of a metric, oldest point first. */
public record SubtaskMetrics(int index, List<Metric> metrics) {
    public SubtaskMetrics {
        metrics = List.copyOf(requireNonNull(metrics, "metrics is null"));
    }
}
