package io.tributary.engine.operator;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.batch.VectorValues;
import io.tributary.engine.operator.window.Accumulator;
import io.tributary.engine.operator.window.Accumulators;
import io.tributary.engine.operator.window.GroupKey;
import io.tributary.engine.time.ProcessingClock;
import io.tributary.engine.state.KeyedTable;
import io.tributary.engine.state.StateCodec;
import io.tributary.engine.state.StateReader;
import io.tributary.engine.state.StateWriter;
import io.tributary.engine.state.Stateful;
import io.tributary.engine.udf.AggregateUdfCalls;
import io.tributary.engine.udf.UdfLibrary;
import io.tributary.proto.program.AggregateCall;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Aggregates rows per key over all of time and emits a changelog ({@code UpdatingAggregateOperator}).
 *
 * <p>State per key: one accumulator per aggregate (over an updating input a retractable one,
 * {@link Accumulators#retractable}),
 * the number of rows currently added, the row last emitted, and the event time of the last change.
 * An input row adds to its key; when the input is updating ({@code _is_retract} before
 * {@code _timestamp}) a row with {@code _is_retract} = true is subtracted instead. A retraction
 * for a key without state (never seen, or forgotten by the TTL) is ignored and counted
 * ({@link #unmatchedRetractions()}).
 *
 * <p>Changed keys are gathered and flushed: after every input batch when the flush interval is
 * 0, otherwise on {@link #onTick} once the interval has passed on the processing clock since the
 * last flush; and always on every watermark that advances (before forwarding it) and at end of
 * input. A flush emits one batch; for each changed key, in order of its first change since the
 * previous flush:
 *
 * <ul>
 *   <li>no rows left: a retraction of the row last emitted (if any), and the key is forgotten;
 *   <li>a result equal to the row last emitted: nothing (a no-op);
 *   <li>otherwise: a retraction of the row last emitted (if any), then the new row.
 * </ul>
 *
 * <p>Both rows carry as {@code _timestamp} the latest event time among the rows that changed the
 * key since the previous flush. Output columns: the keys (key_fields order), the aggregates,
 * {@code _is_retract}, {@code _timestamp}.
 *
 * <p>TTL: after flushing at a watermark {@code w}, every key whose last change (event time) is
 * more than ttl before {@code w} ({@code w - lastChange > ttl}) is dropped without emitting
 * anything; 0 keeps keys forever.
 */
public final class UpdatingAggregateOperator implements Operator, Stateful {
  private static final String META_TABLE = "meta";
  private static final String KEYS_TABLE = "keys";

  private final io.tributary.proto.program.UpdatingAggregateOperator spec;
  private final UdfLibrary udfs;
  private final int[] keyFields;
  private final int[][] arguments;
  private final long ttlNanos;
  private final long flushIntervalNanos;

  private List<Supplier<Accumulator>> factories;
  private BufferAllocator allocator;
  private Schema outputSchema;
  private ProcessingClock clock;
  private int retractColumn = -1;

  private final Map<GroupKey, KeyState> states = new HashMap<>();
  private final LinkedHashSet<GroupKey> pending = new LinkedHashSet<>();
  private long lastFlushNanos;
  private long watermark = Long.MIN_VALUE;
  /** A lower bound of every key's last change, so that TTL scans run only when some key may expire. */
  private long earliestChange = Long.MAX_VALUE;
  private long unmatchedRetractions;
  private long expiredKeys;
  /** Keys in checkpoints: accumulator states, rows, last emitted row, times, whether a change is pending. */
  private KeyedTable stateTable;

  private static final class KeyState {
    final Accumulator[] accumulators;
    long rows;
    Object[] lastEmitted;
    long lastChange = Long.MIN_VALUE;
    long pendingTime = Long.MIN_VALUE;

    KeyState(Accumulator[] accumulators) {
      this.accumulators = accumulators;
    }
  }

  public UpdatingAggregateOperator(io.tributary.proto.program.UpdatingAggregateOperator spec) {
    this(spec, UdfLibrary.empty());
  }

  /** @param udfs the aggregate UDFs the spec's calls may name */
  public UpdatingAggregateOperator(io.tributary.proto.program.UpdatingAggregateOperator spec, UdfLibrary udfs) {
    this.udfs = requireNonNull(udfs, "udfs is null");
    this.spec = requireNonNull(spec, "spec is null");
    if (spec.getTtlMicros() < 0) {
      throw new IllegalArgumentException("updating aggregate ttl must not be negative: " + spec.getTtlMicros());
    }
    if (spec.getFlushIntervalMicros() < 0) {
      throw new IllegalArgumentException(
          "updating aggregate flush interval must not be negative: " + spec.getFlushIntervalMicros());
    }
    this.keyFields = spec.getKeyFieldsList().stream().mapToInt(Integer::intValue).toArray();
    this.arguments = new int[spec.getAggregatesCount()][];
    for (int a = 0; a < arguments.length; a++) {
      arguments[a] = spec.getAggregates(a).getArgumentsList().stream().mapToInt(Integer::intValue).toArray();
    }
    this.ttlNanos = Math.multiplyExact(spec.getTtlMicros(), 1_000L);
    this.flushIntervalNanos = Math.multiplyExact(spec.getFlushIntervalMicros(), 1_000L);
  }

  /** Retractions that met no state for their key (never added, or forgotten by the TTL). */
  public long unmatchedRetractions() {
    return unmatchedRetractions;
  }

  /** Keys dropped by the TTL so far. */
  public long expiredKeys() {
    return expiredKeys;
  }

  /** Keys currently held. */
  public int keyCount() {
    return states.size();
  }

  @Override
  public void open(OperatorContext context) {
    allocator = context.allocator();
    outputSchema = context.outputSchema();
    clock = context.clock();
    Schema input = context.inputSchema();
    boolean updating = ArrowTypes.isUpdating(input);
    if (updating) {
      retractColumn = input.getFields().size() - 2;
    }
    int userColumns = input.getFields().size() - 1 - (updating ? 1 : 0);
    for (int key : keyFields) {
      if (key < 0 || key >= userColumns) {
        throw new IllegalArgumentException(
            "updating aggregate key field " + key + " is outside the input's " + userColumns + " columns");
      }
    }
    for (int a = 0; a < arguments.length; a++) {
      for (int argument : arguments[a]) {
        if (argument >= userColumns) {
          throw new IllegalArgumentException(
              "aggregate " + a + " of the updating aggregate refers to input column " + argument
                  + ", which is not one of the input's " + userColumns + " data columns");
        }
      }
    }
    int expected = keyFields.length + spec.getAggregatesCount() + 2;
    if (outputSchema.getFields().size() != expected) {
      throw new IllegalArgumentException(
          "updating aggregate output schema has " + outputSchema.getFields().size() + " columns; expected "
              + expected + " (" + keyFields.length + " keys, " + spec.getAggregatesCount()
              + " aggregates, _is_retract, _timestamp)");
    }
    if (!ArrowTypes.isUpdating(outputSchema)) {
      throw new IllegalArgumentException(
          "updating aggregate output column " + (expected - 2) + " must be " + ArrowTypes.IS_RETRACT_FIELD
              + " BOOLEAN, not '" + outputSchema.getFields().get(expected - 2).getName() + "' "
              + ArrowTypes.kindOf(outputSchema.getFields().get(expected - 2)));
    }
    if (keyFields.length == 0 && context.parallelism() > 1) {
      throw new IllegalArgumentException(
          "an updating aggregate without key fields must run at parallelism 1, not " + context.parallelism());
    }
    List<Supplier<Accumulator>> factories = new ArrayList<>();
    for (AggregateCall call : spec.getAggregatesList()) {
      // Only an updating input retracts; otherwise the cheaper accumulators (sketches, plain sums) do.
      factories.add(AggregateUdfCalls.factory(call, input, udfs, updating));
    }
    this.factories = factories;
    lastFlushNanos = clock.nowNanos();
    stateTable = new KeyedTable(KeyedTable.fields(input, keyFields), List.of(
        KeyedTable.binary("accumulators"), KeyedTable.bigint("rows"), KeyedTable.binary("last_emitted"),
        KeyedTable.bigint("last_change"), KeyedTable.bigint("pending_time"), KeyedTable.bool("pending")));
  }

  /**
   * Writes the counters and watermark (global) and every key's state (keyed), including the
   * changes gathered since the last flush, which the restored operator flushes.
   */
  @Override
  public void snapshot(StateWriter writer) {
    writer.writeGlobal(META_TABLE, Map.of(
        "watermark", StateCodec.encode(watermark),
        "unmatched_retractions", StateCodec.encode(unmatchedRetractions),
        "expired_keys", StateCodec.encode(expiredKeys)));
    writer.writeKeyed(KEYS_TABLE, stateTable, rows -> {
      // Pending keys first, in the order they changed, so that a restore flushes them in that order.
      for (GroupKey key : pending) {
        KeyState state = states.get(key);
        if (state != null) {
          addState(rows, key, state, true);
        }
      }
      states.forEach((key, state) -> {
        if (!pending.contains(key)) {
          addState(rows, key, state, false);
        }
      });
    });
  }

  private static void addState(KeyedTable.Builder rows, GroupKey key, KeyState state, boolean pending) {
    List<Object> accumulators = new ArrayList<>(state.accumulators.length);
    for (Accumulator accumulator : state.accumulators) {
      accumulators.add(accumulator.state());
    }
    byte[] lastEmitted = state.lastEmitted == null ? null : StateCodec.encode(Arrays.asList(state.lastEmitted));
    rows.add(key, Arrays.asList(StateCodec.encode(accumulators), state.rows, lastEmitted, state.lastChange,
        state.pendingTime, pending), Math.max(state.lastChange, 0));
  }

  @Override
  public void restore(StateReader reader) {
    reader.minimum(META_TABLE, "watermark").ifPresent(restored -> watermark = restored);
    unmatchedRetractions = reader.share(META_TABLE, "unmatched_retractions");
    expiredKeys = reader.share(META_TABLE, "expired_keys");
    reader.readKeyed(KEYS_TABLE, batch -> {
      for (int row = 0; row < batch.rowCount(); row++) {
        GroupKey key = stateTable.key(batch, row);
        KeyState state = new KeyState(newAccumulators());
        List<?> accumulators = (List<?>) StateCodec.decode((byte[]) stateTable.value(batch, 0, row));
        for (int a = 0; a < state.accumulators.length; a++) {
          state.accumulators[a].restoreState(accumulators.get(a));
        }
        state.rows = (Long) stateTable.value(batch, 1, row);
        byte[] lastEmitted = (byte[]) stateTable.value(batch, 2, row);
        if (lastEmitted != null) {
          state.lastEmitted = ((List<?>) StateCodec.decode(lastEmitted)).toArray();
        }
        state.lastChange = (Long) stateTable.value(batch, 3, row);
        state.pendingTime = (Long) stateTable.value(batch, 4, row);
        states.put(key, state);
        earliestChange = Math.min(earliestChange, state.lastChange);
        if ((Boolean) stateTable.value(batch, 5, row)) {
          pending.add(key);
        }
      }
    });
  }

  @Override
  public void processBatch(RecordBatch batch, Collector out) {
    try (batch) {
      int rows = batch.rowCount();
      TimeStampNanoVector times = batch.timestamps();
      BitVector retracts = retractColumn >= 0 ? (BitVector) batch.column(retractColumn) : null;
      FieldVector[] keys = new FieldVector[keyFields.length];
      for (int k = 0; k < keys.length; k++) {
        keys[k] = batch.column(keyFields[k]);
      }
      FieldVector[][] argumentVectors = new FieldVector[arguments.length][];
      for (int a = 0; a < arguments.length; a++) {
        argumentVectors[a] = new FieldVector[arguments[a].length];
        for (int i = 0; i < arguments[a].length; i++) {
          argumentVectors[a][i] = batch.column(arguments[a][i]);
        }
      }
      for (int row = 0; row < rows; row++) {
        boolean retract = retracts != null && !retracts.isNull(row) && retracts.get(row) != 0;
        GroupKey key = GroupKey.of(keys, row);
        KeyState state = states.get(key);
        if (retract && (state == null || state.rows == 0)) {
          unmatchedRetractions++;
          continue;
        }
        if (state == null) {
          state = new KeyState(newAccumulators());
          states.put(key, state);
        }
        for (int a = 0; a < arguments.length; a++) {
          Object value = Accumulators.argument(argumentVectors[a], row);
          if (retract) {
            state.accumulators[a].retract(value);
          } else {
            state.accumulators[a].add(value);
          }
        }
        state.rows += retract ? -1 : 1;
        long time = times.get(row);
        state.lastChange = Math.max(state.lastChange, time);
        state.pendingTime = Math.max(state.pendingTime, time);
        earliestChange = Math.min(earliestChange, state.lastChange);
        pending.add(key);
      }
    }
    if (flushIntervalNanos == 0) {
      flush(out);
    }
  }

  private Accumulator[] newAccumulators() {
    Accumulator[] accumulators = new Accumulator[factories.size()];
    for (int i = 0; i < accumulators.length; i++) {
      accumulators[i] = factories.get(i).get();
    }
    return accumulators;
  }

  @Override
  public void onTick(Collector out) {
    if (flushIntervalNanos > 0 && clock.nowNanos() - lastFlushNanos >= flushIntervalNanos) {
      flush(out);
    }
  }

  @Override
  public void processWatermark(Watermark mark, Collector out) {
    if (mark instanceof Watermark.EventTime time && time.epochNanos() > watermark) {
      watermark = time.epochNanos();
      flush(out);
      expire(watermark);
    }
    out.collectWatermark(mark);
  }

  @Override
  public void finish(Collector out) {
    flush(out);
  }

  @Override
  public void close() {
    states.clear();
    pending.clear();
  }

  private void expire(long watermark) {
    if (ttlNanos == 0 || earliestChange == Long.MAX_VALUE || watermark - earliestChange <= ttlNanos) {
      return;
    }
    long earliest = Long.MAX_VALUE;
    Iterator<KeyState> all = states.values().iterator();
    while (all.hasNext()) {
      KeyState state = all.next();
      if (watermark - state.lastChange > ttlNanos) {
        all.remove();
        expiredKeys++;
      } else {
        earliest = Math.min(earliest, state.lastChange);
      }
    }
    earliestChange = earliest;
  }

  /** Emits the pending changes as one batch (nothing when they are all no-ops). */
  private void flush(Collector out) {
    lastFlushNanos = clock.nowNanos();
    if (pending.isEmpty()) {
      return;
    }
    List<Object[]> rows = new ArrayList<>();
    List<Boolean> retractions = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    int keys = keyFields.length;
    int aggregates = factories.size();
    for (GroupKey key : pending) {
      KeyState state = states.get(key);
      if (state == null) {
        continue;
      }
      long time = state.pendingTime;
      state.pendingTime = Long.MIN_VALUE;
      if (state.rows <= 0) {
        if (state.lastEmitted != null) {
          rows.add(state.lastEmitted);
          retractions.add(true);
          times.add(time);
        }
        states.remove(key);
        continue;
      }
      Object[] row = new Object[keys + aggregates];
      for (int k = 0; k < keys; k++) {
        row[k] = key.value(k);
      }
      for (int a = 0; a < aggregates; a++) {
        row[keys + a] = state.accumulators[a].result();
      }
      if (state.lastEmitted != null && sameRow(state.lastEmitted, row)) {
        continue;
      }
      if (state.lastEmitted != null) {
        rows.add(state.lastEmitted);
        retractions.add(true);
        times.add(time);
      }
      rows.add(row);
      retractions.add(false);
      times.add(time);
      state.lastEmitted = row;
    }
    pending.clear();
    if (!rows.isEmpty()) {
      out.collect(build(rows, retractions, times));
    }
  }

  /** Value equality, numerically for decimals (whose scale may differ after subtracting). */
  private static boolean sameRow(Object[] a, Object[] b) {
    for (int i = 0; i < a.length; i++) {
      Object x = a[i];
      Object y = b[i];
      if (x instanceof BigDecimal dx && y instanceof BigDecimal dy) {
        if (dx.compareTo(dy) != 0) {
          return false;
        }
      } else if (!java.util.Objects.deepEquals(x, y)) {
        return false;
      }
    }
    return true;
  }

  private RecordBatch build(List<Object[]> rows, List<Boolean> retractions, List<Long> times) {
    return OutputBatches.filled(outputSchema, allocator, rows.size(), vectors -> {
      int columns = keyFields.length + factories.size();
      for (int r = 0; r < rows.size(); r++) {
        Object[] row = rows.get(r);
        for (int c = 0; c < columns; c++) {
          VectorValues.set(vectors.get(c), r, row[c]);
        }
        VectorValues.set(vectors.get(columns), r, retractions.get(r));
        VectorValues.set(vectors.get(columns + 1), r, times.get(r));
      }
    });
  }
}
