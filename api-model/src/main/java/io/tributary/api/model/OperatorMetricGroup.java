package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** An operator's metrics, as Arroyo's {@code operator_metric_groups} lists them. */
public record OperatorMetricGroup(String operatorId, List<MetricGroup> metricGroups) {
    public OperatorMetricGroup {
        requireNonNull(operatorId, "operatorId is null");
        metricGroups = List.copyOf(requireNonNull(metricGroups, "metricGroups is null"));
    }
}
