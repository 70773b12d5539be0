package io.tributary.engine.operator;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.batch.VectorValues;
import io.tributary.engine.operator.window.GroupKey;
import io.tributary.engine.state.KeyedTable;
import io.tributary.engine.state.StateCodec;
import io.tributary.engine.state.StateReader;
import io.tributary.engine.state.StateWriter;
import io.tributary.engine.state.Stateful;
import io.tributary.proto.program.RankFunction;
import io.tributary.proto.program.SortField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Top-N per partition of rows that are final at their event time ({@code TopNOperator}): a
 * windowed aggregate's rows of one window all carry {@code _timestamp} = window end - 1 ns, so a
 * partition (key columns and {@code _timestamp}) is complete once the watermark passes its time.
 *
 * <p>Each partition keeps only its best {@code limit} rows so far (a bounded heap whose head is the
 * worst kept row), never all the rows it saw. Rows are ordered by the sort fields, then by all
 * their columns (ascending, NULLs first): a total order, so the rows kept and their numbers do not
 * depend on arrival order. Partitions leave in order of time, then of first appearance; watermarks
 * are forwarded after the partitions they complete.
 *
 * <p>RANK and DENSE_RANK number rows tied under the sort fields alike, so a partition keeps, beyond
 * its best {@code limit} rows, the rows tied with the last of them (RANK) or every row of the best
 * {@code limit} distinct sort values (DENSE_RANK).
 */
public final class TopNOperator implements Operator, Stateful {
  private static final int MAX_BATCH_ROWS = 8192;
  private static final String META_TABLE = "meta";
  private static final String ROWS_TABLE = "rows";

  private final int[] keyFields;
  private final long limit;
  private final boolean rowNumber;
  private final RankFunction function;
  /** The sort fields only: rows equal under it are tied. */
  private final Comparator<Object[]> sortOrder;
  /** The sort fields, then every column: a total order. */
  private final Comparator<Object[]> order;
  private BufferAllocator allocator;
  private Schema outputSchema;
  private int columns;
  private long watermark = Long.MIN_VALUE;
  private long lateRows;
  /** Kept rows in checkpoints: the partition key, the row's columns, the partition's time. */
  private KeyedTable stateTable;

  /** Open partitions by time: key to the kept rows, in order of first appearance. */
  private final TreeMap<Long, LinkedHashMap<GroupKey, PriorityQueue<Object[]>>> partitions = new TreeMap<>();

  public TopNOperator(io.tributary.proto.program.TopNOperator spec) {
    requireNonNull(spec, "spec is null");
    if (spec.getLimit() <= 0) {
      throw new IllegalArgumentException("top-N limit must be positive, not " + spec.getLimit());
    }
    this.keyFields = spec.getKeyFieldsList().stream().mapToInt(Integer::intValue).toArray();
    this.limit = spec.getLimit();
    this.rowNumber = spec.getRowNumber();
    this.function = spec.getFunction();
    if (function == RankFunction.UNRECOGNIZED) {
      throw new IllegalArgumentException("top-N has an unknown rank function");
    }
    this.sortOrder = sortOrder(spec.getOrderList());
    this.order = sortOrder.thenComparing(TopNOperator::compareColumns);
  }

  /** Rows dropped because their partition had been emitted already. */
  public long lateRowsDropped() {
    return lateRows;
  }

  @Override
  public void open(OperatorContext context) {
    allocator = context.allocator();
    outputSchema = context.outputSchema();
    List<Field> input = context.inputSchema().getFields();
    columns = input.size() - 1;
    for (int key : keyFields) {
      // The key may be _timestamp itself (index `columns`).
      if (key < 0 || key > columns) {
        throw new IllegalArgumentException("top-N key field " + key + " is outside the input's columns");
      }
    }
    int expected = columns + (rowNumber ? 1 : 0) + 1;
    if (outputSchema.getFields().size() != expected) {
      throw new IllegalArgumentException("top-N output schema has " + outputSchema.getFields().size()
          + " columns; expected " + expected + " (the input's " + columns + (rowNumber ? ", the row number" : "")
          + ", _timestamp)");
    }
    stateTable = new KeyedTable(KeyedTable.fields(context.inputSchema(), keyFields), input.subList(0, columns));
  }

