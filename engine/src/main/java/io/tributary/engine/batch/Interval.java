package io.tributary.engine.batch;

/** A month-day-nanosecond interval, the value of an INTERVAL column. */
public record Interval(int months, int days, long nanos) {}
