package io.tributary.engine.operator.window;

import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.batch.VectorValues;
import io.tributary.proto.program.AggregateCall;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.TypeKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The aggregate functions of window and updating aggregates, with SQL semantics: NULL inputs are
 * ignored (except by ARRAY_AGG, FIRST_VALUE and LAST_VALUE, which keep them); COUNT, REGR_COUNT and
 * APPROX_DISTINCT of nothing are 0, every other aggregate of nothing is NULL; DISTINCT aggregates
 * see each distinct non-null value once. The functions beyond COUNT, SUM, MIN, MAX and AVG live in
 * {@link Moments} (variance, covariance, correlation, regression), {@link Bitwise} (BIT_* and
 * BOOL_*), {@link Percentiles} (MEDIAN and the approximate percentiles), {@link ApproxDistinct}
 * and {@link Collected} (ARRAY_AGG, STRING_AGG, FIRST_VALUE, LAST_VALUE).
 */
public final class Accumulators {
  private Accumulators() {}

  /**
   * Creates accumulators for {@code call} over rows of {@code inputSchema}.
   *
   * @throws IllegalArgumentException if the function, its arguments or types are unsupported
   */
  public static Supplier<Accumulator> factory(AggregateCall call, Schema inputSchema) {
    return factory(call, inputSchema, false);
  }

  /**
   * Like {@link #factory}, but the accumulators also {@link Accumulator#retract retract} exactly:
   * COUNT and SUM/AVG of integers and decimals subtract; SUM/AVG of floating-point values keep an
   * exact decimal sum (and counts of NaN and infinities), so that retracting undoes adding bit for
   * bit; MIN and MAX keep a sorted multiset of their values; DISTINCT aggregates keep a count per
   * distinct value. Moments run Welford's update backwards (exact up to rounding); BIT_AND and BIT_OR count values per
   * bit; MEDIAN and the approximate percentiles keep their values (and so are exact);
   * APPROX_DISTINCT counts distinct values exactly; ARRAY_AGG, STRING_AGG, FIRST_VALUE and
   * LAST_VALUE keep their values in arrival order.
   */
  public static Supplier<Accumulator> retractable(AggregateCall call, Schema inputSchema) {
    return factory(call, inputSchema, true);
  }

