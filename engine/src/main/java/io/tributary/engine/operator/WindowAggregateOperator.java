package io.tributary.engine.operator;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.batch.VectorValues;
import io.tributary.engine.operator.window.Accumulator;
import io.tributary.engine.operator.window.Accumulators;
import io.tributary.engine.operator.window.CumulatingWindows;
import io.tributary.engine.operator.window.GroupKey;
import io.tributary.engine.operator.window.SessionWindows;
import io.tributary.engine.state.KeyedTable;
import io.tributary.engine.state.StateCodec;
import io.tributary.engine.state.StateReader;
import io.tributary.engine.state.StateWriter;
import io.tributary.engine.state.Stateful;
import io.tributary.engine.udf.AggregateUdfCalls;
import io.tributary.engine.udf.UdfLibrary;
import io.tributary.proto.program.AggregateCall;
import io.tributary.proto.program.TypeKind;
import io.tributary.proto.program.Window;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Aggregates rows per group key and event-time window ({@code WindowAggregateOperator}).
 *
 * <p>Tumbling and sliding windows are aligned to the epoch; session windows are kept per key
 * and merge when a row falls within {@code gap} of a session. Each (key, window) holds one
 * incremental accumulator per aggregate (only {@code DISTINCT} aggregates keep their distinct
 * values), never the rows themselves.
 *
 * <p>A window {@code [start, end)} is emitted once the watermark reaches or passes {@code end}
 * (and at end of input), then forgotten. A row whose windows all end at or before the current
 * watermark is late: it is dropped and counted ({@link #lateRowsDropped()}). For sessions the
 * row's own window {@code [t, t + gap)} is first merged with the key's open sessions; only if
 * the result is already closed is the row late. Cumulating windows ({@link CumulatingWindows})
 * keep one accumulator per step and fold each into a running one as the watermark passes it; a
 * row is late only once the last window of its period has been emitted.
 *
 * <p>Output: the key columns (in key_fields order), window_start, window_end, the aggregates,
 * then {@code _timestamp} = window_end - 1 ns. Windows leave in order of their end (then
 * start), keys in order of first appearance. Watermarks are forwarded after the windows they
 * close.
 */
public final class WindowAggregateOperator implements Operator, Stateful {
  private static final int MAX_BATCH_ROWS = 8192;
  private static final String META_TABLE = "meta";
  private static final String WINDOWS_TABLE = "windows";

  private final Spec spec;
  private List<Supplier<Accumulator>> factories;
  private BufferAllocator allocator;
  private Schema outputSchema;
  private long watermark = Long.MIN_VALUE;
  private long lateRows;
  private boolean flushed;
  /** Open windows in checkpoints: key, window_start, window_end, the accumulators' states. */
  private KeyedTable stateTable;
  private final UdfLibrary udfs;

  /** Tumbling and sliding windows by start: group key to accumulators, in arrival order. */
  private final TreeMap<Long, LinkedHashMap<GroupKey, Accumulator[]>> aligned = new TreeMap<>();
  /** Session windows per key (present for session windows only). */
  private final Optional<SessionWindows<Accumulator[]>> sessions;
  /** Cumulating windows (present for cumulating windows only). */
  private final Optional<CumulatingWindows<Accumulator[]>> cumulating;

  public WindowAggregateOperator(io.tributary.proto.program.WindowAggregateOperator spec) {
    this(spec, UdfLibrary.empty());
  }

  /** @param udfs the aggregate UDFs the spec's calls may name */
  public WindowAggregateOperator(io.tributary.proto.program.WindowAggregateOperator spec, UdfLibrary udfs) {
    this.udfs = requireNonNull(udfs, "udfs is null");
    this.spec = Spec.of(requireNonNull(spec, "spec is null"));
    this.sessions = this.spec.kind == Kind.SESSION
        ? Optional.of(new SessionWindows<>(this.spec.gapNanos, WindowAggregateOperator::merge))
        : Optional.empty();
    this.cumulating = this.spec.kind == Kind.CUMULATING
        ? Optional.of(new CumulatingWindows<>(this.spec.slideNanos, this.spec.widthNanos, WindowAggregateOperator::merge))
        : Optional.empty();
  }

  private static void merge(Accumulator[] earlier, Accumulator[] later) {
    for (int i = 0; i < earlier.length; i++) {
      earlier[i].merge(later[i]);
    }
  }

  /** Rows dropped because every window they belong to was already emitted. */
  public long lateRowsDropped() {
    return lateRows;
  }

  /** The watermark this operator has seen (Long.MIN_VALUE before the first one). */
  public long currentWatermark() {
    return watermark;
  }

  @Override
  public void open(OperatorContext context) {
    allocator = context.allocator();
    outputSchema = context.outputSchema();
    int inputColumns = context.inputSchema().getFields().size() - 1;
    for (int key : spec.keyFields) {
      if (key < 0 || key >= inputColumns) {
        throw new IllegalArgumentException(
            "window aggregate key field " + key + " is outside the input's " + inputColumns + " columns");
      }
    }
    int expected = spec.keyFields.length + 2 + spec.calls.size() + 1;
    if (outputSchema.getFields().size() != expected) {
      throw new IllegalArgumentException(
          "window aggregate output schema has " + outputSchema.getFields().size() + " columns; expected "
              + expected + " (" + spec.keyFields.length + " keys, window_start, window_end, "
              + spec.calls.size() + " aggregates, _timestamp)");
    }
    for (int i = spec.keyFields.length; i < spec.keyFields.length + 2; i++) {
      var field = outputSchema.getFields().get(i);
      if (ArrowTypes.kindOf(field) != TypeKind.TIMESTAMP) {
        throw new IllegalArgumentException(
            "window aggregate output column " + i + " ('" + field.getName() + "') must be the window's "
                + (i == spec.keyFields.length ? "start" : "end") + " TIMESTAMP, not " + ArrowTypes.kindOf(field));
      }
    }
    if (spec.keyFields.length == 0 && context.parallelism() > 1) {
      // Without keys every row belongs to one group, which one subtask must see whole.
      throw new IllegalArgumentException(
          "a window aggregate without key fields must run at parallelism 1, not " + context.parallelism());
    }
    List<Supplier<Accumulator>> factories = new ArrayList<>();
    for (AggregateCall call : spec.calls) {
      factories.add(AggregateUdfCalls.factory(call, context.inputSchema(), udfs, false));
    }
    this.factories = factories;
    List<Field> values = new ArrayList<>(List.of(
        KeyedTable.bigint("window_start"), KeyedTable.bigint("window_end"), KeyedTable.binary("accumulators")));
    if (spec.kind == Kind.CUMULATING) {
      values.add(KeyedTable.bigint("emitted_through"));
    }
    stateTable = new KeyedTable(KeyedTable.fields(context.inputSchema(), spec.keyFields), values);
  }

  /**
   * Writes the watermark and late-row count (global) and every open window with its
   * accumulators (keyed by the group key).
   */
  @Override
  public void snapshot(StateWriter writer) {
    writer.writeGlobal(META_TABLE, Map.of(
        "watermark", StateCodec.encode(watermark), "late_rows", StateCodec.encode(lateRows)));
    writer.writeKeyed(WINDOWS_TABLE, stateTable, rows -> {
      switch (spec.kind) {
        case ALIGNED -> aligned.forEach((start, groups) -> groups.forEach((key, accumulators) ->
            rows.add(key, List.of(start, start + spec.widthNanos, encode(accumulators)), start + spec.widthNanos - 1)));
        case SESSION -> sessions.orElseThrow().forEachSession(session ->
            rows.add(session.key(), List.of(session.start(), session.end(), encode(session.state())), session.end() - 1));
        // The running state (end = start) has no end of its own: it is stamped with the period's start.
        case CUMULATING -> cumulating.orElseThrow().forEachState(stored ->
            rows.add(stored.key(), List.of(stored.start(), stored.end(), encode(stored.state()), stored.emittedThrough()),
                Math.max(stored.start(), stored.end() - 1)));
      }
    });
  }

  private static byte[] encode(Accumulator[] accumulators) {
    List<Object> states = new ArrayList<>(accumulators.length);
    for (Accumulator accumulator : accumulators) {
      states.add(accumulator.state());
    }
    return StateCodec.encode(states);
  }

  /**
   * Takes the open windows of the keys this subtask owns now; the watermark is the least of
   * the old subtasks' (a window some old subtask had already emitted is no longer in the
   * state, so a lower watermark cannot emit it twice).
   */
  @Override
  public void restore(StateReader reader) {
    reader.minimum(META_TABLE, "watermark").ifPresent(restored -> watermark = restored);
    lateRows = reader.share(META_TABLE, "late_rows");
    reader.readKeyed(WINDOWS_TABLE, batch -> {
      for (int row = 0; row < batch.rowCount(); row++) {
        GroupKey key = stateTable.key(batch, row);
        long start = (Long) stateTable.value(batch, 0, row);
        long end = (Long) stateTable.value(batch, 1, row);
        List<?> states = (List<?>) StateCodec.decode((byte[]) stateTable.value(batch, 2, row));
        Accumulator[] accumulators = switch (spec.kind) {
          case ALIGNED ->
              aligned.computeIfAbsent(start, s -> new LinkedHashMap<>()).computeIfAbsent(key, k -> newAccumulators());
          case SESSION -> sessions.orElseThrow().restore(key, start, end, this::newAccumulators);
          case CUMULATING -> cumulating.orElseThrow().restore(
              key, start, end, (Long) stateTable.value(batch, 3, row), this::newAccumulators);
        };
        for (int a = 0; a < accumulators.length; a++) {
          accumulators[a].restoreState(states.get(a));
        }
      }
    });
  }

  @Override
  public void processBatch(RecordBatch batch, Collector out) {
    try (batch) {
      int rows = batch.rowCount();
      TimeStampNanoVector times = batch.timestamps();
      FieldVector[] keys = new FieldVector[spec.keyFields.length];
      for (int k = 0; k < keys.length; k++) {
        keys[k] = batch.column(spec.keyFields[k]);
      }
      int[][] arguments = spec.arguments;
      FieldVector[][] argumentVectors = new FieldVector[arguments.length][];
      for (int a = 0; a < arguments.length; a++) {
        argumentVectors[a] = new FieldVector[arguments[a].length];
        for (int i = 0; i < arguments[a].length; i++) {
          argumentVectors[a][i] = batch.column(arguments[a][i]);
        }
      }
      Object[] values = new Object[arguments.length];
      for (int row = 0; row < rows; row++) {
        long time = times.get(row);
        for (int a = 0; a < arguments.length; a++) {
          values[a] = Accumulators.argument(argumentVectors[a], row);
        }
        switch (spec.kind) {
          case SESSION -> addToSession(GroupKey.of(keys, row), time, values);
          case ALIGNED -> addToAligned(keys, row, time, values);
          case CUMULATING -> cumulating.orElseThrow().add(GroupKey.of(keys, row), time, watermark, this::newAccumulators)
              .ifPresentOrElse(accumulators -> add(accumulators, values), () -> lateRows++);
        }
      }
    }
  }

  private void addToAligned(FieldVector[] keys, int row, long time, Object[] values) {
    long width = spec.widthNanos;
    long slide = spec.slideNanos;
    long lastStart = Math.floorDiv(time, slide) * slide;
    if (lastStart + width <= watermark) {
      lateRows++;
      return;
    }
    GroupKey key = null;
    for (long start = lastStart; start > time - width; start -= slide) {
      if (start + width <= watermark) {
        break; // this and every earlier window was emitted already
      }
      if (key == null) {
        key = GroupKey.of(keys, row);
      }
      Accumulator[] accumulators =
          aligned.computeIfAbsent(start, s -> new LinkedHashMap<>()).computeIfAbsent(key, k -> newAccumulators());
      add(accumulators, values);
    }
  }

  private void addToSession(GroupKey key, long time, Object[] values) {
    sessions.orElseThrow().add(key, time, watermark, this::newAccumulators).ifPresentOrElse(
        session -> add(session.state(), values),
        () -> lateRows++);
  }

  private Accumulator[] newAccumulators() {
    Accumulator[] accumulators = new Accumulator[factories.size()];
    for (int i = 0; i < accumulators.length; i++) {
      accumulators[i] = factories.get(i).get();
    }
    return accumulators;
  }

  private static void add(Accumulator[] accumulators, Object[] values) {
    for (int i = 0; i < accumulators.length; i++) {
      accumulators[i].add(values[i]);
    }
  }

  @Override
  public void processWatermark(Watermark mark, Collector out) {
    if (mark instanceof Watermark.EventTime time && time.epochNanos() > watermark) {
      long previous = watermark;
      watermark = time.epochNanos();
      emit(previous, watermark, out);
    }
    out.collectWatermark(mark);
  }

  @Override
  public void finish(Collector out) {
    if (!flushed) {
      flushed = true;
      emit(watermark, Long.MAX_VALUE, out);
    }
  }

  @Override
  public void close() {
    aligned.clear();
    sessions.ifPresent(SessionWindows::clear);
    cumulating.ifPresent(CumulatingWindows::clear);
  }

  /**
   * Emits (and forgets) every window ending at or before {@code upTo}; {@code after} is the
   * watermark before, up to which windows were emitted already.
   */
  private void emit(long after, long upTo, Collector out) {
    List<Result> results = new ArrayList<>();
    if (spec.kind == Kind.CUMULATING) {
      // The running accumulators change with the period's next step: read them now.
      cumulating.orElseThrow().closeUpTo(after, upTo, window ->
          results.add(Result.of(window.key(), window.start(), window.end(), window.state())));
    } else if (spec.kind == Kind.ALIGNED) {
      long width = spec.widthNanos;
      Iterator<Map.Entry<Long, LinkedHashMap<GroupKey, Accumulator[]>>> windows = aligned.entrySet().iterator();
      while (windows.hasNext()) {
        Map.Entry<Long, LinkedHashMap<GroupKey, Accumulator[]>> window = windows.next();
        long start = window.getKey();
        if (upTo != Long.MAX_VALUE && start + width > upTo) {
          break;
        }
        for (Map.Entry<GroupKey, Accumulator[]> group : window.getValue().entrySet()) {
          results.add(Result.of(group.getKey(), start, start + width, group.getValue()));
        }
        windows.remove();
      }
    } else {
      for (SessionWindows.Closed<Accumulator[]> session : sessions.orElseThrow().closeUpTo(upTo)) {
        results.add(Result.of(session.key(), session.start(), session.end(), session.state()));
      }
    }
    for (int from = 0; from < results.size(); from += MAX_BATCH_ROWS) {
      out.collect(build(results.subList(from, Math.min(results.size(), from + MAX_BATCH_ROWS))));
    }
  }

  private RecordBatch build(List<Result> results) {
    return OutputBatches.filled(outputSchema, allocator, results.size(), vectors -> {
      int keys = spec.keyFields.length;
      int aggregates = spec.calls.size();
      for (int row = 0; row < results.size(); row++) {
        Result result = results.get(row);
        for (int k = 0; k < keys; k++) {
          VectorValues.set(vectors.get(k), row, result.key().value(k));
        }
        VectorValues.set(vectors.get(keys), row, result.start());
        VectorValues.set(vectors.get(keys + 1), row, result.end());
        for (int a = 0; a < aggregates; a++) {
          VectorValues.set(vectors.get(keys + 2 + a), row, result.values()[a]);
        }
        VectorValues.set(vectors.get(keys + 2 + aggregates), row, result.end() - 1);
      }
    });
  }

  private record Result(GroupKey key, long start, long end, Object[] values) {
    static Result of(GroupKey key, long start, long end, Accumulator[] accumulators) {
      Object[] values = new Object[accumulators.length];
      for (int a = 0; a < values.length; a++) {
        values[a] = accumulators[a].result();
      }
      return new Result(key, start, end, values);
    }
  }

  private enum Kind {
    ALIGNED,
    SESSION,
    CUMULATING
  }

  /** The validated configuration. */
  private static final class Spec {
    Kind kind;
    long widthNanos;
    long slideNanos;
    long gapNanos;
    int[] keyFields;
    List<AggregateCall> calls;
    int[][] arguments;

    static Spec of(io.tributary.proto.program.WindowAggregateOperator proto) {
      Spec spec = new Spec();
      Window window = proto.getWindow();
      switch (window.getKindCase()) {
        case TUMBLING -> {
          spec.kind = Kind.ALIGNED;
          spec.widthNanos = nanos(window.getTumbling().getWidthMicros(), "tumbling window width");
          spec.slideNanos = spec.widthNanos;
        }
        case SLIDING -> {
          spec.kind = Kind.ALIGNED;
          spec.widthNanos = nanos(window.getSliding().getWidthMicros(), "sliding window width");
          spec.slideNanos = nanos(window.getSliding().getSlideMicros(), "sliding window slide");
          if (spec.slideNanos > spec.widthNanos) {
            throw new IllegalArgumentException(
                "sliding window slide " + window.getSliding().getSlideMicros() + "µs exceeds its width "
                    + window.getSliding().getWidthMicros() + "µs");
          }
        }
        case SESSION -> {
          spec.kind = Kind.SESSION;
          spec.gapNanos = nanos(window.getSession().getGapMicros(), "session gap");
        }
        case CUMULATING -> {
          spec.kind = Kind.CUMULATING;
          spec.widthNanos = nanos(window.getCumulating().getSizeMicros(), "cumulating window size");
          spec.slideNanos = nanos(window.getCumulating().getStepMicros(), "cumulating window step");
          if (spec.widthNanos % spec.slideNanos != 0) {
            throw new IllegalArgumentException(
                "cumulating window size " + window.getCumulating().getSizeMicros() + "µs is not a multiple of its step "
                    + window.getCumulating().getStepMicros() + "µs");
          }
        }
        case KIND_NOT_SET -> throw new IllegalArgumentException("window aggregate has no window");
      }
      spec.keyFields = proto.getKeyFieldsList().stream().mapToInt(Integer::intValue).toArray();
      spec.calls = List.copyOf(proto.getAggregatesList());
      spec.arguments = new int[spec.calls.size()][];
      for (int i = 0; i < spec.calls.size(); i++) {
        spec.arguments[i] = spec.calls.get(i).getArgumentsList().stream().mapToInt(Integer::intValue).toArray();
      }
      return spec;
    }

    private static long nanos(long micros, String what) {
      if (micros <= 0) {
        throw new IllegalArgumentException(what + " must be positive, not " + micros + "µs");
      }
      return Math.multiplyExact(micros, 1000L);
    }
  }
}
