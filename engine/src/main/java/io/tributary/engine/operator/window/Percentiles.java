package io.tributary.engine.operator.window;

import io.tributary.proto.program.DataType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * MEDIAN (exact), APPROX_MEDIAN, APPROX_PERCENTILE_CONT and APPROX_PERCENTILE_CONT_WITH_WEIGHT.
 * NULL values (and, weighted, NULL weights) are skipped; the result is NULL when no value is left.
 *
 * <p>The approximate ones run over a {@link TDigest}, which cannot forget a value; where values
 * must be retracted they keep the values themselves ({@link Exact}) and are then exact. Their
 * argument is {@code x} (APPROX_MEDIAN), {@code [x, p]} or {@code [x, w, p]}; the percentile p is
 * a constant the planner checked (the first row's is used).
 */
final class Percentiles {
  private Percentiles() {}

  /** Which function, and where its arguments are. */
  enum Kind {
    MEDIAN, APPROX_MEDIAN, APPROX_PERCENTILE_CONT, APPROX_PERCENTILE_CONT_WITH_WEIGHT;

    boolean weighted() {
      return this == APPROX_PERCENTILE_CONT_WITH_WEIGHT;
    }

    Object value(Object argument) {
      return argument instanceof List<?> list && this != MEDIAN && this != APPROX_MEDIAN ? list.get(0) : argument;
    }

    double weight(Object argument) {
      return weighted() ? ((Number) ((List<?>) argument).get(1)).doubleValue() : 1;
    }

    /** The percentile an argument asks for. */
    double percentile(Object argument) {
      return switch (this) {
        case MEDIAN, APPROX_MEDIAN -> 0.5;
        case APPROX_PERCENTILE_CONT -> checked(((List<?>) argument).get(1));
        case APPROX_PERCENTILE_CONT_WITH_WEIGHT -> checked(((List<?>) argument).get(2));
      };
    }

    private double checked(Object percentile) {
      double p = ((Number) percentile).doubleValue();
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException(name().toLowerCase(java.util.Locale.ROOT)
            + " needs a percentile between 0 and 1, not " + percentile);
      }
      return p;
    }
  }

  /** A double computed for a column of {@code type}: integers truncated, as DataFusion casts. */
  static Object fromDouble(double value, DataType type) {
    return switch (type.getKind()) {
      case FLOAT32 -> (float) value;
      case FLOAT64 -> value;
      case DECIMAL -> BigDecimal.valueOf(value).setScale(type.getScale(), RoundingMode.HALF_UP);
      default -> (long) value;
    };
  }

  /** The approximate percentiles over a t-digest (not retractable). */
  static final class Sketched implements Accumulator {
    private final Kind kind;
    private final DataType type;
    private final TDigest digest = new TDigest();
    private double percentile = Double.NaN;

    Sketched(Kind kind, DataType type) {
      this.kind = kind;
      this.type = type;
    }

    @Override
    public void add(Object argument) {
      if (argument == null) {
        return;
      }
      double value = ((Number) kind.value(argument)).doubleValue();
      double weight = kind.weight(argument);
      if (Double.isNaN(percentile)) {
        percentile = kind.percentile(argument);
      }
      if (!Double.isNaN(value) && weight > 0) {
        digest.add(value, weight);
      }
    }

    @Override
    public void merge(Accumulator other) {
      Sketched that = (Sketched) other;
      digest.merge(that.digest);
      if (Double.isNaN(percentile)) {
        percentile = that.percentile;
      }
    }

    @Override
    public Object result() {
      return digest.isEmpty() ? null : fromDouble(digest.quantile(percentile), type);
    }

    @Override
    public Object state() {
      return List.of(percentile, digest.state());
    }

    @Override
    public void restoreState(Object state) {
      List<?> values = (List<?>) state;
      percentile = (Double) values.get(0);
      digest.restoreState((List<?>) values.get(1));
    }
  }

  /**
   * Percentiles over the values themselves, kept sorted with a count and a total weight each, so
   * that any can be retracted. MEDIAN is DataFusion's: the middle value, or for an even count the
   * two middle values' mean in the input type (integers truncated). The others are
   * {@link TDigest#exactQuantile}.
   */
  static final class Exact implements Accumulator {
    private final Kind kind;
    private final DataType type;
    private final TreeMap<Object, double[]> values;
    private double percentile = Double.NaN;
    private long count;
    private double totalWeight;

    Exact(Kind kind, DataType type, Comparator<Object> order) {
      this.kind = kind;
      this.type = type;
      this.values = new TreeMap<>(order);
    }

    @Override
    public void add(Object argument) {
      update(argument, 1);
    }

    @Override
    public void retract(Object argument) {
      update(argument, -1);
    }

    private void update(Object argument, int sign) {
      if (argument == null) {
        return;
      }
      Object value = kind.value(argument);
      double weight = kind.weight(argument);
      if (Double.isNaN(percentile)) {
        percentile = kind.percentile(argument);
      }
      if (value instanceof Double d && d.isNaN() || value instanceof Float f && f.isNaN() || !(weight > 0)) {
        return;
      }
      double[] entry = values.computeIfAbsent(value, v -> new double[2]);
      entry[0] += sign;
      entry[1] += sign * weight;
      count += sign;
      totalWeight += sign * weight;
      if (entry[0] <= 0) {
        values.remove(value);
      }
    }

    @Override
    public void merge(Accumulator other) {
      Exact that = (Exact) other;
      that.values.forEach((value, entry) -> {
        double[] mine = values.computeIfAbsent(value, v -> new double[2]);
        mine[0] += entry[0];
        mine[1] += entry[1];
      });
      count += that.count;
      totalWeight += that.totalWeight;
      if (Double.isNaN(percentile)) {
        percentile = that.percentile;
      }
    }

    @Override
    public Object result() {
      if (values.isEmpty()) {
        return null;
      }
      if (kind == Kind.MEDIAN) {
        return median();
      }
      double[] points = new double[values.size()];
      double[] weights = new double[values.size()];
      int i = 0;
      for (Map.Entry<Object, double[]> entry : values.entrySet()) {
        points[i] = ((Number) entry.getKey()).doubleValue();
        weights[i++] = entry.getValue()[1];
      }
      return fromDouble(TDigest.exactQuantile(points, weights, points.length, percentile), type);
    }

    private Object median() {
      long low = (count - 1) / 2;
      long high = count / 2;
      Object lowValue = null;
      long seen = 0;
      for (Map.Entry<Object, double[]> entry : values.entrySet()) {
        seen += (long) entry.getValue()[0];
        if (lowValue == null && seen > low) {
          lowValue = entry.getKey();
        }
        if (seen > high) {
          return mean(lowValue, entry.getKey());
        }
      }
      throw new IllegalStateException("median of " + count + " values found no middle");
    }

    private Object mean(Object low, Object high) {
      if (low.equals(high)) {
        return low;
      }
      return switch (low) {
        case Double a -> (a + (Double) high) / 2;
        case Float a -> (a + (Float) high) / 2;
        case BigDecimal a -> a.add((BigDecimal) high)
            .divide(BigDecimal.valueOf(2), a.scale(), RoundingMode.DOWN);
        default -> {
          long a = ((Number) low).longValue();
          long b = ((Number) high).longValue();
          // (a + b) / 2 truncated towards zero, without overflowing.
          yield a / 2 + b / 2 + (a % 2 + b % 2) / 2;
        }
      };
    }

    @Override
    public Object state() {
      List<Object> flat = new ArrayList<>(values.size() * 3 + 1);
      flat.add(percentile);
      values.forEach((value, entry) -> {
        flat.add(value);
        flat.add(entry[0]);
        flat.add(entry[1]);
      });
      return flat;
    }

    @Override
    public void restoreState(Object state) {
      List<?> flat = (List<?>) state;
      percentile = (Double) flat.get(0);
      values.clear();
      count = 0;
      totalWeight = 0;
      for (int i = 1; i < flat.size(); i += 3) {
        double[] entry = {(Double) flat.get(i + 1), (Double) flat.get(i + 2)};
        values.put(flat.get(i), entry);
        count += (long) entry[0];
        totalWeight += entry[1];
      }
    }
  }
}