  private static Supplier<Accumulator> factory(AggregateCall call, Schema inputSchema, boolean retractable) {
    String function = call.getFunction().toUpperCase(Locale.ROOT);
    int columns = inputSchema.getFields().size();
    for (int argument : call.getArgumentsList()) {
      if (argument < 0 || argument >= columns) {
        throw new IllegalArgumentException(
            function + " refers to input column " + argument + " but the input has " + columns + " columns");
      }
    }
    int arguments = call.getArgumentsCount();
    DataType result = call.getType();
    if (function.equals("COUNT")) {
      if (arguments == 0) {
        if (call.getDistinct()) {
          throw new IllegalArgumentException("COUNT(DISTINCT *) is not an aggregate");
        }
        return () -> new Count(true);
      }
      return distinct(call, () -> new Count(false), retractable);
    }
    int expected = switch (function) {
      case "APPROX_PERCENTILE_CONT_WITH_WEIGHT" -> 3;
      case "APPROX_PERCENTILE_CONT", "STRING_AGG" -> 2;
      default -> statistic(function).filter(Moments.Statistic::paired).isPresent() ? 2 : 1;
    };
    if (arguments != expected) {
      throw new IllegalArgumentException(function + " takes " + expected + " argument" + (expected == 1 ? "" : "s")
          + ", not " + arguments);
    }
    TypeKind input = ArrowTypes.kindOf(inputSchema.getFields().get(call.getArguments(0)));
    Supplier<Accumulator> plain = switch (function) {
      case "SUM", "$SUM0", "SUM0" -> {
        Numeric numeric = exact(numeric(input, function), retractable);
        boolean zero = !function.equals("SUM");
        yield () -> new Sum(numeric, zero, result);
      }
      case "AVG" -> {
        Numeric numeric = exact(numeric(input, function), retractable);
        yield () -> new Avg(numeric, result);
      }
      case "MIN", "MAX" -> {
        Comparator<Object> order = order(input, function);
        boolean min = function.equals("MIN");
        yield retractable ? () -> new SortedExtreme(order, min) : () -> new Extreme(order, min);
      }
      case "BIT_AND", "BIT_OR", "BIT_XOR" -> {
        integer(input, function);
        Bitwise.Op op = Bitwise.Op.valueOf(function.substring("BIT_".length()));
        yield () -> new Bitwise(op, false, retractable);
      }
      case "BOOL_AND", "BOOL_OR" -> {
        if (input != TypeKind.BOOLEAN && input != TypeKind.NULL) {
          throw new IllegalArgumentException(function + " needs a BOOLEAN argument, not " + input);
        }
        Bitwise.Op op = Bitwise.Op.valueOf(function.substring("BOOL_".length()));
        yield () -> new Bitwise(op, true, retractable);
      }
      case "MEDIAN", "APPROX_MEDIAN", "APPROX_PERCENTILE_CONT", "APPROX_PERCENTILE_CONT_WITH_WEIGHT" -> {
        numeric(input, function);
        if (input == TypeKind.UINT64) {
          throw new IllegalArgumentException(function + " cannot take UINT64 values");
        }
        Percentiles.Kind kind = Percentiles.Kind.valueOf(function);
        Comparator<Object> order = order(input, function);
        // Sketches cannot forget values; MEDIAN is exact anyway.
        yield retractable || kind == Percentiles.Kind.MEDIAN
            ? () -> new Percentiles.Exact(kind, result, order)
            : () -> new Percentiles.Sketched(kind, result);
      }
      case "APPROX_DISTINCT" -> {
        // A sketch cannot forget values: retracting ones count them exactly, as COUNT(DISTINCT).
        Supplier<Accumulator> count = () -> new Count(false);
        yield retractable ? () -> new CountedDistinct(count) : ApproxDistinct::new;
      }
      case "ARRAY_AGG", "STRING_AGG", "FIRST_VALUE", "LAST_VALUE" -> {
        Collected.Kind kind = Collected.Kind.valueOf(function);
        yield () -> new Collected(kind, retractable);
      }
      default -> {
        Moments.Statistic statistic = statistic(function).orElseThrow(
            () -> new IllegalArgumentException("unknown aggregate function " + call.getFunction()));
        for (int argument : call.getArgumentsList()) {
          TypeKind kind = ArrowTypes.kindOf(inputSchema.getFields().get(argument));
          numeric(kind, function);
        }
        yield () -> new Moments(statistic);
      }
    };
    return distinct(call, plain, retractable);
  }

  private static Supplier<Accumulator> distinct(
      AggregateCall call, Supplier<Accumulator> plain, boolean retractable) {
    if (!call.getDistinct()) {
      return plain;
    }
    return retractable ? () -> new CountedDistinct(plain) : () -> new Distinct(plain);
  }

  /** The {@link Moments} statistic a function computes, by its name and PostgreSQL's synonyms. */
  private static java.util.Optional<Moments.Statistic> statistic(String function) {
    String canonical = switch (function) {
      case "VAR", "VARIANCE" -> "VAR_SAMP";
      case "STDDEV" -> "STDDEV_SAMP";
      default -> function;
    };
    return Arrays.stream(Moments.Statistic.values()).filter(s -> s.name().equals(canonical)).findFirst();
  }

  private static void integer(TypeKind kind, String function) {
    switch (kind) {
      case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, NULL -> {}
      default -> throw new IllegalArgumentException(function + " needs an integer argument, not " + kind);
    }
  }

  private enum Numeric {
    LONG,
    DOUBLE,
    DECIMAL,
    /** Floating-point values summed exactly (as decimals), so that they retract exactly. */
    EXACT_DOUBLE
  }

  private static Numeric exact(Numeric numeric, boolean retractable) {
    return retractable && numeric == Numeric.DOUBLE ? Numeric.EXACT_DOUBLE : numeric;
  }

