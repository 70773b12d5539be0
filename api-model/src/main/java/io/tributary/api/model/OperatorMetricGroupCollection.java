package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Arroyo's answer to {@code GET …/jobs/{job_id}/operator_metric_groups}: the last minutes of
 * every operator's metrics; empty when the job is not running.
 */
public record OperatorMetricGroupCollection(List<OperatorMetricGroup> data) {
    public OperatorMetricGroupCollection {
        data = List.copyOf(requireNonNull(data, "data is null"));
    }
}
