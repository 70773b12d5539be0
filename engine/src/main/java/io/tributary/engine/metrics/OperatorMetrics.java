package io.tributary.engine.metrics;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Totals of one operator of one subtask since it started: rows ("messages"), Arrow buffer bytes
 * and batches it received and sent, and its event-time clock.
 *
 * @param watermarkMicros the latest watermark the operator received or emitted (epoch
 *     microseconds); empty before the first
 * @param lookup a lookup join's cache and table counters; empty for every other operator
 */
public record OperatorMetrics(
    String operatorId,
    long messagesIn,
    long bytesIn,
    long batchesIn,
    long messagesOut,
    long bytesOut,
    long batchesOut,
    OptionalLong watermarkMicros,
    Optional<LookupMetrics> lookup) {
  public OperatorMetrics {
    requireNonNull(operatorId, "operatorId is null");
    requireNonNull(watermarkMicros, "watermarkMicros is null");
    requireNonNull(lookup, "lookup is null");
  }
}
