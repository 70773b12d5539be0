package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** One metric of an operator, per subtask. */
public record MetricGroup(MetricName name, List<SubtaskMetrics> subtasks) {
    public MetricGroup {
        requireNonNull(name, "name is null");
        subtasks = List.copyOf(requireNonNull(subtasks, "subtasks is null"));
    }
}
