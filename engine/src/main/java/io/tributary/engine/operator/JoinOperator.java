package io.tributary.engine.operator;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.batch.VectorValues;
import io.tributary.engine.expr.ExpressionCompiler;
import io.tributary.engine.expr.Projector;
import io.tributary.engine.operator.window.GroupKey;
import io.tributary.engine.operator.window.SessionWindows;
import io.tributary.engine.state.KeyedTable;
import io.tributary.engine.state.StateCodec;
import io.tributary.engine.state.StateReader;
import io.tributary.engine.state.StateWriter;
import io.tributary.engine.state.Stateful;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Expr;
import io.tributary.proto.program.JoinType;
import io.tributary.proto.program.TypeKind;
import io.tributary.proto.program.Window;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Joins two inputs on equal keys ({@code JoinOperator} of program.proto).
 *
 * <p><b>Windowed</b> (a window is given): every row is assigned to the windows of its
 * {@code _timestamp} (tumbling and sliding aligned to the epoch; sessions per key, merged over the
 * rows of both sides). When the watermark reaches a window's end (and at end of input) the
 * window's rows are joined per key: every left × right pair whose keys are equal (SQL equality:
 * a NULL key matches nothing) and for which the condition is TRUE, then, for LEFT/FULL, left rows
 * without a match padded with NULLs, then, for RIGHT/FULL, right rows without a match. All carry
 * {@code _timestamp} = window_end - 1 ns. The window's state is then dropped. A row whose windows
 * have all been emitted is late: dropped and counted ({@link #lateRowsDropped()}). Windows leave
 * in order of their end, keys in order of first appearance.
 *
 * <p><b>Unbounded</b> (no window): each side keeps its rows per key. An arriving row joins every
 * stored row of the other side with an equal key (emitted at once with {@code _timestamp} = the
 * later of the two) and is then stored. With {@code ttl_micros > 0} a row with time {@code t} is
 * forgotten once the watermark passes {@code t + ttl}; a row that arrives already older than that
 * still joins what is stored but is not kept.
 *
 * <p><b>Changelog</b> (unbounded, and outer or reading an updating input): the output is updating
 * ({@code _is_retract} before {@code _timestamp}) and always equals the join of the rows currently
 * stored. Each stored row remembers the rows of the other side it joined ("partners") and whether
 * it was emitted padded with NULLs. An addition joins as above; a padded partner (LEFT/RIGHT/FULL)
 * that gains its first match first has its padded row retracted; an outer row without any match is
 * emitted padded. A retraction ({@code _is_retract} true) removes the first stored row with equal
 * values, retracts every joined row it produced (and its padded row), and emits a padded row for
 * each outer partner left without matches; a retraction matching no stored row is ignored and
 * counted ({@link #unmatchedRetractions()}). The TTL forgets rather than deletes: an expired row
 * leaves what it produced in place, and its partners do not fall back to padded rows.
 */
public final class JoinOperator implements TwoInputOperator, Stateful {
  private static final int MAX_BATCH_ROWS = 8192;
  private static final String META_TABLE = "meta";
  private static final String[] SIDE_TABLES = {"left", "right"};

  private final io.tributary.proto.program.JoinOperator spec;
  private final Schema[] inputs;
  private final ExpressionCompiler compiler;
  private final int[][] keyFields = new int[2][];
  private final int[] columns = new int[2];
  private final Kind kind;
  private final long widthNanos;
  private final long slideNanos;
  private final long gapNanos;
  private final long ttlNanos;
  private final boolean padLeft;
  private final boolean padRight;
  /** Per side, the index of its {@code _is_retract} column, or -1 when the side is append-only. */
  private final int[] retractColumn = {-1, -1};
  /** Whether the output is a changelog (see the class comment). */
  private final boolean changelog;

  private Projector condition;
  private Schema outputSchema;
  private BufferAllocator allocator;
  private long watermark = Long.MIN_VALUE;
  private long lateRows;
  private long unmatchedRetractions;
  private boolean flushed;
  /** Per side, its buffered rows in checkpoints: key, the row's columns, window_start, window_end (windowed). */
  private final KeyedTable[] stateTables = new KeyedTable[2];

  /** Tumbling and sliding windows by start, then key (in order of first appearance). */
  private final TreeMap<Long, LinkedHashMap<GroupKey, Bucket>> aligned = new TreeMap<>();
  /** Session windows per key (present for session windows only); merging keeps earlier rows first. */
  private final Optional<SessionWindows<Bucket>> sessions;
  /** Unbounded state: per side, rows per key. */
  private final List<Map<GroupKey, List<Entry>>> stored = List.of(new HashMap<>(), new HashMap<>());
  private final TimeOrderedQueue<Entry> expiry = new TimeOrderedQueue<>(entry -> entry.row.time);

  /**
   * @param left the left input's schema (with {@code _timestamp})
   * @param right the right input's schema (with {@code _timestamp})
   */
  public JoinOperator(io.tributary.proto.program.JoinOperator spec, Schema left, Schema right,
      ExpressionCompiler compiler) {
    this.spec = requireNonNull(spec, "spec is null");
    this.inputs = new Schema[] {requireNonNull(left, "left is null"), requireNonNull(right, "right is null")};
    this.compiler = requireNonNull(compiler, "compiler is null");
    keyFields[LEFT] = spec.getLeftKeyFieldsList().stream().mapToInt(Integer::intValue).toArray();
    keyFields[RIGHT] = spec.getRightKeyFieldsList().stream().mapToInt(Integer::intValue).toArray();
    if (keyFields[LEFT].length != keyFields[RIGHT].length || keyFields[LEFT].length == 0) {
      throw new IllegalArgumentException("a join needs as many left as right key fields, at least one; got "
          + keyFields[LEFT].length + " and " + keyFields[RIGHT].length);
    }
    for (int side = 0; side < 2; side++) {
      columns[side] = inputs[side].getFields().size() - 1;
      if (ArrowTypes.isUpdating(inputs[side])) {
        columns[side]--;
        retractColumn[side] = columns[side];
      }
      for (int key : keyFields[side]) {
        if (key < 0 || key >= columns[side]) {
          throw new IllegalArgumentException("join key field " + key + " is outside the "
              + (side == LEFT ? "left" : "right") + " input's " + columns[side] + " columns");
        }
      }
    }
    JoinType type = spec.getJoinType();
    if (type == JoinType.JOIN_TYPE_UNSPECIFIED || type == JoinType.UNRECOGNIZED) {
      throw new IllegalArgumentException("join has no join type");
    }
    padLeft = type == JoinType.LEFT || type == JoinType.FULL;
    padRight = type == JoinType.RIGHT || type == JoinType.FULL;
    if (spec.hasWindow()) {
      Window window = spec.getWindow();
      switch (window.getKindCase()) {
        case TUMBLING -> {
          kind = Kind.ALIGNED;
          widthNanos = nanos(window.getTumbling().getWidthMicros(), "tumbling window width");
          slideNanos = widthNanos;
          gapNanos = 0;
        }
        case SLIDING -> {
          kind = Kind.ALIGNED;
          widthNanos = nanos(window.getSliding().getWidthMicros(), "sliding window width");
          slideNanos = nanos(window.getSliding().getSlideMicros(), "sliding window slide");
          gapNanos = 0;
          if (slideNanos > widthNanos) {
            throw new IllegalArgumentException("sliding window slide exceeds its width");
          }
        }
        case SESSION -> {
          kind = Kind.SESSION;
          gapNanos = nanos(window.getSession().getGapMicros(), "session gap");
          widthNanos = 0;
          slideNanos = 0;
        }
        default -> throw new IllegalArgumentException("join window has no kind");
      }
      ttlNanos = 0;
      if (retractColumn[LEFT] >= 0 || retractColumn[RIGHT] >= 0) {
        throw new IllegalArgumentException("a windowed join cannot read an updating input: its windows are"
            + " emitted once and cannot take back a retracted row");
      }
    } else {
      kind = Kind.UNBOUNDED;
      widthNanos = 0;
      slideNanos = 0;
      gapNanos = 0;
      if (spec.getTtlMicros() < 0) {
        throw new IllegalArgumentException("join ttl must not be negative");
      }
      ttlNanos = Math.multiplyExact(spec.getTtlMicros(), 1000L);
    }
    changelog = kind == Kind.UNBOUNDED
        && (padLeft || padRight || retractColumn[LEFT] >= 0 || retractColumn[RIGHT] >= 0);
    sessions = kind == Kind.SESSION
        ? Optional.of(new SessionWindows<>(gapNanos, (earlier, later) -> {
            for (int s = 0; s < 2; s++) {
              earlier.rows[s].addAll(later.rows[s]);
            }
          }))
        : Optional.empty();
  }

  private static long nanos(long micros, String what) {
    if (micros <= 0) {
      throw new IllegalArgumentException(what + " must be positive, not " + micros + "µs");
    }
    return Math.multiplyExact(micros, 1000L);
  }

  /** Rows dropped because every window they belong to was already joined. */
  public long lateRowsDropped() {
    return lateRows;
  }

  /** Retractions that met no stored row with equal values (never added, or forgotten by the TTL). */
  public long unmatchedRetractions() {
    return unmatchedRetractions;
  }

  /** Rows held in state (both sides), for tests and metrics. */
  public long storedRows() {
    long count = 0;
    for (var window : aligned.values()) {
      for (Bucket bucket : window.values()) {
        count += bucket.rows[LEFT].size() + bucket.rows[RIGHT].size();
      }
    }
    long[] sessionRows = {0};
    sessions.ifPresent(open -> open.forEachState(
        bucket -> sessionRows[0] += bucket.rows[LEFT].size() + bucket.rows[RIGHT].size()));
    count += sessionRows[0];
    for (var side : stored) {
      for (List<Entry> rows : side.values()) {
        count += rows.size();
      }
    }
    return count;
  }

  @Override
  public void open(OperatorContext context) {
    allocator = context.allocator();
    outputSchema = context.outputSchema();
    int expected = columns[LEFT] + columns[RIGHT] + (changelog ? 1 : 0) + 1;
    if (outputSchema.getFields().size() != expected || ArrowTypes.isUpdating(outputSchema) != changelog) {
      throw new IllegalArgumentException("join output schema has " + outputSchema.getFields().size()
          + " columns; expected " + expected + " (" + columns[LEFT] + " left, " + columns[RIGHT]
          + " right, " + (changelog ? "_is_retract, " : "") + "_timestamp)");
    }
    if (spec.hasCondition()) {
      Field timestamp = outputSchema.getFields().getLast();
      Schema conditionSchema = new Schema(List.of(
          new Field("matches", FieldType.nullable(ArrowType.Bool.INSTANCE), null), timestamp));
      Expr timestampRef = Expr.newBuilder()
          .setType(DataType.newBuilder().setKind(TypeKind.TIMESTAMP))
          .setInputRef(expected - 1)
          .build();
      condition = compiler.compile(outputSchema, Optional.empty(), List.of(spec.getCondition(), timestampRef),
          conditionSchema);
    }
    for (int i = 0; i < columns[LEFT] + columns[RIGHT]; i++) {
      // Only a sanity check of the layout; types are the planner's responsibility.
      ArrowTypes.kindOf(outputSchema.getFields().get(i));
    }
    for (int side = 0; side < 2; side++) {
      List<Field> values = new ArrayList<>();
      List<Field> fields = inputs[side].getFields();
      for (int c = 0; c < columns[side]; c++) {
        // Renamed: the input's names may clash with the window columns; only the types matter.
        values.add(new Field("c" + c, fields.get(c).getFieldType(), fields.get(c).getChildren()));
      }
      values.add(KeyedTable.bigint("window_start"));
      values.add(KeyedTable.bigint("window_end"));
      values.add(KeyedTable.bool("padded"));
      stateTables[side] = new KeyedTable(KeyedTable.fields(inputs[side], keyFields[side]), values);
    }
  }

  /** Writes the watermark and late-row count (global) and each side's buffered rows (keyed). */
  @Override
  public void snapshot(StateWriter writer) {
    writer.writeGlobal(META_TABLE, Map.of("watermark", StateCodec.encode(watermark),
        "late_rows", StateCodec.encode(lateRows), "unmatched_retractions", StateCodec.encode(unmatchedRetractions)));
    for (int side = 0; side < 2; side++) {
      int s = side;
      writer.writeKeyed(SIDE_TABLES[side], stateTables[side], rows -> {
        switch (kind) {
          case ALIGNED -> aligned.forEach((start, buckets) -> buckets.forEach((key, bucket) ->
              bucket.rows[s].forEach(row -> addState(rows, key, row, start, start + widthNanos, null))));
          case SESSION -> sessions.orElseThrow().forEachSession(session -> session.state().rows[s].forEach(
              row -> addState(rows, session.key(), row, session.start(), session.end(), null)));
          case UNBOUNDED -> stored.get(s).forEach((key, entries) ->
              entries.forEach(entry -> addState(rows, key, entry.row, null, null, entry.padded)));
        }
      });
    }
  }

  private static void addState(KeyedTable.Builder rows, GroupKey key, Row row, Long start, Long end,
      Boolean padded) {
    List<Object> values = new ArrayList<>(Arrays.asList(row.values));
    values.add(start);
    values.add(end);
    values.add(padded);
    rows.add(key, values, row.time);
  }

  @Override
  public void restore(StateReader reader) {
    reader.minimum(META_TABLE, "watermark").ifPresent(restored -> watermark = restored);
    lateRows = reader.share(META_TABLE, "late_rows");
    unmatchedRetractions = reader.share(META_TABLE, "unmatched_retractions");
    for (int side = 0; side < 2; side++) {
      int s = side;
      KeyedTable table = stateTables[side];
      reader.readKeyed(SIDE_TABLES[side], batch -> {
        for (int r = 0; r < batch.rowCount(); r++) {
          GroupKey key = table.key(batch, r);
          Object[] values = new Object[columns[s]];
          for (int c = 0; c < values.length; c++) {
            values[c] = table.value(batch, c, r);
          }
          Row row = new Row(values, batch.timestamps().get(r));
          switch (kind) {
            case ALIGNED -> {
              long start = (Long) table.value(batch, columns[s], r);
              aligned.computeIfAbsent(start, w -> new LinkedHashMap<>())
                  .computeIfAbsent(key, k -> new Bucket()).rows[s].add(row);
            }
            case SESSION -> sessions.orElseThrow().restore(key, (Long) table.value(batch, columns[s], r),
                (Long) table.value(batch, columns[s] + 1, r), Bucket::new).rows[s].add(row);
            case UNBOUNDED -> {
              Entry entry = store(s, key, row);
              entry.padded = Boolean.TRUE.equals(table.value(batch, columns[s] + 2, r));
            }
          }
        }
      });
    }
    if (changelog) {
      relink();
    }
  }

  /**
   * Rebuilds the partners of restored rows: the pairs of stored rows with equal keys for which the
   * condition holds, which is what they joined (up to rows that arrived already expired).
   */
  private void relink() {
    stored.get(LEFT).forEach((key, lefts) -> {
      List<Entry> rights = stored.get(RIGHT).get(key);
      if (rights == null || hasNull(key)) {
        return;
      }
      for (Entry left : lefts) {
        List<Candidate> candidates = new ArrayList<>();
        for (Entry right : rights) {
          candidates.add(new Candidate(left.row.values, right.row.values, 0));
        }
        boolean[] pass = evaluate(candidates);
        for (int i = 0; i < pass.length; i++) {
          if (pass[i]) {
            left.partners.add(rights.get(i));
            rights.get(i).partners.add(left);
          }
        }
      }
    });
  }

  @Override
  public void processBatch(int side, RecordBatch batch, Collector out) {
    if (side != LEFT && side != RIGHT) {
      batch.close();
      throw new IllegalArgumentException("join input " + side + " is neither left (0) nor right (1)");
    }
    List<Output> results = new ArrayList<>();
    List<Candidate> candidates = new ArrayList<>();
    try (batch) {
      int rows = batch.rowCount();
      TimeStampNanoVector times = batch.timestamps();
      FieldVector[] keys = new FieldVector[keyFields[side].length];
      for (int k = 0; k < keys.length; k++) {
        keys[k] = batch.column(keyFields[side][k]);
      }
      FieldVector[] values = new FieldVector[columns[side]];
      for (int c = 0; c < values.length; c++) {
        values[c] = batch.column(c);
      }
      BitVector retracts = retractColumn[side] >= 0 ? (BitVector) batch.column(retractColumn[side]) : null;
      for (int r = 0; r < rows; r++) {
        Row row = new Row(read(values, r), times.get(r));
        GroupKey key = GroupKey.of(keys, r);
        switch (kind) {
          case ALIGNED -> addToAligned(side, key, row);
          case SESSION -> addToSession(side, key, row);
          case UNBOUNDED -> {
            if (!changelog) {
              addUnbounded(side, key, row, candidates);
            } else if (retracts != null && !retracts.isNull(r) && retracts.get(r) != 0) {
              retractChange(side, key, row, results);
            } else {
              addChange(side, key, row, results);
            }
          }
        }
      }
    }
    if (changelog) {
      emit(results, out);
      return;
    }
    if (!candidates.isEmpty()) {
      boolean[] pass = evaluate(candidates);
      for (int i = 0; i < candidates.size(); i++) {
        if (pass[i]) {
          Candidate c = candidates.get(i);
          results.add(new Output(c.left, c.right, c.time, false));
        }
      }
      emit(results, out);
    }
  }

  private static Object[] read(FieldVector[] vectors, int row) {
    Object[] values = new Object[vectors.length];
    for (int c = 0; c < vectors.length; c++) {
      values[c] = VectorValues.get(vectors[c], row);
    }
    return values;
  }

  private void addToAligned(int side, GroupKey key, Row row) {
    long time = row.time;
    long lastStart = Math.floorDiv(time, slideNanos) * slideNanos;
    if (lastStart + widthNanos <= watermark) {
      lateRows++;
      return;
    }
    for (long start = lastStart; start > time - widthNanos; start -= slideNanos) {
      if (start + widthNanos <= watermark) {
        break;
      }
      aligned.computeIfAbsent(start, s -> new LinkedHashMap<>())
          .computeIfAbsent(key, k -> new Bucket()).rows[side].add(row);
    }
  }

  private void addToSession(int side, GroupKey key, Row row) {
    sessions.orElseThrow().add(key, row.time, watermark, Bucket::new).ifPresentOrElse(
        session -> session.state().rows[side].add(row),
        () -> lateRows++);
  }

  private void addUnbounded(int side, GroupKey key, Row row, List<Candidate> candidates) {
    if (hasNull(key)) {
      return; // NULL equals nothing; an inner join never emits it
    }
    for (Entry match : liveMatches(1 - side, key)) {
      candidates.add(candidate(side, row, match.row));
    }
    if (ttlNanos > 0 && expired(row.time)) {
      return;
    }
    store(side, key, row);
  }

  /** The stored rows of {@code side} with key {@code key} that the TTL has not expired. */
  private List<Entry> liveMatches(int side, GroupKey key) {
    List<Entry> rows = stored.get(side).get(key);
    if (rows == null) {
      return List.of();
    }
    if (ttlNanos <= 0) {
      return rows;
    }
    // A probe runs per input row: without an expired row (the usual case) it answers the stored
    // list itself, read-only, instead of a filtered copy.
    int live = 0;
    while (live < rows.size() && !expired(rows.get(live).row.time)) {
      live++;
    }
    if (live == rows.size()) {
      return java.util.Collections.unmodifiableList(rows);
    }
    List<Entry> unexpired = new ArrayList<>(rows.size());
    for (Entry entry : rows) {
      if (!expired(entry.row.time)) {
        unexpired.add(entry);
      }
    }
    return unexpired;
  }

  /** {@code row} of {@code side} paired with {@code other} of the other side, at the later time. */
  private static Candidate candidate(int side, Row row, Row other) {
    long time = Math.max(row.time, other.time);
    return side == LEFT ? new Candidate(row.values, other.values, time) : new Candidate(other.values, row.values, time);
  }

  private Entry store(int side, GroupKey key, Row row) {
    Entry entry = new Entry(row, side, changelog ? new ArrayList<>() : null);
    keep(key, entry);
    return entry;
  }

  /** Adds {@code entry} to its side's rows of {@code key} and, with a TTL, to the rows that expire. */
  private void keep(GroupKey key, Entry entry) {
    List<Entry> rows = stored.get(entry.side).computeIfAbsent(key, k -> new ArrayList<>());
    // The rows of a key share one key object, so a stored row keeps no copy of its key alive (a
    // join may hold millions of rows: fewer live objects are less for the collector to trace).
    entry.key = rows.isEmpty() ? key : rows.getFirst().key;
    rows.add(entry);
    if (ttlNanos > 0) {
      expiry.add(entry);
    }
  }

  private boolean pads(int side) {
    return side == LEFT ? padLeft : padRight;
  }

  /** {@code entry} of {@code side} padded with NULLs for the other side. */
  private static Output padded(int side, Entry entry, long time, boolean retract) {
    return side == LEFT
        ? new Output(entry.row.values, null, time, retract)
        : new Output(null, entry.row.values, time, retract);
  }

  /** An addition to a changelog join (see the class comment). */
  private void addChange(int side, GroupKey key, Row row, List<Output> results) {
    int other = 1 - side;
    Entry entry = new Entry(row, side, new ArrayList<>());
    if (!hasNull(key)) {
      List<Entry> matches = liveMatches(other, key);
      List<Candidate> candidates = new ArrayList<>(matches.size());
      for (Entry match : matches) {
        candidates.add(candidate(side, row, match.row));
      }
      boolean[] pass = evaluate(candidates);
      for (int i = 0; i < pass.length; i++) {
        if (!pass[i]) {
          continue;
        }
        Entry match = matches.get(i);
        Candidate joined = candidates.get(i);
        if (match.padded) {
          results.add(padded(other, match, joined.time, true));
          match.padded = false;
        }
        results.add(new Output(joined.left, joined.right, joined.time, false));
        entry.partners.add(match);
        match.partners.add(entry);
      }
    }
    if (entry.partners.isEmpty() && pads(side)) {
      results.add(padded(side, entry, row.time, false));
      entry.padded = true;
    }
    if (ttlNanos > 0 && expired(row.time)) {
      forget(entry); // too old to keep: what it produced stands, as if it had expired at once
      return;
    }
    keep(key, entry);
  }

  /** A retraction in a changelog join (see the class comment). */
  private void retractChange(int side, GroupKey key, Row row, List<Output> results) {
    List<Entry> rows = stored.get(side).get(key);
    int found = -1;
    for (int i = 0; rows != null && i < rows.size() && found < 0; i++) {
      if (sameValues(rows.get(i).row.values, row.values)) {
        found = i;
      }
    }
    if (found < 0) {
      unmatchedRetractions++;
      return;
    }
    Entry entry = rows.remove(found);
    if (rows.isEmpty()) {
      stored.get(side).remove(key);
    }
    int other = 1 - side;
    for (Entry partner : entry.partners) {
      Candidate joined = candidate(side, entry.row, partner.row);
      long time = Math.max(row.time, joined.time);
      results.add(new Output(joined.left, joined.right, time, true));
      partner.partners.remove(entry);
      if (partner.partners.isEmpty() && pads(other)) {
        results.add(padded(other, partner, time, false));
        partner.padded = true;
      }
    }
    entry.partners.clear();
    if (entry.padded) {
      results.add(padded(side, entry, Math.max(row.time, entry.row.time), true));
      entry.padded = false;
    }
  }

  /** Unlinks {@code entry} from its partners without emitting anything (the TTL forgets, see the class comment). */
  private static void forget(Entry entry) {
    if (entry.partners != null) {
      for (Entry partner : entry.partners) {
        partner.partners.remove(entry);
      }
      entry.partners.clear();
    }
  }

  /** Value equality, numerically for decimals, deeply for arrays. */
  private static boolean sameValues(Object[] a, Object[] b) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] instanceof java.math.BigDecimal x && b[i] instanceof java.math.BigDecimal y) {
        if (x.compareTo(y) != 0) {
          return false;
        }
      } else if (!java.util.Objects.deepEquals(a[i], b[i])) {
        return false;
      }
    }
    return true;
  }

  private boolean expired(long time) {
    return watermark != Long.MIN_VALUE && time + ttlNanos < watermark;
  }

  private static boolean hasNull(GroupKey key) {
    for (int i = 0; i < key.size(); i++) {
      if (key.value(i) == null) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void processWatermark(Watermark mark, Collector out) {
    if (mark instanceof Watermark.EventTime time && time.epochNanos() > watermark) {
      watermark = time.epochNanos();
      switch (kind) {
        case ALIGNED, SESSION -> emitWindows(watermark, out);
        case UNBOUNDED -> expire();
      }
    }
    out.collectWatermark(mark);
  }

  private void expire() {
    if (ttlNanos <= 0) {
      return;
    }
    while (!expiry.isEmpty() && expired(expiry.earliest())) {
      Entry old = expiry.poll();
      Map<GroupKey, List<Entry>> side = stored.get(old.side);
      List<Entry> rows = side.get(old.key);
      if (rows != null) {
        for (int i = 0; i < rows.size(); i++) {
          if (rows.get(i) == old) {
            rows.remove(i);
            forget(old);
            break;
          }
        }
        if (rows.isEmpty()) {
          side.remove(old.key);
        }
      }
    }
  }

  @Override
  public void finish(Collector out) {
    if (!flushed) {
      flushed = true;
      if (kind != Kind.UNBOUNDED) {
        emitWindows(Long.MAX_VALUE, out);
      }
    }
  }

  @Override
  public void close() {
    aligned.clear();
    sessions.ifPresent(SessionWindows::clear);
    stored.forEach(Map::clear);
    expiry.clear();
  }

  /** Joins, emits and forgets every window ending at or before {@code upTo}. */
  private void emitWindows(long upTo, Collector out) {
    List<Group> groups = new ArrayList<>();
    if (kind == Kind.ALIGNED) {
      Iterator<Map.Entry<Long, LinkedHashMap<GroupKey, Bucket>>> windows = aligned.entrySet().iterator();
      while (windows.hasNext()) {
        Map.Entry<Long, LinkedHashMap<GroupKey, Bucket>> window = windows.next();
        long end = window.getKey() + widthNanos;
        if (upTo != Long.MAX_VALUE && end > upTo) {
          break;
        }
        for (Map.Entry<GroupKey, Bucket> entry : window.getValue().entrySet()) {
          groups.add(new Group(entry.getKey(), window.getKey(), end, entry.getValue()));
        }
        windows.remove();
      }
    } else {
      for (SessionWindows.Closed<Bucket> session : sessions.orElseThrow().closeUpTo(upTo)) {
        groups.add(new Group(session.key(), session.start(), session.end(), session.state()));
      }
    }
    if (groups.isEmpty()) {
      return;
    }
    // Every candidate pair of every group, evaluated in one pass over the condition.
    List<Candidate> candidates = new ArrayList<>();
    for (Group group : groups) {
      if (hasNull(group.key)) {
        continue;
      }
      for (Row left : group.bucket.rows[LEFT]) {
        for (Row right : group.bucket.rows[RIGHT]) {
          candidates.add(new Candidate(left.values, right.values, group.end - 1));
        }
      }
    }
    boolean[] pass = evaluate(candidates);
    List<Output> results = new ArrayList<>();
    int next = 0;
    for (Group group : groups) {
      List<Row> lefts = group.bucket.rows[LEFT];
      List<Row> rights = group.bucket.rows[RIGHT];
      boolean[] leftMatched = new boolean[lefts.size()];
      boolean[] rightMatched = new boolean[rights.size()];
      long time = group.end - 1;
      if (!hasNull(group.key)) {
        for (int l = 0; l < lefts.size(); l++) {
          for (int r = 0; r < rights.size(); r++) {
            if (pass[next++]) {
              leftMatched[l] = true;
              rightMatched[r] = true;
              results.add(new Output(lefts.get(l).values, rights.get(r).values, time, false));
            }
          }
        }
      }
      if (padLeft) {
        for (int l = 0; l < lefts.size(); l++) {
          if (!leftMatched[l]) {
            results.add(new Output(lefts.get(l).values, null, time, false));
          }
        }
      }
      if (padRight) {
        for (int r = 0; r < rights.size(); r++) {
          if (!rightMatched[r]) {
            results.add(new Output(null, rights.get(r).values, time, false));
          }
        }
      }
    }
    emit(results, out);
  }

  /** Whether the condition is TRUE for each candidate (all true without a condition). */
  private boolean[] evaluate(List<Candidate> candidates) {
    boolean[] pass = new boolean[candidates.size()];
    if (condition == null) {
      java.util.Arrays.fill(pass, true);
      return pass;
    }
    for (int from = 0; from < candidates.size(); from += MAX_BATCH_ROWS) {
      int to = Math.min(candidates.size(), from + MAX_BATCH_ROWS);
      List<Output> chunk = new ArrayList<>(to - from);
      for (Candidate c : candidates.subList(from, to)) {
        chunk.add(new Output(c.left, c.right, c.time, false));
      }
      try (RecordBatch rows = build(chunk); RecordBatch result = condition.project(rows, allocator)) {
        BitVector matches = (BitVector) result.column(0);
        for (int i = 0; i < result.rowCount(); i++) {
          pass[from + i] = !matches.isNull(i) && matches.get(i) != 0;
        }
      }
    }
    return pass;
  }

  private void emit(List<Output> results, Collector out) {
    for (int from = 0; from < results.size(); from += MAX_BATCH_ROWS) {
      out.collect(build(results.subList(from, Math.min(results.size(), from + MAX_BATCH_ROWS))));
    }
  }

  private RecordBatch build(List<Output> rows) {
    try (BatchBuilder builder = new BatchBuilder(outputSchema, allocator)) {
      int leftColumns = columns[LEFT];
      for (Output row : rows) {
        if (row.left != null) {
          for (int c = 0; c < leftColumns; c++) {
            builder.set(c, row.left[c]);
          }
        }
        if (row.right != null) {
          for (int c = 0; c < columns[RIGHT]; c++) {
            builder.set(leftColumns + c, row.right[c]);
          }
        }
        if (changelog) {
          builder.set(leftColumns + columns[RIGHT], row.retract);
        }
        builder.endRow(row.time);
      }
      return builder.build();
    }
  }

  private record Row(Object[] values, long time) {}

  /**
   * A row of unbounded state. In a changelog join, {@code partners} are the rows of the other side it
   * joined (compared by identity) and {@code padded} whether its padded row is currently emitted.
   */
  private static final class Entry {
    final Row row;
    final int side;
    final List<Entry> partners;
    boolean padded;
    /** The key it is stored under, set when it is stored. */
    GroupKey key;

    Entry(Row row, int side, List<Entry> partners) {
      this.row = row;
      this.side = side;
      this.partners = partners;
    }
  }

  private record Candidate(Object[] left, Object[] right, long time) {}

  private record Output(Object[] left, Object[] right, long time, boolean retract) {}

  private record Group(GroupKey key, long start, long end, Bucket bucket) {}

  private static final class Bucket {
    @SuppressWarnings("unchecked")
    final List<Row>[] rows = new List[] {new ArrayList<Row>(), new ArrayList<Row>()};
  }

  private enum Kind {
    ALIGNED,
    SESSION,
    UNBOUNDED
  }
}