  private static Numeric numeric(TypeKind kind, String function) {
    return switch (kind) {
      case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32 -> Numeric.LONG;
      case UINT64, DECIMAL -> Numeric.DECIMAL;
      case FLOAT32, FLOAT64 -> Numeric.DOUBLE;
      case NULL -> Numeric.LONG;
      default -> throw new IllegalArgumentException(function + " needs a numeric argument, not " + kind);
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Comparator<Object> order(TypeKind kind, String function) {
    return switch (kind) {
      case UINT64 -> (a, b) -> Long.compareUnsigned((Long) a, (Long) b);
      case BINARY -> (a, b) -> Arrays.compareUnsigned((byte[]) a, (byte[]) b);
      case BOOLEAN, INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, FLOAT32, FLOAT64, DECIMAL, UTF8,
          TIMESTAMP, DATE, TIME, NULL -> (a, b) -> ((Comparable) a).compareTo(b);
      default -> throw new IllegalArgumentException(function + " cannot order values of type " + kind);
    };
  }

  static BigDecimal decimal(Object value) {
    return switch (value) {
      case BigDecimal d -> d;
      case Long l -> BigDecimal.valueOf(l);
      case Number n -> new BigDecimal(n.toString());
      default -> new BigDecimal(value.toString());
    };
  }

  /** COUNT(*), which counts every row, or COUNT(x), which counts the rows whose x is not NULL. */
  private static final class Count implements Accumulator {
    private final boolean everyRow;
    long count;

    Count(boolean everyRow) {
      this.everyRow = everyRow;
    }

    @Override
    public void add(Object value) {
      if (everyRow || value != null) {
        count++;
      }
    }

    @Override
    public void retract(Object value) {
      if (everyRow || value != null) {
        count--;
      }
    }

    @Override
    public void merge(Accumulator other) {
      count += ((Count) other).count;
    }

    @Override
    public Object state() {
      return count;
    }

    @Override
    public void restoreState(Object state) {
      count = (Long) state;
    }

    @Override
    public Object result() {
      return count;
    }
  }

  /**
   * A running sum of longs, doubles or decimals, and how many values it saw; exact under
   * retraction. SUM and AVG differ only in their result.
   */
  private abstract static class Total implements Accumulator {
    final Numeric numeric;
    long longSum;
    double doubleSum;
    BigDecimal decimalSum = BigDecimal.ZERO;
    long count;

    Total(Numeric numeric) {
      this.numeric = numeric;
    }

    void addValue(Object value) {
      if (value == null) {
        return;
      }
      switch (numeric) {
        case LONG -> {
          try {
            longSum = Math.addExact(longSum, ((Number) value).longValue());
          } catch (ArithmeticException e) {
            throw new ArithmeticException("SUM overflowed a 64-bit integer");
          }
        }
        case DOUBLE -> doubleSum += ((Number) value).doubleValue();
        case DECIMAL -> decimalSum = decimalSum.add(decimal(value));
        case EXACT_DOUBLE -> addExactDouble(((Number) value).doubleValue(), 1);
      }
      count++;
    }

    void retractValue(Object value) {
      if (value == null) {
        return;
      }
      switch (numeric) {
        case LONG -> {
          try {
            longSum = Math.subtractExact(longSum, ((Number) value).longValue());
          } catch (ArithmeticException e) {
            throw new ArithmeticException("SUM overflowed a 64-bit integer");
          }
        }
        case DOUBLE -> doubleSum -= ((Number) value).doubleValue();
        case DECIMAL -> decimalSum = decimalSum.subtract(decimal(value));
        case EXACT_DOUBLE -> addExactDouble(((Number) value).doubleValue(), -1);
      }
      count--;
    }

    long nans;
    long positiveInfinities;
    long negativeInfinities;

    private void addExactDouble(double value, int sign) {
      if (Double.isNaN(value)) {
        nans += sign;
      } else if (value == Double.POSITIVE_INFINITY) {
        positiveInfinities += sign;
      } else if (value == Double.NEGATIVE_INFINITY) {
        negativeInfinities += sign;
      } else if (sign > 0) {
        decimalSum = decimalSum.add(new BigDecimal(value));
      } else {
        decimalSum = decimalSum.subtract(new BigDecimal(value));
      }
    }

    /** The sum as a double (the exact sum rounded once, for EXACT_DOUBLE). */
    double doubleValue() {
      return switch (numeric) {
        case DOUBLE -> doubleSum;
        case LONG -> (double) longSum;
        case DECIMAL -> decimalSum.doubleValue();
        case EXACT_DOUBLE -> {
          if (nans > 0 || (positiveInfinities > 0 && negativeInfinities > 0)) {
            yield Double.NaN;
          } else if (positiveInfinities > 0) {
            yield Double.POSITIVE_INFINITY;
          } else if (negativeInfinities > 0) {
            yield Double.NEGATIVE_INFINITY;
          }
          yield decimalSum.doubleValue();
        }
      };
    }

    @Override
    public void add(Object value) {
      addValue(value);
    }

    @Override
    public void retract(Object value) {
      retractValue(value);
    }

    @Override
    public void merge(Accumulator other) {
      mergeTotal((Total) other);
    }

    void mergeTotal(Total other) {
      switch (numeric) {
        case LONG -> {
          try {
            longSum = Math.addExact(longSum, other.longSum);
          } catch (ArithmeticException e) {
            throw new ArithmeticException("SUM overflowed a 64-bit integer");
          }
        }
        case DOUBLE -> doubleSum += other.doubleSum;
        case DECIMAL -> decimalSum = decimalSum.add(other.decimalSum);
        case EXACT_DOUBLE -> {
          decimalSum = decimalSum.add(other.decimalSum);
          nans += other.nans;
          positiveInfinities += other.positiveInfinities;
          negativeInfinities += other.negativeInfinities;
        }
      }
      count += other.count;
    }

    @Override
    public Object state() {
      return List.of(longSum, doubleSum, decimalSum, count, nans, positiveInfinities, negativeInfinities);
    }

    @Override
    public void restoreState(Object state) {
      List<?> values = (List<?>) state;
      longSum = (Long) values.get(0);
      doubleSum = (Double) values.get(1);
      decimalSum = (BigDecimal) values.get(2);
      count = (Long) values.get(3);
      nans = (Long) values.get(4);
      positiveInfinities = (Long) values.get(5);
      negativeInfinities = (Long) values.get(6);
    }

    Object sum() {
      return switch (numeric) {
        case LONG -> longSum;
        case DOUBLE -> doubleSum;
        case DECIMAL -> decimalSum;
        case EXACT_DOUBLE -> doubleValue();
      };
    }
  }

  private static final class Sum extends Total {
    private final boolean zeroWhenEmpty;
    private final DataType type;

    Sum(Numeric numeric, boolean zeroWhenEmpty, DataType type) {
      super(numeric);
      this.zeroWhenEmpty = zeroWhenEmpty;
      this.type = type;
    }

    @Override
    public Object result() {
      if (count == 0 && !zeroWhenEmpty) {
        return null;
      }
      Object sum = sum();
      if (numeric == Numeric.LONG) {
        long value = (Long) sum;
        long[] range = switch (type.getKind()) {
          case INT8 -> new long[] {Byte.MIN_VALUE, Byte.MAX_VALUE};
          case INT16 -> new long[] {Short.MIN_VALUE, Short.MAX_VALUE};
          case INT32 -> new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
          default -> null;
        };
        if (range != null && (value < range[0] || value > range[1])) {
          throw new ArithmeticException("SUM " + value + " overflows its result type " + type.getKind());
        }
      }
      return sum;
    }
  }

  private static final class Avg extends Total {
    private final DataType type;

    Avg(Numeric numeric, DataType type) {
      super(numeric == Numeric.LONG ? Numeric.DECIMAL : numeric);
      this.type = type;
    }

    @Override
    public Object result() {
      if (count == 0) {
        return null;
      }
      return switch (type.getKind()) {
        case FLOAT32, FLOAT64 -> doubleValue() / count;
        case DECIMAL -> decimal(sum()).divide(BigDecimal.valueOf(count), type.getScale(), RoundingMode.HALF_UP);
        // Integer AVG truncates, as Calcite types AVG of integers.
        default -> numeric == Numeric.DOUBLE || numeric == Numeric.EXACT_DOUBLE
            ? (long) (doubleValue() / count)
            : decimalSum.divide(BigDecimal.valueOf(count), 0, RoundingMode.DOWN).longValue();
      };
    }
  }

  private static final class Extreme implements Accumulator {
    private final Comparator<Object> order;
    private final boolean min;
    private Object best;

    Extreme(Comparator<Object> order, boolean min) {
      this.order = order;
      this.min = min;
    }

    @Override
    public void add(Object value) {
      if (value == null) {
        return;
      }
      if (best == null) {
        best = value;
        return;
      }
      int c = order.compare(value, best);
      if (min ? c < 0 : c > 0) {
        best = value;
      }
    }

    @Override
    public void merge(Accumulator other) {
      add(((Extreme) other).best);
    }

    @Override
    public Object state() {
      return best;
    }

    @Override
    public void restoreState(Object state) {
      best = state;
    }

    @Override
    public Object result() {
      return best;
    }
  }

  /** Keeps the distinct non-null values; the plain aggregate runs over them on demand. */
  private static final class Distinct implements Accumulator {
    private final Supplier<Accumulator> plain;
    private final Set<Object> values = new LinkedHashSet<>();

    Distinct(Supplier<Accumulator> plain) {
      this.plain = plain;
    }

    @Override
    public void add(Object value) {
      if (value != null) {
        values.add(value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value);
      }
    }

    @Override
    public void merge(Accumulator other) {
      values.addAll(((Distinct) other).values);
    }

    @Override
    public Object state() {
      return List.copyOf(values);
    }

    @Override
    public void restoreState(Object state) {
      values.clear();
      values.addAll((List<?>) state);
    }

    @Override
    public Object result() {
      Accumulator accumulator = plain.get();
      for (Object value : values) {
        accumulator.add(value instanceof ByteBuffer buffer ? buffer.array() : value);
      }
      return accumulator.result();
    }
  }

  /**
   * An accumulator over the multiset of its non-null values (a count per value), so that any value
   * can be retracted and its last retraction forgets it; checkpointed as [value, count, …].
   */
  private abstract static class CountedValues<M extends Map<Object, long[]>> implements Accumulator {
    final M values;

    CountedValues(M values) {
      this.values = values;
    }

    /** The key the value is counted under. */
    Object key(Object value) {
      return value;
    }

    @Override
    public void add(Object value) {
      if (value != null) {
        values.computeIfAbsent(key(value), v -> new long[1])[0]++;
      }
    }

    @Override
    public void retract(Object value) {
      if (value == null) {
        return;
      }
      Object key = key(value);
      long[] count = values.get(key);
      if (count != null && --count[0] == 0) {
        values.remove(key);
      }
    }

    @Override
    public void merge(Accumulator other) {
      ((CountedValues<?>) other).values.forEach((value, count) ->
          values.computeIfAbsent(value, v -> new long[1])[0] += count[0]);
    }

    @Override
    public Object state() {
      List<Object> pairs = new ArrayList<>(values.size() * 2);
      values.forEach((value, count) -> {
        pairs.add(value);
        pairs.add(count[0]);
      });
      return pairs;
    }

    @Override
    public void restoreState(Object state) {
      values.clear();
      List<?> pairs = (List<?>) state;
      for (int i = 0; i < pairs.size(); i += 2) {
        values.put(pairs.get(i), new long[] {(Long) pairs.get(i + 1)});
      }
    }
  }

  /** MIN or MAX over a sorted multiset of the values, so that any of them can be retracted. */
  private static final class SortedExtreme extends CountedValues<TreeMap<Object, long[]>> {
    private final boolean min;

    SortedExtreme(Comparator<Object> order, boolean min) {
      super(new TreeMap<>(order));
      this.min = min;
    }

    @Override
    public Object result() {
      if (values.isEmpty()) {
        return null;
      }
      return min ? values.firstKey() : values.lastKey();
    }
  }

  /** Counts each distinct non-null value, so that retracting its last occurrence removes it. */
  private static final class CountedDistinct extends CountedValues<Map<Object, long[]>> {
    private final Supplier<Accumulator> plain;

    CountedDistinct(Supplier<Accumulator> plain) {
      super(new LinkedHashMap<>());
      this.plain = plain;
    }

    /** Arrays count by content, not identity. */
    @Override
    Object key(Object value) {
      return value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value;
    }

    @Override
    public Object result() {
      Accumulator accumulator = plain.get();
      for (Object value : values.keySet()) {
        accumulator.add(value instanceof ByteBuffer buffer ? buffer.array() : value);
      }
      return accumulator.result();
    }
  }

  /** The argument of an aggregate: none, one value, or (COUNT of several) all or NULL. */
  public static Object argument(FieldVector[] columns, int row) {
    if (columns.length == 0) {
      return null;
    }
    if (columns.length == 1) {
      return VectorValues.get(columns[0], row);
    }
    List<Object> values = new ArrayList<>(columns.length);
    for (FieldVector column : columns) {
      Object value = VectorValues.get(column, row);
      if (value == null) {
        return null;
      }
      values.add(value);
    }
    return values;
  }

}
