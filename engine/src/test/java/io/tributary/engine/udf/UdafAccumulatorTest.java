package io.tributary.engine.udf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.engine.operator.window.Accumulator;
import io.tributary.engine.state.StateCodec;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Aggregate UDFs compiled apart from the engine, driven through the {@link Accumulator} contract. */
class UdafAccumulatorTest {
  /** Its accumulator is a class of the UDF's own, which only the UDF's loader can find on restore. */
  static final String SPREAD = """
      package com.example;
      import io.tributary.api.udf.AggregateUdf;
      public class Spread implements AggregateUdf<Spread.Range, Long, Long> {
          public static class Range implements java.io.Serializable {
              long min = Long.MAX_VALUE;
              long max = Long.MIN_VALUE;
              int count;
          }
          public Range create() { return new Range(); }
          public Range add(Range range, Long x) {
              range.min = Math.min(range.min, x);
              range.max = Math.max(range.max, x);
              range.count++;
              return range;
          }
          public Range merge(Range range, Range other) {
              range.min = Math.min(range.min, other.min);
              range.max = Math.max(range.max, other.max);
              range.count += other.count;
              return range;
          }
          public Long result(Range range) { return range.count == 0 ? null : range.max - range.min; }
      }
      """;

  static final String SUM_OF_SQUARES = """
      import io.tributary.api.udf.AggregateUdf;
      public class SumOfSquares implements AggregateUdf<long[], Double, Double> {
          public long[] create() { return new long[1]; }
          public long[] add(long[] sum, Double x) { sum[0] += (long) (x * x); return sum; }
          public long[] retract(long[] sum, Double x) { sum[0] -= (long) (x * x); return sum; }
          public long[] merge(long[] sum, long[] other) { sum[0] += other[0]; return sum; }
          public Double result(long[] sum) {
              if (sum[0] < 0) { throw new IllegalStateException("negative sum " + sum[0]); }
              return (double) sum[0];
          }
      }
      """;

  @TempDir
  Path directory;

  @Test
  void addsNonNullValuesWidenedToTheArgumentTypeAndMerges() {
    Supplier<Accumulator> spread = UdafAccumulator.factory("spread",
        CompiledUdfs.compileAggregate(directory, "com.example.Spread", SPREAD), false);
    Accumulator first = spread.get();
    Accumulator second = spread.get();

    assertThat(first.result()).as("no rows").isNull();
    first.add(3);
    first.add(null);
    first.add(10L);
    second.add((short) -2);
    assertThat(first.result()).isEqualTo(7L);
    first.merge(second);
    assertThat(first.result()).isEqualTo(12L);
    assertThat(spread.get().result()).as("each accumulator has its own state").isNull();
  }

  @Test
  void stateRoundTripsThroughTheStateCodecAndTheUdfsClassLoader() {
    Supplier<Accumulator> spread = UdafAccumulator.factory("spread",
        CompiledUdfs.compileAggregate(directory, "com.example.Spread", SPREAD), false);
    Accumulator running = spread.get();
    running.add(5L);
    running.add(-1L);

    Accumulator restored = spread.get();
    restored.restoreState(StateCodec.decode(StateCodec.encode(running.state())));
    restored.add(9L);

    assertThat(restored.result()).isEqualTo(10L);
    assertThat(running.result()).as("the snapshot is a copy").isEqualTo(6L);
  }

  @Test
  void retractsOnlyWhenTheClassOverridesRetract() {
    Class<?> squares = CompiledUdfs.compileAggregate(directory.resolve("squares"), "SumOfSquares", SUM_OF_SQUARES);
    Accumulator accumulator = UdafAccumulator.factory("sum_of_squares", squares, true).get();
    accumulator.add(3.0);
    accumulator.add(4.0);
    accumulator.retract(3.0);
    assertThat(accumulator.result()).isEqualTo(16.0);

    Class<?> spread = CompiledUdfs.compileAggregate(directory.resolve("spread"), "com.example.Spread", SPREAD);
    assertThat(UdafAccumulator.retracts(spread)).isFalse();
    assertThatThrownBy(() -> UdafAccumulator.factory("spread", spread, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("aggregate UDF 'spread' cannot retract values");
  }

  @Test
  void aFailingUdafNamesItselfAndTheMethod() {
    Accumulator accumulator = UdafAccumulator.factory("sum_of_squares",
        CompiledUdfs.compileAggregate(directory, "SumOfSquares", SUM_OF_SQUARES), true).get();
    accumulator.retract(2.0);

    assertThatThrownBy(accumulator::result)
        .isInstanceOf(UdafException.class)
        .hasMessageContaining("aggregate UDF 'sum_of_squares' failed in result")
        .hasMessageContaining("negative sum -4");
  }
}
