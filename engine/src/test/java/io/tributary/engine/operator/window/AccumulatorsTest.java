package io.tributary.engine.operator.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.state.StateCodec;
import io.tributary.proto.program.AggregateCall;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Field;
import io.tributary.proto.program.Schema;
import io.tributary.proto.program.TypeKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every aggregate against a plain (batch) computation over the same values. */
class AccumulatorsTest {
  private static final double TOLERANCE = 1e-9;

  private static DataType type(TypeKind kind) {
    return DataType.newBuilder().setKind(kind).build();
  }

  /** Accumulators of {@code function} over columns of the given kinds (one argument per column). */
  private static Supplier<Accumulator> accumulators(
      String function, TypeKind result, boolean retractable, TypeKind... arguments) {
    Schema.Builder schema = Schema.newBuilder();
    AggregateCall.Builder call = AggregateCall.newBuilder().setFunction(function).setType(type(result));
    for (int i = 0; i < arguments.length; i++) {
      schema.addFields(Field.newBuilder().setName("c" + i).setType(type(arguments[i])).setNullable(true));
      call.addArguments(i);
    }
    org.apache.arrow.vector.types.pojo.Schema arrow = ArrowTypes.toArrow(schema.build());
    return retractable ? Accumulators.retractable(call.build(), arrow) : Accumulators.factory(call.build(), arrow);
  }

  private static Object run(Supplier<Accumulator> factory, List<?> values) {
    Accumulator accumulator = factory.get();
    values.forEach(accumulator::add);
    return accumulator.result();
  }

  /** Adds all, snapshots through the codec into a fresh accumulator, and checks both agree. */
  private static Accumulator restored(Supplier<Accumulator> factory, List<?> values) {
    Accumulator original = factory.get();
    values.forEach(original::add);
    Accumulator copy = factory.get();
    copy.restoreState(StateCodec.decode(StateCodec.encode(original.state())));
    assertThat(copy.result()).isEqualTo(original.result());
    return copy;
  }

  // --- Moments -------------------------------------------------------------------------------

  private record Pairs(List<Object> rows, double[] a, double[] b) {}

