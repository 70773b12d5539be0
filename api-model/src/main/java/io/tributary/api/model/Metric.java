package io.tributary.api.model;

/** One point of a metric's series: {@code time} in epoch microseconds. */
public record Metric(long time, double value) {}
