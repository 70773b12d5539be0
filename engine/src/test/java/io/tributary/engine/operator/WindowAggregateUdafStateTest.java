package io.tributary.engine.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.engine.checkpoint.LocalCheckpointStore;
import io.tributary.engine.testing.AllocatorTest;
import io.tributary.engine.testing.OperatorTestDriver;
import io.tributary.engine.udf.CompiledUdfs;
import io.tributary.engine.udf.UdfLibrary;
import io.tributary.proto.program.AggregateCall;
import io.tributary.proto.program.SessionWindow;
import io.tributary.proto.program.TumblingWindow;
import io.tributary.proto.program.TypeKind;
import io.tributary.proto.program.Window;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A window aggregate calling an aggregate UDF, whose accumulator is a class of the UDF's own jar,
 * restored from a checkpoint at the same or another parallelism: it continues exactly.
 */
class WindowAggregateUdafStateTest extends AllocatorTest {
  private static final long S_MICROS = 1_000_000L;
  /** max(v) - min(v) of each window's non-null v, by a UDAF keeping a Range object. */
  private static final String SPREAD = """
      package com.example;
      import io.tributary.api.udf.AggregateUdf;
      public class Spread implements AggregateUdf<Spread.Range, Long, Long> {
          public static class Range implements java.io.Serializable {
              long min = Long.MAX_VALUE;
              long max = Long.MIN_VALUE;
          }
          public Range create() { return new Range(); }
          public Range add(Range range, Long x) {
              range.min = Math.min(range.min, x);
              range.max = Math.max(range.max, x);
              return range;
          }
          public Range merge(Range range, Range other) {
              range.min = Math.min(range.min, other.min);
              range.max = Math.max(range.max, other.max);
              return range;
          }
          public Long result(Range range) { return range.min > range.max ? null : range.max - range.min; }
      }
      """;
  private static final List<AggregateCall> CALLS = List.of(
      UpdatingAggregateOperatorTest.COUNT_STAR, UpdatingAggregateOperatorTest.agg("UDF:spread", TypeKind.INT64, false, 1));

  @TempDir
  Path directory;

  private RescaleHarness harness(Window window) {
    UdfLibrary udfs = UdfLibrary.of(List.of(), List.of(new UdfLibrary.Aggregate("spread", "hash-of-spread",
        CompiledUdfs.compileAggregate(directory.resolve("udf"), "com.example.Spread", SPREAD))));
    io.tributary.proto.program.WindowAggregateOperator spec = io.tributary.proto.program.WindowAggregateOperator
        .newBuilder().setWindow(window).addKeyFields(0).addAllAggregates(CALLS).build();
    return new RescaleHarness(allocator, new LocalCheckpointStore(directory.resolve("checkpoints")),
        (subtask, parallelism) -> OperatorTestDriver.builder(allocator, UpdatingAggregateOperatorTest.APPEND)
            .subtask(subtask, parallelism)
            .operator("window_1", new WindowAggregateOperator(spec, udfs), WindowAggregateOperatorTest.outputSchema(true, CALLS)));
  }

  private void restoresExactly(Window window, int before, int after) {
    RescaleHarness harness = harness(window);
    Map<List<Object>, Long> expected = harness.straight(
        WindowAggregateOperatorStateTest.before(new Random(7)), WindowAggregateOperatorStateTest.after(new Random(8)));
    Map<List<Object>, Long> actual = harness.rescaled(WindowAggregateOperatorStateTest.before(new Random(7)), before,
        WindowAggregateOperatorStateTest.after(new Random(8)), after);

    assertThat(actual).isEqualTo(expected);
    // Row layout: key, window_start, window_end, COUNT(*), spread(v), _timestamp.
    assertThat(expected.keySet()).as("windows with spread values").anySatisfy(row ->
        assertThat((Long) row.get(4)).isPositive());
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({"1, 1", "2, 1", "1, 2"})
  void tumblingWindowsWithAUdafContinue(int before, int after) {
    restoresExactly(Window.newBuilder().setTumbling(TumblingWindow.newBuilder().setWidthMicros(5 * S_MICROS)).build(),
        before, after);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({"2, 1", "1, 2"})
  void mergingSessionWindowsWithAUdafContinue(int before, int after) {
    restoresExactly(Window.newBuilder().setSession(SessionWindow.newBuilder().setGapMicros(S_MICROS / 2)).build(),
        before, after);
  }
}
