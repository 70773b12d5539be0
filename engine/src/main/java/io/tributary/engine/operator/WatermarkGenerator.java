package io.tributary.engine.operator;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.expr.ExpressionCompiler;
import io.tributary.engine.expr.Projector;
import io.tributary.engine.time.ProcessingClock;
import io.tributary.engine.state.StateCodec;
import io.tributary.engine.state.StateReader;
import io.tributary.engine.state.StateWriter;
import io.tributary.engine.state.Stateful;
import io.tributary.proto.program.WatermarkOperator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Derives watermarks from the rows' event time ({@code WatermarkOperator}): the maximum of
 * the watermark expression seen so far, emitted when it advanced and at most once per period
 * (processing time), and {@link Watermark.Idle} after {@code idle_time} without rows. Rows
 * pass through unchanged, always before the watermark they contributed to.
 */
public final class WatermarkGenerator implements Operator, Stateful {
  private final WatermarkOperator spec;
  private final ExpressionCompiler compiler;
  private Optional<Projector> expression = Optional.empty();
  private BufferAllocator allocator;
  private ProcessingClock clock;
  private long periodNanos;
  private Optional<Long> idleNanos = Optional.empty();

  private boolean seenRows;
  private long maxEventTime = Long.MIN_VALUE;
  private boolean emittedAny;
  private long lastEmitted = Long.MIN_VALUE;
  private long lastEmittedAt;
  private long lastRowAt;
  private boolean idle;

  private static final String META_TABLE = "meta";

  public WatermarkGenerator(WatermarkOperator spec, ExpressionCompiler compiler) {
    this.spec = requireNonNull(spec, "spec is null");
    this.compiler = requireNonNull(compiler, "compiler is null");
  }

  @Override
  public void open(OperatorContext context) {
    allocator = context.allocator();
    clock = context.clock();
    periodNanos = Math.multiplyExact(Math.max(spec.getPeriodMicros(), 0), 1_000L);
    if (spec.hasIdleTimeMicros()) {
      idleNanos = Optional.of(Math.multiplyExact(spec.getIdleTimeMicros(), 1_000L));
    }
    if (spec.hasExpression()) {
      Schema output =
          new Schema(List.of(Field.nullable("watermark", new org.apache.arrow.vector.types.pojo.ArrowType.Timestamp(
              org.apache.arrow.vector.types.TimeUnit.NANOSECOND, null))));
      expression = Optional.of(
          compiler.compile(context.inputSchema(), Optional.empty(), List.of(spec.getExpression()), output));
    }
    lastRowAt = clock.nowNanos();
  }

  /** Writes the last watermark emitted; none before the first. */
  @Override
  public void snapshot(StateWriter writer) {
    writer.writeGlobal(META_TABLE, emittedAny ? Map.of("watermark", StateCodec.encode(lastEmitted)) : Map.of());
  }

  /**
   * Continues from the least watermark the old subtasks emitted (after a change of
   * parallelism a subtask may read rows any of them would have read): it is not emitted
   * again, and only a later one is. Nothing is restored unless every old subtask emitted one.
   */
  @Override
  public void restore(StateReader reader) {
    var old = reader.global(META_TABLE);
    if (old.isEmpty() || old.values().stream().anyMatch(entries -> !entries.containsKey("watermark"))) {
      return;
    }
    reader.minimum(META_TABLE, "watermark").ifPresent(restored -> {
      seenRows = true;
      emittedAny = true;
      maxEventTime = restored;
      lastEmitted = restored;
      lastEmittedAt = clock.nowNanos();
    });
  }

  @Override
  public void processBatch(RecordBatch batch, Collector out) {
    if (batch.rowCount() > 0) {
      long max = maxOf(batch);
      if (max != Long.MIN_VALUE) {
        maxEventTime = Math.max(maxEventTime, max);
        seenRows = true;
      }
      lastRowAt = clock.nowNanos();
      idle = false;
    }
    out.collect(batch);
    maybeEmit(out, false);
  }

  private long maxOf(RecordBatch batch) {
    if (expression.isEmpty()) {
      return max(batch.timestamps());
    }
    try (VectorSchemaRoot values = expression.get().evaluate(batch.root(), allocator)) {
      return max((TimeStampNanoVector) values.getVector(0));
    }
  }

  private static long max(TimeStampNanoVector vector) {
    long max = Long.MIN_VALUE;
    for (int i = 0; i < vector.getValueCount(); i++) {
      if (!vector.isNull(i)) {
        max = Math.max(max, vector.get(i));
      }
    }
    return max;
  }

  /** Upstream watermarks are replaced by the ones this operator derives. */
  @Override
  public void processWatermark(Watermark watermark, Collector out) {}

  @Override
  public void onTick(Collector out) {
    maybeEmit(out, false);
    if (idleNanos.isPresent() && !idle && clock.nowNanos() - lastRowAt >= idleNanos.get()) {
      idle = true;
      out.collectWatermark(Watermark.IDLE);
    }
  }

  @Override
  public void finish(Collector out) {
    maybeEmit(out, true);
  }

  private void maybeEmit(Collector out, boolean force) {
    if (!seenRows || (emittedAny && maxEventTime <= lastEmitted)) {
      return;
    }
    long now = clock.nowNanos();
    if (!force && emittedAny && now - lastEmittedAt < periodNanos) {
      return;
    }
    emittedAny = true;
    lastEmitted = maxEventTime;
    lastEmittedAt = now;
    out.collectWatermark(Watermark.eventTime(maxEventTime));
  }
}