  private static Comparator<Object[]> sortOrder(List<SortField> fields) {
    Comparator<Object[]> order = (a, b) -> 0;
    for (SortField field : fields) {
      int index = field.getField();
      Comparator<Object> values = field.getDescending() ? VALUES.reversed() : VALUES;
      values = field.getNullsFirst() ? Comparator.nullsFirst(values) : Comparator.nullsLast(values);
      Comparator<Object> column = values;
      order = order.thenComparing((a, b) -> column.compare(a[index], b[index]));
    }
    return order;
  }

  private static final Comparator<Object> TIE_BREAK = Comparator.nullsFirst(TopNOperator::compareValues);

  private static int compareColumns(Object[] a, Object[] b) {
    for (int i = 0; i < a.length; i++) {
      int compared = TIE_BREAK.compare(a[i], b[i]);
      if (compared != 0) {
        return compared;
      }
    }
    return 0;
  }

  private static int compareValues(Object a, Object b) {
    return VALUES.compare(a, b);
  }

  /** Non-null values as {@link VectorValues} reads them; values of one column share a type. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final Comparator<Object> VALUES = (a, b) -> switch (a) {
    case byte[] bytes -> Arrays.compareUnsigned(bytes, (byte[]) b);
    case Comparable comparable when a.getClass() == b.getClass() -> comparable.compareTo(b);
    // Structs, lists and intervals have no SQL order; their text still orders ties deterministically.
    default -> a.toString().compareTo(b.toString());
  };

  @Override
  public void processBatch(RecordBatch batch, Collector out) {
    try (batch) {
      TimeStampNanoVector times = batch.timestamps();
      FieldVector[] keys = new FieldVector[keyFields.length];
      for (int k = 0; k < keys.length; k++) {
        keys[k] = batch.column(keyFields[k]);
      }
      FieldVector[] vectors = new FieldVector[columns];
      for (int c = 0; c < columns; c++) {
        vectors[c] = batch.column(c);
      }
      for (int row = 0; row < batch.rowCount(); row++) {
        long time = times.get(row);
        if (time < watermark) {
          lateRows++;
          continue;
        }
        Object[] values = new Object[columns];
        for (int c = 0; c < columns; c++) {
          values[c] = VectorValues.get(vectors[c], row);
        }
        offer(time, GroupKey.of(keys, row), values);
      }
    }
  }

  private void offer(long time, GroupKey key, Object[] row) {
    PriorityQueue<Object[]> kept = partitions.computeIfAbsent(time, t -> new LinkedHashMap<>())
        .computeIfAbsent(key, k -> new PriorityQueue<>(order.reversed()));
    if (function != RankFunction.ROW_NUMBER) {
      kept.add(row);
      dropBeyondLimit(kept);
    } else if (kept.size() < limit) {
      kept.add(row);
    } else if (order.compare(row, kept.peek()) < 0) {
      kept.poll();
      kept.add(row);
    }
  }

  /**
   * Drops the worst kept rows while their number (RANK or DENSE_RANK) exceeds the limit; numbers
   * only grow towards the worst row, so the first one within the limit ends it.
   */
  private void dropBeyondLimit(PriorityQueue<Object[]> kept) {
    while (kept.size() > limit) {
      Object[] worst = kept.peek();
      List<Object[]> better = kept.stream().filter(row -> sortOrder.compare(row, worst) < 0).sorted(order).toList();
      long ahead = function == RankFunction.RANK ? better.size() : distinctSortValues(better);
      if (ahead < limit) {
        return;
      }
      kept.poll();
    }
  }

  /** How many distinct sort values {@code rows} (sorted) hold. */
  private long distinctSortValues(List<Object[]> rows) {
    long distinct = 0;
    for (int i = 0; i < rows.size(); i++) {
      if (i == 0 || sortOrder.compare(rows.get(i - 1), rows.get(i)) != 0) {
        distinct++;
      }
    }
    return distinct;
  }

  /** The numbers of {@code ranked} (sorted by {@link #order}) under this operator's rank function. */
  private long[] numbers(List<Object[]> ranked) {
    long[] numbers = new long[ranked.size()];
    for (int i = 0; i < numbers.length; i++) {
      boolean tied = i > 0 && sortOrder.compare(ranked.get(i - 1), ranked.get(i)) == 0;
      numbers[i] = switch (function) {
        case RANK -> tied ? numbers[i - 1] : i + 1;
        case DENSE_RANK -> tied ? numbers[i - 1] : (i == 0 ? 1 : numbers[i - 1] + 1);
        default -> i + 1;
      };
    }
    return numbers;
  }

