package io.tributary.engine.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.testing.AllocatorTest;
import io.tributary.engine.testing.OperatorTestDriver;
import io.tributary.proto.program.AggregateCall;
import io.tributary.proto.program.CumulatingWindow;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Field;
import io.tributary.proto.program.SessionWindow;
import io.tributary.proto.program.SlidingWindow;
import io.tributary.proto.program.TumblingWindow;
import io.tributary.proto.program.TypeKind;
import io.tributary.proto.program.Window;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class WindowAggregateOperatorTest extends AllocatorTest {
  private static final long S = 1_000_000_000L;
  private static final long S_MICROS = 1_000_000L;

  // ------------------------------------------------------------------ helpers

  private static DataType type(TypeKind kind) {
    return DataType.newBuilder().setKind(kind).build();
  }

  private static Field field(String name, DataType type) {
    return Field.newBuilder().setName(name).setNullable(true).setType(type).build();
  }

  /** Input: k UTF8, v INT64, d FLOAT64, _timestamp. */
  private static final Schema INPUT = ArrowTypes.toArrow(io.tributary.proto.program.Schema.newBuilder()
      .addFields(field("k", type(TypeKind.UTF8)))
      .addFields(field("v", type(TypeKind.INT64)))
      .addFields(field("d", type(TypeKind.FLOAT64)))
      .addFields(Field.newBuilder().setName("_timestamp").setType(type(TypeKind.TIMESTAMP)))
      .build());

  private static AggregateCall agg(String function, DataType type, boolean distinct, Integer... arguments) {
    return AggregateCall.newBuilder().setFunction(function).setType(type).setDistinct(distinct)
        .setNullable(true).addAllArguments(List.of(arguments)).build();
  }

  private static AggregateCall countStar() {
    return agg("COUNT", type(TypeKind.INT64), false);
  }

  private static AggregateCall sumV() {
    return agg("SUM", type(TypeKind.INT64), false, 1);
  }

  private static Window tumbling(long seconds) {
    return Window.newBuilder().setTumbling(TumblingWindow.newBuilder().setWidthMicros(seconds * S_MICROS)).build();
  }

  private static Window sliding(long width, long slide) {
    return Window.newBuilder().setSliding(SlidingWindow.newBuilder()
        .setWidthMicros(width * S_MICROS).setSlideMicros(slide * S_MICROS)).build();
  }

  private static Window cumulating(long step, long size) {
    return Window.newBuilder().setCumulating(CumulatingWindow.newBuilder()
        .setStepMicros(step * S_MICROS).setSizeMicros(size * S_MICROS)).build();
  }

  private static Window session(long gap) {
    return Window.newBuilder().setSession(SessionWindow.newBuilder().setGapMicros(gap * S_MICROS)).build();
  }

  /** Output schema: k (if keyed), window_start, window_end, one column per aggregate, _timestamp. */
  static Schema outputSchema(boolean keyed, List<AggregateCall> calls) {
    io.tributary.proto.program.Schema.Builder schema = io.tributary.proto.program.Schema.newBuilder();
    if (keyed) {
      schema.addFields(field("k", type(TypeKind.UTF8)));
    }
    schema.addFields(field("window_start", type(TypeKind.TIMESTAMP)).toBuilder().setNullable(false));
    schema.addFields(field("window_end", type(TypeKind.TIMESTAMP)).toBuilder().setNullable(false));
    for (int i = 0; i < calls.size(); i++) {
      schema.addFields(field("a" + i, calls.get(i).getType()));
    }
    schema.addFields(Field.newBuilder().setName("_timestamp").setType(type(TypeKind.TIMESTAMP)));
    return ArrowTypes.toArrow(schema.build());
  }

  private WindowAggregateOperator operator;

  private OperatorTestDriver driver(Window window, AggregateCall... calls) {
    io.tributary.proto.program.WindowAggregateOperator spec = io.tributary.proto.program.WindowAggregateOperator
        .newBuilder().setWindow(window).addKeyFields(0).addAllAggregates(List.of(calls)).build();
    operator = new WindowAggregateOperator(spec);
    return OperatorTestDriver.builder(allocator, INPUT)
        .operator("window_1", operator, outputSchema(true, List.of(calls)))
        .build();
  }

  /** Rows of (key, v, timestamp in seconds); d is v / 2. */
  private RecordBatch batch(Object... keyValueSeconds) {
    try (BatchBuilder builder = new BatchBuilder(INPUT, allocator)) {
      for (int i = 0; i < keyValueSeconds.length; i += 3) {
        Long v = (Long) keyValueSeconds[i + 1];
        builder.addRow(toNanos(keyValueSeconds[i + 2]), keyValueSeconds[i], v, v == null ? null : v / 2.0);
      }
      return builder.build();
    }
  }

  private static long toNanos(Object seconds) {
    return seconds instanceof Double d ? Math.round(d * S) : ((Number) seconds).longValue() * S;
  }

  private static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  // ------------------------------------------------------------------ tumbling

  @Test
  void tumblingWindowsEmitWhenTheWatermarkReachesTheirEnd() {
    try (OperatorTestDriver driver = driver(tumbling(10), countStar(), sumV())) {
      driver.process(batch("a", 1L, 1, "b", 2L, 2, "a", 3L, 5, "a", 4L, 12));
      driver.watermark(Watermark.eventTime(10 * S - 1));
      assertThat(driver.outputBatches()).isEmpty();
      assertThat(driver.outputWatermarks()).containsExactly(Watermark.eventTime(10 * S - 1));
      driver.clearOutputs();

      driver.watermark(Watermark.eventTime(10 * S));
      assertThat(driver.outputRows()).containsExactly(
          row("a", 0L, 10 * S, 2L, 4L),
          row("b", 0L, 10 * S, 1L, 2L));
      assertThat(driver.outputTimestamps()).containsExactly(10 * S - 1, 10 * S - 1);
      // The watermark follows the windows it closed.
      assertThat(driver.outputs().getLast()).isEqualTo(new OperatorTestDriver.Output.Mark(Watermark.eventTime(10 * S)));
      assertThat(driver.outputs().getFirst()).isInstanceOf(OperatorTestDriver.Output.Batch.class);
      driver.clearOutputs();

      driver.finish();
      assertThat(driver.outputRows()).containsExactly(row("a", 10 * S, 20 * S, 1L, 4L));
      assertThat(driver.outputBatches().getFirst().schema()).isEqualTo(outputSchema(true, List.of(countStar(), sumV())));
    }
    assertThat(operator.lateRowsDropped()).isZero();
  }

  @Test
  void windowsAreAlignedToTheEpochIncludingNegativeTimes() {
    try (OperatorTestDriver driver = driver(tumbling(10), countStar())) {
      driver.process(batch("a", 1L, -1, "a", 1L, -10, "a", 1L, 0));
      driver.finish();
      assertThat(driver.outputRows()).containsExactly(
          row("a", -10 * S, 0L, 2L),
          row("a", 0L, 10 * S, 1L));
    }
  }

  // ------------------------------------------------------------------ sliding

  @Test
  void slidingWindowsPutARowIntoEveryWindowCoveringIt() {
    try (OperatorTestDriver driver = driver(sliding(10, 5), countStar(), sumV())) {
      driver.process(batch("a", 1L, 7, "a", 10L, 3, "a", 100L, 12.5));
      driver.watermark(Watermark.eventTime(10 * S));
      assertThat(driver.outputRows()).containsExactly(
          row("a", -5 * S, 5 * S, 1L, 10L),
          row("a", 0L, 10 * S, 2L, 11L));
      driver.clearOutputs();
      driver.finish();
      assertThat(driver.outputRows()).containsExactly(
          row("a", 5 * S, 15 * S, 2L, 101L),
          row("a", 10 * S, 20 * S, 1L, 100L));
    }
  }

  @Test
  void aSlidingRowWhoseEarlierWindowsClosedStillCountsInTheOpenOnes() {
    try (OperatorTestDriver driver = driver(sliding(10, 5), countStar())) {
      driver.watermark(Watermark.eventTime(10 * S));
      driver.process(batch("a", 1L, 7)); // [0,10) closed, [5,15) open
      driver.process(batch("a", 1L, 4)); // [-5,5) and [0,10) closed: late
      driver.finish();
      assertThat(driver.outputRows()).containsExactly(row("a", 5 * S, 15 * S, 1L));
    }
    assertThat(operator.lateRowsDropped()).isEqualTo(1);
  }

  // ------------------------------------------------------------------ cumulating

  @Test
  void cumulatingWindowsGrowByStepWithinTheirPeriod() {
    try (OperatorTestDriver driver = driver(cumulating(5, 15), countStar(), sumV())) {
      driver.process(batch("a", 1L, 1, "a", 10L, 7, "b", 2L, 6, "a", 100L, 12, "a", 1000L, 16));
      driver.watermark(Watermark.eventTime(5 * S));
      // b has no row before 5 s: it has no window [0, 5) yet.
      assertThat(driver.outputRows()).containsExactly(row("a", 0L, 5 * S, 1L, 1L));
      driver.clearOutputs();

      driver.watermark(Watermark.eventTime(12 * S));
      assertThat(driver.outputRows()).containsExactly(
          row("a", 0L, 10 * S, 2L, 11L),
          row("b", 0L, 10 * S, 1L, 2L));
      assertThat(driver.outputTimestamps()).containsExactly(10 * S - 1, 10 * S - 1);
      driver.clearOutputs();

      driver.finish();
      // b's last window still holds its row; the next period starts again from its first step.
      assertThat(driver.outputRows()).containsExactly(
          row("a", 0L, 15 * S, 3L, 111L),
          row("b", 0L, 15 * S, 1L, 2L),
          row("a", 15 * S, 20 * S, 1L, 1000L),
          row("a", 15 * S, 25 * S, 1L, 1000L),
          row("a", 15 * S, 30 * S, 1L, 1000L));
    }
    assertThat(operator.lateRowsDropped()).isZero();
  }

  @Test
  void aWatermarkPassingSeveralStepsEmitsEachWindowWithItsOwnValues() {
    try (OperatorTestDriver driver = driver(cumulating(5, 15), countStar(), sumV())) {
      driver.process(batch("a", 1L, 1, "a", 10L, 7, "a", 100L, 12));
      driver.watermark(Watermark.eventTime(15 * S));
      assertThat(driver.outputRows()).containsExactly(
          row("a", 0L, 5 * S, 1L, 1L),
          row("a", 0L, 10 * S, 2L, 11L),
          row("a", 0L, 15 * S, 3L, 111L));
      assertThat(driver.outputWatermarks()).containsExactly(Watermark.eventTime(15 * S));
    }
  }

  @Test
  void aCumulatingRowWhoseStepWasEmittedCountsInTheRemainingWindowsOfItsPeriod() {
    try (OperatorTestDriver driver = driver(cumulating(5, 15), countStar(), sumV())) {
      driver.process(batch("a", 1L, 1));
      driver.watermark(Watermark.eventTime(10 * S));
      driver.clearOutputs();
      driver.process(batch("a", 10L, 3, "b", 20L, 8)); // their steps were emitted: only [0, 15) is left
      driver.watermark(Watermark.eventTime(15 * S));
      assertThat(driver.outputRows()).containsExactly(
          row("a", 0L, 15 * S, 2L, 11L),
          row("b", 0L, 15 * S, 1L, 20L));
      driver.clearOutputs();
      driver.process(batch("a", 100L, 14)); // its period's last window was emitted: late
      driver.finish();
      assertThat(driver.outputRows()).isEmpty();
    }
    assertThat(operator.lateRowsDropped()).isEqualTo(1);
  }

  @Test
  void aCumulatingWindowWhoseSizeIsNotAMultipleOfItsStepIsRefused() {
    io.tributary.proto.program.WindowAggregateOperator spec = io.tributary.proto.program.WindowAggregateOperator
        .newBuilder().setWindow(cumulating(4, 10)).addKeyFields(0).addAggregates(countStar()).build();
    assertThatThrownBy(() -> new WindowAggregateOperator(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a multiple of its step");
  }

  // ------------------------------------------------------------------ session

  @Test
  void sessionsArePerKeyAndMergeWhenARowBridgesThem() {
    try (OperatorTestDriver driver = driver(session(5), countStar(), sumV())) {
      driver.process(batch("a", 1L, 1, "a", 2L, 3, "a", 3L, 10, "b", 4L, 2));
      // a: [1, 8) and [10, 15); b: [2, 7)
      driver.watermark(Watermark.eventTime(7 * S));
      assertThat(driver.outputRows()).containsExactly(row("b", 2 * S, 7 * S, 1L, 4L));
      driver.clearOutputs();
      // 7 + 5 reaches into [10, 15) and 7 < 8: both a sessions merge into [1, 15).
      driver.process(batch("a", 10L, 7));
      driver.watermark(Watermark.eventTime(14 * S));
      assertThat(driver.outputRows()).isEmpty();
      driver.clearOutputs();
      driver.finish();
      assertThat(driver.outputRows()).containsExactly(row("a", 1 * S, 15 * S, 4L, 16L));
      assertThat(driver.outputTimestamps()).containsExactly(15 * S - 1);
    }
    assertThat(operator.lateRowsDropped()).isZero();
  }

  @Test
  void aRowExactlyAGapAfterTheLastStartsANewSession() {
    try (OperatorTestDriver driver = driver(session(5), countStar())) {
      driver.process(batch("a", 1L, 1, "a", 1L, 6, "a", 1L, 20, "a", 1L, 16));
      driver.finish();
      assertThat(driver.outputRows()).containsExactly(
          row("a", 1 * S, 6 * S, 1L),
          row("a", 6 * S, 11 * S, 1L),
          row("a", 16 * S, 25 * S, 2L));
    }
  }

  @Test
  void lateSessionRowsAreDroppedUnlessTheyJoinAnOpenSession() {
    try (OperatorTestDriver driver = driver(session(5), countStar())) {
      driver.process(batch("a", 1L, 10));
      driver.watermark(Watermark.eventTime(8 * S));
      driver.process(batch("a", 1L, 2)); // [2, 7) closed and joins nothing: late
      driver.process(batch("a", 1L, 6)); // [6, 11) overlaps the open [10, 15): joins it
      driver.process(batch("b", 1L, 3)); // another key: late
      driver.finish();
      assertThat(driver.outputRows()).containsExactly(row("a", 6 * S, 15 * S, 2L));
    }
    assertThat(operator.lateRowsDropped()).isEqualTo(2);
  }

  // ------------------------------------------------------------------ aggregates

  @Test
  void aggregatesFollowSqlNullSemantics() {
    AggregateCall[] calls = {
        countStar(),
        agg("COUNT", type(TypeKind.INT64), false, 1),
        agg("COUNT", type(TypeKind.INT64), true, 1),
        sumV(),
        agg("MIN", type(TypeKind.INT64), false, 1),
        agg("MAX", type(TypeKind.INT64), false, 1),
        agg("AVG", type(TypeKind.FLOAT64), false, 1),
        agg("AVG", DataType.newBuilder().setKind(TypeKind.DECIMAL).setPrecision(10).setScale(2).build(), false, 1),
        agg("SUM", type(TypeKind.FLOAT64), false, 2),
        agg("MAX", type(TypeKind.UTF8), false, 0),
        agg("SUM", type(TypeKind.INT64), true, 1),
    };
    try (OperatorTestDriver driver = driver(tumbling(10), calls)) {
      driver.process(batch("a", 4L, 1, "a", null, 2, "a", 4L, 3, "a", 1L, 4, "n", null, 1, "n", null, 2));
      driver.process(batch(null, 7L, 5));
      driver.finish();
      assertThat(driver.outputRows()).containsExactly(
          row("a", 0L, 10 * S, 4L, 3L, 2L, 9L, 1L, 4L, 3.0, new BigDecimal("3.00"), 4.5, "a", 5L),
          row("n", 0L, 10 * S, 2L, 0L, 0L, null, null, null, null, null, null, "n", null),
          row(null, 0L, 10 * S, 1L, 1L, 1L, 7L, 7L, 7L, 7.0, new BigDecimal("7.00"), 3.5, null, 7L));
    }
  }

  @Test
  void averagesRoundToTheResultType() {
    AggregateCall[] calls = {
        agg("AVG", DataType.newBuilder().setKind(TypeKind.DECIMAL).setPrecision(10).setScale(2).build(), false, 1),
        agg("AVG", type(TypeKind.INT64), false, 1),
        agg("AVG", type(TypeKind.FLOAT64), false, 2),
    };
    try (OperatorTestDriver driver = driver(tumbling(10), calls)) {
      driver.process(batch("a", 1L, 1, "a", 2L, 2, "a", 2L, 3));
      driver.finish();
      assertThat(driver.outputRows()).containsExactly(
          row("a", 0L, 10 * S, new BigDecimal("1.67"), 1L, 2.5 / 3));
    }
  }

  @Test
  void aSumOverflowingItsNarrowResultTypeFails() {
    try (OperatorTestDriver driver = driver(tumbling(10), agg("SUM", type(TypeKind.INT32), false, 1))) {
      driver.process(batch("a", (long) Integer.MAX_VALUE, 1, "a", 1L, 2));
      assertThatThrownBy(driver::finish).hasMessageContaining("overflows its result type INT32");
    }
  }

  @Test
  void rejectsUnknownAggregatesAndBadSchemas() {
    assertThatThrownBy(() -> driver(tumbling(10), agg("MODE", type(TypeKind.INT64), false, 1)))
        .hasMessageContaining("MODE");
    assertThatThrownBy(() -> driver(tumbling(10), agg("SUM", type(TypeKind.INT64), false, 0)))
        .hasMessageContaining("numeric");
    assertThatThrownBy(() -> new WindowAggregateOperator(io.tributary.proto.program.WindowAggregateOperator
        .newBuilder().setWindow(tumbling(0)).build()))
        .hasMessageContaining("must be positive");
  }

  @Test
  void keylessAggregatesNeedParallelismOneAndAWellFormedOutput() {
    var keyless = io.tributary.proto.program.WindowAggregateOperator.newBuilder()
        .setWindow(tumbling(10)).addAggregates(countStar()).build();
    assertThatThrownBy(() -> OperatorTestDriver.builder(allocator, INPUT).subtask(0, 2)
        .operator("window_1", new WindowAggregateOperator(keyless), outputSchema(false, List.of(countStar())))
        .build())
        .hasMessageContaining("parallelism 1");
    assertThatThrownBy(() -> OperatorTestDriver.builder(allocator, INPUT)
        .operator("window_1", new WindowAggregateOperator(keyless), outputSchema(true, List.of(countStar())))
        .build())
        .hasMessageContaining("has 5 columns; expected 4");
    try (OperatorTestDriver driver = OperatorTestDriver.builder(allocator, INPUT)
        .operator("window_1", new WindowAggregateOperator(keyless), outputSchema(false, List.of(countStar())))
        .build()) {
      driver.process(batch("a", 1L, 1, "b", 2L, 2));
      driver.finish();
      assertThat(driver.outputRows()).containsExactly(row(0L, 10 * S, 2L));
    }
  }

  @Test
  void groupsByEveryKeyField() {
    var spec = io.tributary.proto.program.WindowAggregateOperator.newBuilder()
        .setWindow(tumbling(10)).addKeyFields(1).addKeyFields(0).addAggregates(countStar()).build();
    Schema output = ArrowTypes.toArrow(io.tributary.proto.program.Schema.newBuilder()
        .addFields(field("v", type(TypeKind.INT64)))
        .addFields(field("k", type(TypeKind.UTF8)))
        .addFields(field("window_start", type(TypeKind.TIMESTAMP)))
        .addFields(field("window_end", type(TypeKind.TIMESTAMP)))
        .addFields(field("n", type(TypeKind.INT64)))
        .addFields(Field.newBuilder().setName("_timestamp").setType(type(TypeKind.TIMESTAMP)))
        .build());
    try (OperatorTestDriver driver = OperatorTestDriver.builder(allocator, INPUT)
        .operator("window_1", new WindowAggregateOperator(spec), output).build()) {
      driver.process(batch("a", 1L, 1, "a", 2L, 2, "a", 1L, 3, null, null, 4, null, null, 5, "b", 1L, 6));
      driver.finish();
      assertThat(driver.outputRows()).containsExactly(
          row(1L, "a", 0L, 10 * S, 2L),
          row(2L, "a", 0L, 10 * S, 1L),
          row(null, null, 0L, 10 * S, 2L),
          row(1L, "b", 0L, 10 * S, 1L));
    }
  }

  // ------------------------------------------------------------------ late rows and end of input

  @Test
  void lateRowsAreDroppedAndCounted() {
    try (OperatorTestDriver driver = driver(tumbling(10), countStar())) {
      driver.process(batch("a", 1L, 1));
      driver.watermark(Watermark.eventTime(10 * S));
      driver.process(batch("a", 1L, 5, "b", 1L, 9.999, "a", 1L, 10));
      assertThat(operator.lateRowsDropped()).isEqualTo(2);
      driver.finish();
      assertThat(driver.outputRows()).containsExactly(
          row("a", 0L, 10 * S, 1L),
          row("a", 10 * S, 20 * S, 1L));
    }
  }

  @Test
  void endOfInputFlushesEveryWindowOnce() {
    try (OperatorTestDriver driver = driver(tumbling(10), countStar())) {
      driver.process(batch("b", 1L, 25, "a", 1L, 1, "a", 1L, 15));
      driver.finish();
      assertThat(driver.outputRows()).containsExactly(
          row("a", 0L, 10 * S, 1L),
          row("a", 10 * S, 20 * S, 1L),
          row("b", 20 * S, 30 * S, 1L));
      driver.clearOutputs();
      List<RecordBatch> again = new ArrayList<>();
      operator.finish(new Collector() {
        @Override
        public void collect(RecordBatch batch) {
          again.add(batch);
        }

        @Override
        public void collectWatermark(Watermark watermark) {}
      });
      assertThat(again).isEmpty();
    }
  }

  @Test
  void idleWatermarksPassThroughWithoutClosingWindows() {
    try (OperatorTestDriver driver = driver(tumbling(10), countStar())) {
      driver.process(batch("a", 1L, 1));
      driver.watermark(Watermark.IDLE);
      assertThat(driver.outputs()).containsExactly(new OperatorTestDriver.Output.Mark(Watermark.IDLE));
      driver.finish();
      assertThat(driver.outputRows()).hasSize(1);
    }
  }

  // ------------------------------------------------------------------ against a batch computation

  private record In(String key, Long value, long time) {}

  private record Group(String key, long start, long end) {}

  @Test
  void matchesABatchComputationOverRandomRows() {
    Random random = new Random(20231009);
    List<In> rows = new ArrayList<>();
    String[] keys = {"a", "b", "c", "d", null};
    for (int i = 0; i < 3000; i++) {
      // Bounded disorder: row i lies in [i * 50ms, i * 50ms + 5s).
      long time = i * 50_000_000L + (long) (random.nextDouble() * 5 * S);
      Long value = random.nextInt(10) == 0 ? null : (long) random.nextInt(20) - 5;
      rows.add(new In(keys[random.nextInt(keys.length)], value, time));
    }
    AggregateCall[] calls = {
        countStar(), agg("COUNT", type(TypeKind.INT64), false, 1), agg("COUNT", type(TypeKind.INT64), true, 1),
        sumV(), agg("MIN", type(TypeKind.INT64), false, 1), agg("MAX", type(TypeKind.INT64), false, 1),
    };
    for (Window window : List.of(tumbling(7), sliding(9, 3), session(2))) {
      Map<Group, List<Object>> actual = new HashMap<>();
      try (OperatorTestDriver driver = driver(window, calls)) {
        long maxSeen = Long.MIN_VALUE;
        int next = 0;
        while (next < rows.size()) {
          int size = 1 + random.nextInt(40);
          try (BatchBuilder builder = new BatchBuilder(INPUT, allocator)) {
            for (int i = next; i < Math.min(rows.size(), next + size); i++) {
              In in = rows.get(i);
              builder.addRow(in.time(), in.key(), in.value(), null);
              maxSeen = Math.max(maxSeen, in.time());
            }
            next += size;
            driver.process(builder.build());
          }
          driver.watermark(Watermark.eventTime(maxSeen - 5 * S - 1));
        }
        driver.finish();
        long lastEnd = Long.MIN_VALUE;
        for (List<Object> out : driver.outputRows()) {
          Group group = new Group((String) out.get(0), (Long) out.get(1), (Long) out.get(2));
          assertThat(group.end()).as("windows leave in order of their end").isGreaterThanOrEqualTo(lastEnd);
          lastEnd = group.end();
          assertThat(actual.put(group, out.subList(3, out.size()))).as("window emitted twice").isNull();
        }
      }
      assertThat(operator.lateRowsDropped()).isZero();
      assertThat(actual).as(window.toString()).isEqualTo(expected(rows, window));
    }
  }

  private static Map<Group, List<Object>> expected(List<In> rows, Window window) {
    Map<Group, List<In>> groups = new HashMap<>();
    switch (window.getKindCase()) {
      case TUMBLING, SLIDING -> {
        long width = (window.hasTumbling() ? window.getTumbling().getWidthMicros() : window.getSliding().getWidthMicros()) * 1000;
        long slide = window.hasTumbling() ? width : window.getSliding().getSlideMicros() * 1000;
        for (In in : rows) {
          for (long start = Math.floorDiv(in.time() - width, slide) * slide; start <= in.time(); start += slide) {
            if (start <= in.time() && in.time() < start + width) {
              groups.computeIfAbsent(new Group(in.key(), start, start + width), g -> new ArrayList<>()).add(in);
            }
          }
        }
      }
      case SESSION -> {
        long gap = window.getSession().getGapMicros() * 1000;
        Map<String, List<In>> byKey = new HashMap<>();
        for (In in : rows) {
          byKey.computeIfAbsent(in.key(), k -> new ArrayList<>()).add(in);
        }
        for (List<In> keyed : byKey.values()) {
          keyed.sort((x, y) -> Long.compare(x.time(), y.time()));
          List<In> current = new ArrayList<>();
          for (In in : keyed) {
            if (!current.isEmpty() && in.time() >= current.getLast().time() + gap) {
              groups.put(new Group(in.key(), current.getFirst().time(), current.getLast().time() + gap), current);
              current = new ArrayList<>();
            }
            current.add(in);
          }
          groups.put(new Group(current.getFirst().key(), current.getFirst().time(), current.getLast().time() + gap), current);
        }
      }
      default -> throw new AssertionError();
    }
    Map<Group, List<Object>> results = new HashMap<>();
    groups.forEach((group, members) -> {
      List<Long> values = members.stream().map(In::value).filter(v -> v != null).toList();
      Set<Long> distinct = new HashSet<>(values);
      results.put(group, Arrays.asList(
          (long) members.size(), (long) values.size(), (long) distinct.size(),
          values.isEmpty() ? null : values.stream().mapToLong(Long::longValue).sum(),
          values.isEmpty() ? null : values.stream().mapToLong(Long::longValue).min().getAsLong(),
          values.isEmpty() ? null : values.stream().mapToLong(Long::longValue).max().getAsLong()));
    });
    return results;
  }

}