  /** Pairs [a, b] with a few NULL rows (either side), and the non-null pairs as arrays. */
  private static Pairs pairs(int n, long seed) {
    Random random = new Random(seed);
    List<Object> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double b = 1000 + random.nextGaussian() * 10;
      double a = 3 * b + random.nextGaussian() * 5 + 1e6;
      // As Accumulators.argument gives a row where either side is NULL.
      rows.add(random.nextInt(10) <= 1 ? null : Arrays.asList(a, b));
    }
    return nonNull(rows);
  }

  private static double mean(double[] values) {
    return Arrays.stream(values).sum() / values.length;
  }

  private static double sumProducts(double[] x, double[] y) {
    double mx = mean(x);
    double my = mean(y);
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += (x[i] - mx) * (y[i] - my);
    }
    return sum;
  }

  /** The statistic computed two-pass over non-null pairs (a = Y, b = X for the regressions). */
  private static Double batch(String function, double[] a, double[] b) {
    int n = a.length;
    if (function.equals("REGR_COUNT")) {
      throw new IllegalArgumentException();
    }
    double saa = sumProducts(a, a);
    double sbb = sumProducts(b, b);
    double sab = sumProducts(a, b);
    return switch (function) {
      case "VAR_SAMP" -> n < 2 ? null : saa / (n - 1);
      case "VAR_POP" -> n < 1 ? null : saa / n;
      case "STDDEV_SAMP" -> n < 2 ? null : Math.sqrt(saa / (n - 1));
      case "STDDEV_POP" -> n < 1 ? null : Math.sqrt(saa / n);
      case "COVAR_SAMP" -> n < 2 ? null : sab / (n - 1);
      case "COVAR_POP" -> n < 1 ? null : sab / n;
      case "CORR" -> n < 1 || saa == 0 || sbb == 0 ? null : sab / Math.sqrt(saa * sbb);
      case "REGR_SLOPE" -> n < 1 || sbb == 0 ? null : sab / sbb;
      case "REGR_INTERCEPT" -> n < 1 || sbb == 0 ? null : mean(a) - sab / sbb * mean(b);
      case "REGR_R2" -> n < 1 || sbb == 0 ? null : saa == 0 ? 1.0 : sab * sab / (saa * sbb);
      case "REGR_AVGX" -> n < 1 ? null : mean(b);
      case "REGR_AVGY" -> n < 1 ? null : mean(a);
      case "REGR_SXX" -> n < 1 ? null : sbb;
      case "REGR_SYY" -> n < 1 ? null : saa;
      case "REGR_SXY" -> n < 1 ? null : sab;
      default -> throw new IllegalArgumentException(function);
    };
  }

  private static void assertClose(Object actual, Double expected, String what) {
    if (expected == null) {
      assertThat(actual).as(what).isNull();
    } else {
      assertThat((Double) actual).as(what).isCloseTo(expected, within(Math.abs(expected) * TOLERANCE + 1e-9));
    }
  }

  private static final List<String> PAIRED = List.of("COVAR_SAMP", "COVAR_POP", "CORR", "REGR_SLOPE",
      "REGR_INTERCEPT", "REGR_R2", "REGR_AVGX", "REGR_AVGY", "REGR_SXX", "REGR_SYY", "REGR_SXY");
  private static final List<String> SINGLE = List.of("VAR_SAMP", "VAR_POP", "STDDEV_SAMP", "STDDEV_POP");

  @Test
  void momentsMatchTwoPassStatistics() {
    Pairs pairs = pairs(5000, 1);
    for (String function : PAIRED) {
      Supplier<Accumulator> factory = accumulators(function, TypeKind.FLOAT64, false, TypeKind.FLOAT64, TypeKind.FLOAT64);
      assertClose(run(factory, pairs.rows()), batch(function, pairs.a(), pairs.b()), function);
      assertThat(run(factory, List.of())).as(function + " of nothing").isNull();
      assertClose(run(factory, List.of(List.of(2.0, 3.0))), batch(function, new double[] {2}, new double[] {3}),
          function + " of one row");
    }
    List<Object> singles = pairs.rows().stream().map(row -> row == null ? null : (Object) ((List<?>) row).get(0)).toList();
    for (String function : SINGLE) {
      Supplier<Accumulator> factory = accumulators(function, TypeKind.FLOAT64, false, TypeKind.FLOAT64);
      assertClose(run(factory, singles), batch(function, pairs.a(), pairs.a()), function);
      assertThat(run(factory, List.of())).isNull();
      assertClose(run(factory, List.of(5.0)), batch(function, new double[] {5}, new double[] {5}), function + " of one");
    }
    Supplier<Accumulator> count = accumulators("REGR_COUNT", TypeKind.INT64, false, TypeKind.FLOAT64, TypeKind.FLOAT64);
    assertThat(run(count, pairs.rows())).isEqualTo((long) pairs.a().length);
    assertThat(run(count, List.of())).isEqualTo(0L);
  }

  @Test
  void momentSynonymsAndIntegerArguments() {
    List<Object> values = Arrays.asList(1L, 2L, null, 4L, 8L);
    double[] plain = {1, 2, 4, 8};
    for (String synonym : List.of("VAR", "VARIANCE")) {
      assertClose(run(accumulators(synonym, TypeKind.FLOAT64, false, TypeKind.INT64), values),
          batch("VAR_SAMP", plain, plain), synonym);
    }
    assertClose(run(accumulators("STDDEV", TypeKind.FLOAT64, false, TypeKind.INT64), values),
        batch("STDDEV_SAMP", plain, plain), "STDDEV");
    assertThat(run(accumulators("CORR", TypeKind.FLOAT64, false, TypeKind.INT64, TypeKind.INT64),
        List.of(List.of(1L, 5L), List.of(2L, 5L)))).as("corr with a constant side").isNull();
  }

  @Test
  void momentsRetractMergeAndRestore() {
    Pairs pairs = pairs(2000, 2);
    int half = pairs.rows().size() / 2;
    for (String function : PAIRED) {
      Supplier<Accumulator> factory = accumulators(function, TypeKind.FLOAT64, true, TypeKind.FLOAT64, TypeKind.FLOAT64);
      Accumulator accumulator = factory.get();
      pairs.rows().forEach(accumulator::add);
      pairs.rows().subList(0, half).forEach(accumulator::retract);
      Pairs rest = nonNull(pairs.rows().subList(half, pairs.rows().size()));
      assertClose(accumulator.result(), batch(function, rest.a(), rest.b()), function + " after retracting");

      Accumulator first = factory.get();
      Accumulator second = factory.get();
      pairs.rows().subList(0, half).forEach(first::add);
      pairs.rows().subList(half, pairs.rows().size()).forEach(second::add);
      first.merge(second);
      assertClose(first.result(), batch(function, pairs.a(), pairs.b()), function + " merged");

      Accumulator copy = restored(factory, pairs.rows().subList(0, half));
      pairs.rows().subList(half, pairs.rows().size()).forEach(copy::add);
      assertClose(copy.result(), batch(function, pairs.a(), pairs.b()), function + " restored");

      pairs.rows().forEach(accumulator::retract);
      pairs.rows().subList(0, half).forEach(accumulator::add);
      assertThat(accumulator.result()).isNotNull();
    }
  }

  private static Pairs nonNull(List<Object> rows) {
    List<double[]> kept = rows.stream().filter(row -> row != null)
        .map(row -> new double[] {(Double) ((List<?>) row).get(0), (Double) ((List<?>) row).get(1)}).toList();
    return new Pairs(rows, kept.stream().mapToDouble(p -> p[0]).toArray(), kept.stream().mapToDouble(p -> p[1]).toArray());
  }

  // --- BIT_* and BOOL_* ----------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void bitwiseAndBooleanAggregates(boolean retractable) {
    Random random = new Random(3);
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      values.add(i % 17 == 0 ? null : (int) (random.nextInt() | 0x0100_0001));
    }
    List<Integer> plain = values.stream().filter(v -> v != null).map(Integer.class::cast).toList();
    assertThat(run(accumulators("BIT_AND", TypeKind.INT32, retractable, TypeKind.INT32), values))
        .isEqualTo((long) plain.stream().reduce(-1, (a, b) -> a & b));
    assertThat(run(accumulators("BIT_OR", TypeKind.INT32, retractable, TypeKind.INT32), values))
        .isEqualTo((long) plain.stream().reduce(0, (a, b) -> a | b));
    assertThat(run(accumulators("BIT_XOR", TypeKind.INT32, retractable, TypeKind.INT32), values))
        .isEqualTo((long) plain.stream().reduce(0, (a, b) -> a ^ b));
    for (String function : List.of("BIT_AND", "BIT_OR", "BIT_XOR", "BOOL_AND", "BOOL_OR")) {
      TypeKind kind = function.startsWith("BOOL") ? TypeKind.BOOLEAN : TypeKind.INT32;
      assertThat(run(accumulators(function, kind, retractable, kind), Arrays.asList(null, null))).isNull();
    }
    List<Object> flags = Arrays.asList(true, null, true, false);
    assertThat(run(accumulators("BOOL_AND", TypeKind.BOOLEAN, retractable, TypeKind.BOOLEAN), flags)).isEqualTo(false);
    assertThat(run(accumulators("BOOL_OR", TypeKind.BOOLEAN, retractable, TypeKind.BOOLEAN), flags)).isEqualTo(true);
    assertThat(run(accumulators("BOOL_AND", TypeKind.BOOLEAN, retractable, TypeKind.BOOLEAN),
        Arrays.asList(true, null))).isEqualTo(true);
    if (retractable) {
      Accumulator and = accumulators("BOOL_AND", TypeKind.BOOLEAN, true, TypeKind.BOOLEAN).get();
      flags.forEach(and::add);
      and.retract(false);
      assertThat(and.result()).isEqualTo(true);
      Accumulator bits = accumulators("BIT_AND", TypeKind.INT64, true, TypeKind.INT64).get();
      List.of(0b1110L, 0b0111L, 0b0110L).forEach(bits::add);
      bits.retract(0b0111L);
      assertThat(bits.result()).isEqualTo(0b0110L);
      bits.retract(0b1110L);
      bits.retract(0b0110L);
      assertThat(bits.result()).isNull();
    }
    restored(accumulators("BIT_OR", TypeKind.INT32, retractable, TypeKind.INT32), values);
  }

  // --- MEDIAN and percentiles ----------------------------------------------------------------

  /** PostgreSQL's percentile_cont over sorted values. */
  private static double percentileCont(double[] sorted, double p) {
    double rank = p * (sorted.length - 1);
    int low = (int) Math.floor(rank);
    int high = (int) Math.ceil(rank);
    return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void medianIsExactInTheInputType(boolean retractable) {
    Supplier<Accumulator> longs = accumulators("MEDIAN", TypeKind.INT64, retractable, TypeKind.INT64);
    assertThat(run(longs, Arrays.asList(5L, null, 1L, 3L))).isEqualTo(3L);
    assertThat(run(longs, Arrays.asList(5L, 1L, 4L, 2L))).isEqualTo(3L);
    assertThat(run(longs, Arrays.asList(-3L, 0L))).isEqualTo(-1L);
    assertThat(run(longs, List.of(Long.MAX_VALUE, Long.MAX_VALUE - 2))).isEqualTo(Long.MAX_VALUE - 1);
    assertThat(run(longs, List.of(7L))).isEqualTo(7L);
    assertThat(run(longs, List.of())).isNull();
    Supplier<Accumulator> doubles = accumulators("MEDIAN", TypeKind.FLOAT64, retractable, TypeKind.FLOAT64);
    assertThat(run(doubles, List.of(1.0, 2.0, 10.0, 4.0))).isEqualTo(3.0);
    DataType decimal = DataType.newBuilder().setKind(TypeKind.DECIMAL).setPrecision(10).setScale(2).build();
    assertThat(Accumulators.retractable(AggregateCall.newBuilder().setFunction("MEDIAN").addArguments(0)
            .setType(decimal).build(), ArrowTypes.toArrow(Schema.newBuilder().addFields(Field.newBuilder()
                .setName("d").setType(decimal)).build())).get())
        .satisfies(median -> {
          List.of(new BigDecimal("1.00"), new BigDecimal("2.25")).forEach(median::add);
          assertThat(median.result()).isEqualTo(new BigDecimal("1.62"));
        });
    if (retractable) {
      Accumulator median = longs.get();
      List.of(1L, 2L, 3L, 100L, 200L).forEach(median::add);
      median.retract(200L);
      median.retract(100L);
      assertThat(median.result()).isEqualTo(2L);
    }
    restored(longs, List.of(3L, 1L, 2L, 2L));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void percentilesAreExactForFewValues(boolean retractable) {
    Random random = new Random(4);
    List<Object> rows = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < 900; i++) {
      double value = random.nextGaussian() * 100;
      rows.add(i % 10 == 0 ? null : Arrays.asList(value, 0.9));
      if (i % 10 != 0) {
        values.add(value);
      }
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    Supplier<Accumulator> factory =
        accumulators("APPROX_PERCENTILE_CONT", TypeKind.FLOAT64, retractable, TypeKind.FLOAT64, TypeKind.FLOAT64);
    assertThat((Double) run(factory, rows)).isCloseTo(percentileCont(sorted, 0.9), within(1e-9));
    assertThat(run(factory, List.of())).isNull();
    assertThat(run(factory, List.of(Arrays.asList(4.0, 0.9)))).isEqualTo(4.0);
    Supplier<Accumulator> median = accumulators("APPROX_MEDIAN", TypeKind.FLOAT64, retractable, TypeKind.FLOAT64);
    assertThat((Double) run(median, values)).isCloseTo(percentileCont(sorted, 0.5), within(1e-9));
    Supplier<Accumulator> ints = accumulators("APPROX_PERCENTILE_CONT", TypeKind.INT64, retractable, TypeKind.INT64,
        TypeKind.FLOAT64);
    assertThat(run(ints, List.of(List.of(1L, 0.5), List.of(4L, 0.5)))).as("2.5 truncated").isEqualTo(2L);
    restored(factory, rows);
  }

  @Test
  void weightedPercentileIsThePercentileOfRepeatedValues() {
    Random random = new Random(5);
    List<Object> rows = new ArrayList<>();
    List<Double> repeated = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      double value = random.nextInt(1000);
      long weight = 1 + random.nextInt(3);
      rows.add(Arrays.asList(value, weight, 0.3));
      for (int w = 0; w < weight; w++) {
        repeated.add(value);
      }
    }
    double[] sorted = repeated.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    for (boolean retractable : List.of(false, true)) {
      Supplier<Accumulator> factory = accumulators("APPROX_PERCENTILE_CONT_WITH_WEIGHT", TypeKind.FLOAT64,
          retractable, TypeKind.FLOAT64, TypeKind.INT64, TypeKind.FLOAT64);
      assertThat((Double) run(factory, rows)).isCloseTo(percentileCont(sorted, 0.3), within(1e-9));
      restored(factory, rows);
    }
  }

  /** The fraction of values at or below {@code estimate}, minus p: the rank error. */
  private static double rankError(double[] sorted, double estimate, double p) {
    int below = Arrays.binarySearch(sorted, estimate);
    int rank = below >= 0 ? below : -below - 1;
    return Math.abs((double) rank / sorted.length - p);
  }

  @Test
  void tDigestRankErrorOn100kValuesIsUnderHalfAPercent() {
    Random random = new Random(6);
    double[] values = new double[100_000];
    Supplier<Accumulator> weighted = accumulators("APPROX_PERCENTILE_CONT_WITH_WEIGHT", TypeKind.FLOAT64, false,
        TypeKind.FLOAT64, TypeKind.FLOAT64, TypeKind.FLOAT64);
    for (double p : new double[] {0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999}) {
      Accumulator plain = accumulators("APPROX_PERCENTILE_CONT", TypeKind.FLOAT64, false, TypeKind.FLOAT64,
          TypeKind.FLOAT64).get();
      Accumulator ones = weighted.get();
      random.setSeed(6);
      for (int i = 0; i < values.length; i++) {
        values[i] = Math.exp(random.nextGaussian());
        plain.add(List.of(values[i], p));
        ones.add(List.of(values[i], 1.0, p));
      }
      double[] sorted = values.clone();
      Arrays.sort(sorted);
      assertThat(rankError(sorted, (Double) plain.result(), p)).as("p = %s", p).isLessThan(0.005);
      assertThat(rankError(sorted, (Double) ones.result(), p)).as("weighted p = %s", p).isLessThan(0.005);
      // Merging sketches (session windows) keeps the bound.
      Accumulator merged = accumulators("APPROX_PERCENTILE_CONT", TypeKind.FLOAT64, false, TypeKind.FLOAT64,
          TypeKind.FLOAT64).get();
      Accumulator copy = accumulators("APPROX_PERCENTILE_CONT", TypeKind.FLOAT64, false, TypeKind.FLOAT64,
          TypeKind.FLOAT64).get();
      copy.restoreState(StateCodec.decode(StateCodec.encode(plain.state())));
      merged.merge(copy);
      assertThat(rankError(sorted, (Double) merged.result(), p)).as("merged p = %s", p).isLessThan(0.005);
    }
  }

  // --- APPROX_DISTINCT -----------------------------------------------------------------------

  @Test
  void approxDistinctIsExactForFewValuesAndWithinTwoPercentFor100k() {
    Supplier<Accumulator> factory = accumulators("APPROX_DISTINCT", TypeKind.INT64, false, TypeKind.UTF8);
    List<Object> few = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      few.add(i % 7 == 0 ? null : "user-" + (i % 1000));
    }
    assertThat(run(factory, few)).isEqualTo(new HashSet<>(few.stream().filter(v -> v != null).toList()).size() + 0L);
    assertThat(run(factory, List.of())).isEqualTo(0L);
    List<Object> many = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      many.add("user-" + i);
      many.add("user-" + i);
    }
    long estimate = (Long) run(factory, many);
    assertThat(Math.abs(estimate - 100_000) / 100_000.0).as("estimate %s", estimate).isLessThan(0.02);
    Supplier<Accumulator> longs = accumulators("APPROX_DISTINCT", TypeKind.INT64, false, TypeKind.INT64);
    List<Object> numbers = new ArrayList<>();
    for (long i = 0; i < 100_000; i++) {
      numbers.add(i * 31);
    }
    assertThat(Math.abs((Long) run(longs, numbers) - 100_000) / 100_000.0).isLessThan(0.02);
    Accumulator left = factory.get();
    Accumulator right = restored(factory, many.subList(0, 100_000));
    many.subList(100_000, many.size()).forEach(left::add);
    right.merge(left);
    assertThat(Math.abs((Long) right.result() - 100_000) / 100_000.0).isLessThan(0.02);
  }

  @Test
  void retractableApproxDistinctCountsExactly() {
    Supplier<Accumulator> factory = accumulators("APPROX_DISTINCT", TypeKind.INT64, true, TypeKind.INT64);
    Accumulator accumulator = factory.get();
    List.of(1L, 2L, 2L, 3L).forEach(accumulator::add);
    accumulator.retract(2L);
    accumulator.retract(3L);
    assertThat(accumulator.result()).isEqualTo(2L);
  }

  // --- ARRAY_AGG, STRING_AGG, FIRST_VALUE, LAST_VALUE -----------------------------------------

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void collectedValuesInArrivalOrder(boolean retractable) {
    List<Object> values = Arrays.asList(3L, null, 1L, 3L);
    assertThat(run(accumulators("ARRAY_AGG", TypeKind.LIST, retractable, TypeKind.INT64), values)).isEqualTo(values);
    assertThat(run(accumulators("ARRAY_AGG", TypeKind.LIST, retractable, TypeKind.INT64), List.of())).isNull();
    assertThat(run(accumulators("FIRST_VALUE", TypeKind.INT64, retractable, TypeKind.INT64), values)).isEqualTo(3L);
    assertThat(run(accumulators("LAST_VALUE", TypeKind.INT64, retractable, TypeKind.INT64), values)).isEqualTo(3L);
    assertThat(run(accumulators("FIRST_VALUE", TypeKind.INT64, retractable, TypeKind.INT64),
        Arrays.asList(null, 2L))).isNull();
    Supplier<Accumulator> strings = accumulators("STRING_AGG", TypeKind.UTF8, retractable, TypeKind.UTF8, TypeKind.UTF8);
    List<Object> words = Arrays.asList(List.of("a", ","), null, List.of("b", ";"), List.of("c", ","));
    assertThat(run(strings, words)).isEqualTo("a;b,c");
    assertThat(run(strings, Arrays.asList((Object) null))).isNull();
    if (retractable) {
      Accumulator array = accumulators("ARRAY_AGG", TypeKind.LIST, true, TypeKind.INT64).get();
      values.forEach(array::add);
      array.retract(3L);
      array.retract(null);
      assertThat(array.result()).isEqualTo(List.of(1L, 3L));
      Accumulator first = accumulators("FIRST_VALUE", TypeKind.INT64, true, TypeKind.INT64).get();
      values.forEach(first::add);
      first.retract(3L);
      first.retract(null);
      assertThat(first.result()).isEqualTo(1L);
      Accumulator joined = strings.get();
      words.forEach(joined::add);
      joined.retract(List.of("a", ","));
      assertThat(joined.result()).isEqualTo("b,c");
    }
    restored(strings, words);
  }

  // --- Every function: checkpoint round trip -------------------------------------------------

  @Test
  void everyNewAggregateRestoresItsState() {
    record Case(String function, TypeKind result, TypeKind[] arguments, Function<Integer, Object> value) {}
    List<Case> cases = new ArrayList<>();
    for (String function : SINGLE) {
      cases.add(new Case(function, TypeKind.FLOAT64, new TypeKind[] {TypeKind.INT64}, i -> (long) i * i));
    }
    for (String function : PAIRED) {
      cases.add(new Case(function, TypeKind.FLOAT64, new TypeKind[] {TypeKind.INT64, TypeKind.FLOAT64},
          i -> List.of((long) i, i * 0.5 + i % 3)));
    }
    cases.add(new Case("REGR_COUNT", TypeKind.INT64, new TypeKind[] {TypeKind.INT64, TypeKind.INT64},
        i -> List.of((long) i, 1L)));
    cases.add(new Case("APPROX_DISTINCT", TypeKind.INT64, new TypeKind[] {TypeKind.INT64}, i -> (long) i % 1500));
    cases.add(new Case("APPROX_MEDIAN", TypeKind.FLOAT64, new TypeKind[] {TypeKind.FLOAT64}, i -> (double) i));
    cases.add(new Case("BIT_XOR", TypeKind.INT64, new TypeKind[] {TypeKind.INT64}, i -> (long) i));
    cases.add(new Case("LAST_VALUE", TypeKind.INT64, new TypeKind[] {TypeKind.INT64}, i -> (long) i));
    for (Case c : cases) {
      for (boolean retractable : List.of(false, true)) {
        Supplier<Accumulator> factory = accumulators(c.function(), c.result(), retractable, c.arguments());
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
          values.add(c.value().apply(i));
        }
        Accumulator copy = restored(factory, values.subList(0, 1500));
        values.subList(1500, 3000).forEach(copy::add);
        Object expected = run(factory, values);
        if (expected instanceof Double d) {
          assertThat((Double) copy.result()).as(c.function()).isCloseTo(d, within(Math.abs(d) * TOLERANCE));
        } else {
          assertThat(copy.result()).as(c.function()).isEqualTo(expected);
        }
      }
    }
  }
}