  @Override
  public void processWatermark(Watermark mark, Collector out) {
    if (mark instanceof Watermark.EventTime time && time.epochNanos() > watermark) {
      watermark = time.epochNanos();
      emit(watermark, out);
    }
    out.collectWatermark(mark);
  }

  @Override
  public void finish(Collector out) {
    emit(Long.MAX_VALUE, out);
  }

  @Override
  public void close() {
    partitions.clear();
  }

  /** Emits (and forgets) every partition whose time is before {@code upTo}. */
  private void emit(long upTo, Collector out) {
    List<Object[]> rows = new ArrayList<>();
    List<Long> numbers = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    Iterator<Map.Entry<Long, LinkedHashMap<GroupKey, PriorityQueue<Object[]>>>> open =
        partitions.entrySet().iterator();
    while (open.hasNext()) {
      Map.Entry<Long, LinkedHashMap<GroupKey, PriorityQueue<Object[]>>> entry = open.next();
      long time = entry.getKey();
      if (upTo != Long.MAX_VALUE && time >= upTo) {
        break;
      }
      for (PriorityQueue<Object[]> kept : entry.getValue().values()) {
        List<Object[]> ranked = new ArrayList<>(kept);
        ranked.sort(order);
        long[] numbered = numbers(ranked);
        for (int i = 0; i < ranked.size() && numbered[i] <= limit; i++) {
          rows.add(ranked.get(i));
          numbers.add(numbered[i]);
          times.add(time);
        }
      }
      open.remove();
    }
    for (int from = 0; from < rows.size(); from += MAX_BATCH_ROWS) {
      int to = Math.min(rows.size(), from + MAX_BATCH_ROWS);
      out.collect(build(rows.subList(from, to), numbers.subList(from, to), times.subList(from, to)));
    }
  }

  private RecordBatch build(List<Object[]> rows, List<Long> numbers, List<Long> times) {
    return OutputBatches.filled(outputSchema, allocator, rows.size(), vectors -> {
      for (int c = 0; c < columns; c++) {
        FieldVector vector = vectors.get(c);
        for (int row = 0; row < rows.size(); row++) {
          VectorValues.set(vector, row, rows.get(row)[c]);
        }
      }
      if (rowNumber) {
        FieldVector vector = vectors.get(columns);
        for (int row = 0; row < rows.size(); row++) {
          VectorValues.set(vector, row, numbers.get(row));
        }
      }
      TimeStampNanoVector timestamps = (TimeStampNanoVector) vectors.getLast();
      for (int row = 0; row < rows.size(); row++) {
        timestamps.setSafe(row, times.get(row));
      }
    });
  }

  /** Writes the watermark and late-row count (global) and every kept row (keyed by its partition). */
  @Override
  public void snapshot(StateWriter writer) {
    writer.writeGlobal(META_TABLE, Map.of(
        "watermark", StateCodec.encode(watermark), "late_rows", StateCodec.encode(lateRows)));
    writer.writeKeyed(ROWS_TABLE, stateTable, rows -> partitions.forEach((time, keyed) -> keyed.forEach((key, kept) -> {
      for (Object[] row : kept) {
        rows.add(key, Arrays.asList(row), time);
      }
    })));
  }

  /** Takes the kept rows of the partitions this subtask owns now; the watermark is the old subtasks' least. */
  @Override
  public void restore(StateReader reader) {
    reader.minimum(META_TABLE, "watermark").ifPresent(restored -> watermark = restored);
    lateRows = reader.share(META_TABLE, "late_rows");
    reader.readKeyed(ROWS_TABLE, batch -> {
      TimeStampNanoVector times = batch.timestamps();
      for (int row = 0; row < batch.rowCount(); row++) {
        Object[] values = new Object[columns];
        for (int c = 0; c < columns; c++) {
          values[c] = stateTable.value(batch, c, row);
        }
        offer(times.get(row), stateTable.key(batch, row), values);
      }
    });
  }
}
