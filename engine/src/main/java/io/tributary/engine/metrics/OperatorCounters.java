package io.tributary.engine.metrics;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.operator.Watermark;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.arrow.vector.FieldVector;

/**
 * What one operator of one subtask received and sent. Written only by the subtask's thread, once
 * per batch or watermark, and read by a reporter thread at any time ({@link OpaqueLongs}: the hot
 * path takes no lock and no fence).
 */
public final class OperatorCounters {
  private static final int MESSAGES_IN = 0;
  private static final int BYTES_IN = 1;
  private static final int BATCHES_IN = 2;
  private static final int MESSAGES_OUT = 3;
  private static final int BYTES_OUT = 4;
  private static final int BATCHES_OUT = 5;
  /** Nanoseconds since the epoch; {@link Long#MIN_VALUE} until a watermark passed. */
  private static final int WATERMARK = 6;

  private final String operatorId;
  private final OpaqueLongs values = new OpaqueLongs(7);
  /** Set once, when the subtask builds a lookup join, while a reporter may already read. */
  private volatile Optional<LookupCounters> lookup = Optional.empty();

  public OperatorCounters(String operatorId) {
    this.operatorId = requireNonNull(operatorId, "operatorId is null");
    values.set(WATERMARK, Long.MIN_VALUE);
  }

  public String operatorId() {
    return operatorId;
  }

  /** The operator is handed {@code batch}; call before it may close it. */
  public void received(RecordBatch batch) {
    add(MESSAGES_IN, batch.rowCount());
    add(BYTES_IN, bytes(batch));
    add(BATCHES_IN, 1);
  }

  /** The operator emits {@code batch}; call before the next one may close it. */
  public void sent(RecordBatch batch) {
    add(MESSAGES_OUT, batch.rowCount());
    add(BYTES_OUT, bytes(batch));
    add(BATCHES_OUT, 1);
  }

  /**
   * A watermark reached or left the operator: its event-time clock, whether it received it or
   * (a watermark generator) made it. Idleness leaves the clock where it was.
   */
  public void watermark(Watermark watermark) {
    if (watermark instanceof Watermark.EventTime eventTime) {
      values.set(WATERMARK, eventTime.epochNanos());
    }
  }

  /** The operator is a lookup join: its cache and table counters join the operator's metrics. */
  public LookupCounters lookup() {
    LookupCounters counters = new LookupCounters();
    lookup = Optional.of(counters);
    return counters;
  }

  public OperatorMetrics snapshot() {
    long watermark = read(WATERMARK);
    return new OperatorMetrics(operatorId, read(MESSAGES_IN), read(BYTES_IN), read(BATCHES_IN),
        read(MESSAGES_OUT), read(BYTES_OUT), read(BATCHES_OUT),
        watermark == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(watermark / 1_000),
        lookup.map(LookupCounters::snapshot));
  }

  private void add(int index, long delta) {
    values.add(index, delta);
  }

  private long read(int index) {
    return values.get(index);
  }

  /** The batch's Arrow buffer bytes: what it occupies in memory and, roughly, on the wire. */
  private static long bytes(RecordBatch batch) {
    long total = 0;
    for (FieldVector vector : batch.root().getFieldVectors()) {
      total += vector.getBufferSize();
    }
    return total;
  }
}
