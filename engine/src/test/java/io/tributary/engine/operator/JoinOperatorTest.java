package io.tributary.engine.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.expr.ExpressionCompiler;
import io.tributary.engine.testing.AllocatorTest;
import io.tributary.engine.testing.OperatorTestDriver;
import io.tributary.proto.program.Call;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Expr;
import io.tributary.proto.program.Field;
import io.tributary.proto.program.JoinType;
import io.tributary.proto.program.SessionWindow;
import io.tributary.proto.program.SlidingWindow;
import io.tributary.proto.program.TumblingWindow;
import io.tributary.proto.program.TypeKind;
import io.tributary.proto.program.Window;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JoinOperatorTest extends AllocatorTest {
  private static final long S = 1_000_000_000L;
  private static final long S_MICROS = 1_000_000L;

  private static DataType type(TypeKind kind) {
    return DataType.newBuilder().setKind(kind).build();
  }

  private static Field field(String name, TypeKind kind) {
    return Field.newBuilder().setName(name).setNullable(true).setType(type(kind)).build();
  }

  private static io.tributary.proto.program.Schema schema(Field... fields) {
    return io.tributary.proto.program.Schema.newBuilder().addAllFields(List.of(fields))
        .addFields(Field.newBuilder().setName("_timestamp").setType(type(TypeKind.TIMESTAMP))).build();
  }

  /** Left: k UTF8, a INT64. Right: k UTF8, b INT64. Output: k, a, k0, b. */
  private static final Schema LEFT = ArrowTypes.toArrow(schema(field("k", TypeKind.UTF8), field("a", TypeKind.INT64)));
  private static final Schema RIGHT = ArrowTypes.toArrow(schema(field("k", TypeKind.UTF8), field("b", TypeKind.INT64)));
  private static final Schema OUTPUT = ArrowTypes.toArrow(schema(field("k", TypeKind.UTF8), field("a", TypeKind.INT64),
      field("k0", TypeKind.UTF8), field("b", TypeKind.INT64)));

  private static Window tumbling(long seconds) {
    return Window.newBuilder().setTumbling(TumblingWindow.newBuilder().setWidthMicros(seconds * S_MICROS)).build();
  }

  private static io.tributary.proto.program.JoinOperator.Builder join(JoinType type) {
    return io.tributary.proto.program.JoinOperator.newBuilder().setJoinType(type)
        .addLeftKeyFields(0).addRightKeyFields(0);
  }

  private OperatorTestDriver driver(io.tributary.proto.program.JoinOperator spec) {
    JoinOperator operator = new JoinOperator(spec, LEFT, RIGHT, ExpressionCompiler.shared());
    return OperatorTestDriver.builder(allocator, LEFT).operator("join", operator, OUTPUT).build();
  }

  /** Rows of (key, value, time in ns). */
  private RecordBatch batch(Schema schema, Object... keyValueTime) {
    try (BatchBuilder builder = new BatchBuilder(schema, allocator)) {
      for (int i = 0; i < keyValueTime.length; i += 3) {
        builder.addRow((Long) keyValueTime[i + 2], keyValueTime[i], keyValueTime[i + 1]);
      }
      return builder.build();
    }
  }

  private static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  @Test
  void tumblingInnerJoinEmitsWhenTheWatermarkPassesTheWindowEnd() {
    try (OperatorTestDriver driver = driver(join(JoinType.INNER).setWindow(tumbling(10)).build())) {
      driver.process(0, batch(LEFT, "x", 1L, 1 * S, "y", 2L, 2 * S, "x", 3L, 12 * S));
      driver.process(1, batch(RIGHT, "x", 10L, 5 * S, "x", 20L, 9 * S, "z", 30L, 3 * S));
      driver.watermark(0, 9 * S).watermark(1, 9 * S);
      assertThat(driver.outputRows()).isEmpty();
      driver.watermark(0, 10 * S);
      assertThat(driver.outputRows()).isEmpty(); // the right side holds the watermark back
      driver.watermark(1, 10 * S);
      assertThat(driver.outputRows()).containsExactly(row("x", 1L, "x", 10L), row("x", 1L, "x", 20L));
      assertThat(driver.outputTimestamps()).containsOnly(10 * S - 1);
      assertThat(driver.outputWatermarks()).containsExactly(
          Watermark.eventTime(9 * S), Watermark.eventTime(10 * S));
      driver.clearOutputs();
      driver.finish();
      assertThat(driver.outputRows()).isEmpty(); // x@12 has no partner in [10, 20)
    }
  }

  @ParameterizedTest
  @EnumSource(value = JoinType.class, names = {"INNER", "LEFT", "RIGHT", "FULL"})
  void outerJoinsPadTheUnmatchedSideWithNulls(JoinType type) {
    try (OperatorTestDriver driver = driver(join(type).setWindow(tumbling(10)).build())) {
      driver.process(0, batch(LEFT, "x", 1L, 1 * S, "y", 2L, 2 * S, null, 3L, 3 * S));
      driver.process(1, batch(RIGHT, "x", 10L, 5 * S, "z", 30L, 3 * S, null, 40L, 4 * S));
      driver.finish();
      List<List<Object>> expected = new ArrayList<>();
      expected.add(row("x", 1L, "x", 10L));
      if (type == JoinType.LEFT || type == JoinType.FULL) {
        expected.add(row("y", 2L, null, null));
        expected.add(row(null, 3L, null, null));
      }
      if (type == JoinType.RIGHT || type == JoinType.FULL) {
        expected.add(row(null, null, "z", 30L));
        expected.add(row(null, null, null, 40L));
      }
      assertThat(driver.outputRows()).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(driver.outputTimestamps()).containsOnly(10 * S - 1);
    }
  }

  @Test
  void theConditionDecidesWhichKeyMatchesJoinAndOuterRowsWithoutATrueMatchArePadded() {
    // a < b, over the output row: a is column 1, b column 3.
    Expr condition = Expr.newBuilder().setType(type(TypeKind.BOOLEAN)).setCall(Call.newBuilder()
        .setFunction("LESS_THAN")
        .addOperands(Expr.newBuilder().setType(type(TypeKind.INT64)).setInputRef(1))
        .addOperands(Expr.newBuilder().setType(type(TypeKind.INT64)).setInputRef(3))).build();
    try (OperatorTestDriver driver = driver(join(JoinType.FULL).setWindow(tumbling(10)).setCondition(condition).build())) {
      driver.process(0, batch(LEFT, "x", 5L, 1 * S, "x", 50L, 2 * S));
      driver.process(1, batch(RIGHT, "x", 10L, 5 * S, "x", 1L, 6 * S));
      driver.watermark(0, 20 * S).watermark(1, 20 * S);
      assertThat(driver.outputRows()).containsExactly(
          row("x", 5L, "x", 10L), row("x", 50L, null, null), row(null, null, "x", 1L));
    }
  }

  @Test
  void slidingWindowsJoinRowsInEveryWindowTheyShare() {
    Window sliding = Window.newBuilder().setSliding(SlidingWindow.newBuilder()
        .setWidthMicros(10 * S_MICROS).setSlideMicros(5 * S_MICROS)).build();
    try (OperatorTestDriver driver = driver(join(JoinType.INNER).setWindow(sliding).build())) {
      driver.process(0, batch(LEFT, "x", 1L, 7 * S));
      driver.process(1, batch(RIGHT, "x", 2L, 8 * S, "x", 3L, 11 * S));
      driver.finish();
      // windows [0,10) and [5,15) hold 7 and 8; [5,15) also 11.
      assertThat(driver.outputRows()).containsExactly(
          row("x", 1L, "x", 2L), row("x", 1L, "x", 2L), row("x", 1L, "x", 3L));
      assertThat(driver.outputTimestamps()).containsExactly(10 * S - 1, 15 * S - 1, 15 * S - 1);
    }
  }

  @Test
  void sessionWindowsMergeRowsOfBothSidesPerKey() {
    Window session = Window.newBuilder().setSession(SessionWindow.newBuilder().setGapMicros(5 * S_MICROS)).build();
    try (OperatorTestDriver driver = driver(join(JoinType.LEFT).setWindow(session).build())) {
      driver.process(0, batch(LEFT, "x", 1L, 1 * S, "x", 2L, 20 * S));
      driver.process(1, batch(RIGHT, "x", 10L, 4 * S, "x", 11L, 8 * S));
      driver.watermark(0, 13 * S).watermark(1, 13 * S);
      // session [1, 13) holds left 1 and right 10, 11
      assertThat(driver.outputRows()).containsExactly(row("x", 1L, "x", 10L), row("x", 1L, "x", 11L));
      assertThat(driver.outputTimestamps()).containsOnly(13 * S - 1);
      driver.clearOutputs();
      driver.finish();
      assertThat(driver.outputRows()).containsExactly(row("x", 2L, null, null));
    }
  }

  @Test
  void lateRowsAreDroppedAndCounted() {
    JoinOperator operator = new JoinOperator(join(JoinType.LEFT).setWindow(tumbling(10)).build(), LEFT, RIGHT,
        ExpressionCompiler.shared());
    try (OperatorTestDriver driver = OperatorTestDriver.builder(allocator, LEFT).operator("join", operator, OUTPUT).build()) {
      driver.watermark(0, 10 * S).watermark(1, 10 * S);
      driver.process(0, batch(LEFT, "x", 1L, 9 * S, "x", 2L, 10 * S));
      driver.finish();
      assertThat(driver.outputRows()).containsExactly(row("x", 2L, null, null));
      assertThat(operator.lateRowsDropped()).isEqualTo(1);
    }
  }

  @Test
  void unboundedInnerJoinEmitsAtOnceWithTheLaterTimestampAndForgetsAfterTheTtl() {
    JoinOperator operator = new JoinOperator(join(JoinType.INNER).setTtlMicros(10 * S_MICROS).build(), LEFT, RIGHT,
        ExpressionCompiler.shared());
    try (OperatorTestDriver driver = OperatorTestDriver.builder(allocator, LEFT).operator("join", operator, OUTPUT).build()) {
      driver.process(0, batch(LEFT, "x", 1L, 1 * S, "y", 2L, 2 * S, null, 9L, 2 * S));
      assertThat(driver.outputRows()).isEmpty();
      driver.process(1, batch(RIGHT, "x", 10L, 5 * S, "x", 11L, 0L, null, 12L, 3 * S));
      assertThat(driver.outputRows()).containsExactly(row("x", 1L, "x", 10L), row("x", 1L, "x", 11L));
      assertThat(driver.outputTimestamps()).containsExactly(5 * S, 1 * S);
      driver.clearOutputs();
      driver.process(0, batch(LEFT, "x", 3L, 6 * S));
      assertThat(driver.outputRows()).containsExactly(row("x", 3L, "x", 10L), row("x", 3L, "x", 11L));
      driver.clearOutputs();
      // watermark 12 s: rows with t + 10 s < 12 s are gone (x@1 left, x@0 right)
      driver.watermark(0, 12 * S).watermark(1, 12 * S);
      assertThat(operator.storedRows()).isEqualTo(3); // left y@2, x@6, right x@5
      driver.process(0, batch(LEFT, "x", 4L, 12 * S, "y", 5L, 12 * S));
      assertThat(driver.outputRows()).containsExactly(row("x", 4L, "x", 10L));
      driver.clearOutputs();
      driver.finish();
      assertThat(driver.outputRows()).isEmpty();
    }
  }

  @Test
  void unboundedOuterJoinsNeedAChangelogOutput() {
    JoinOperator operator = new JoinOperator(join(JoinType.LEFT).build(), LEFT, RIGHT, ExpressionCompiler.shared());
    assertThatThrownBy(() -> OperatorTestDriver.builder(allocator, LEFT).operator("join", operator, OUTPUT).build())
        .hasStackTraceContaining("_is_retract");
  }

  /** Windowed joins of random rows agree with a nested-loop join per window. */
  @ParameterizedTest
  @EnumSource(value = JoinType.class, names = {"INNER", "LEFT", "RIGHT", "FULL"})
  void windowedJoinMatchesANestedLoopJoin(JoinType type) {
    Random random = new Random(42 + type.getNumber());
    long width = 10 * S;
    List<Object[]> lefts = new ArrayList<>();
    List<Object[]> rights = new ArrayList<>();
    try (OperatorTestDriver driver = driver(join(type).setWindow(tumbling(10)).build())) {
      long watermark = 0;
      for (int round = 0; round < 40; round++) {
        int side = random.nextInt(2);
        Schema schema = side == 0 ? LEFT : RIGHT;
        List<Object> values = new ArrayList<>();
        int rows = 1 + random.nextInt(6);
        for (int r = 0; r < rows; r++) {
          String key = random.nextInt(8) == 0 ? null : "k" + random.nextInt(4);
          long value = random.nextInt(1000);
          // on time: at or after the watermark
          long time = watermark + random.nextLong(25 * S);
          values.add(key);
          values.add(value);
          values.add(time);
          (side == 0 ? lefts : rights).add(new Object[] {key, value, time});
        }
        driver.process(side, batch(schema, values.toArray()));
        if (random.nextInt(4) == 0) {
          watermark += random.nextLong(8 * S);
          driver.watermark(0, watermark).watermark(1, watermark);
        }
      }
      driver.finish();
      List<List<Object>> expected = new ArrayList<>();
      List<Long> expectedTimes = new ArrayList<>();
      java.util.Set<Long> windows = new java.util.TreeSet<>();
      lefts.forEach(l -> windows.add(Math.floorDiv((Long) l[2], width)));
      rights.forEach(r -> windows.add(Math.floorDiv((Long) r[2], width)));
      for (long w : windows) {
        boolean[] rightMatched = new boolean[rights.size()];
        for (Object[] l : lefts) {
          if (Math.floorDiv((Long) l[2], width) != w) {
            continue;
          }
          boolean matched = false;
          for (int i = 0; i < rights.size(); i++) {
            Object[] r = rights.get(i);
            if (Math.floorDiv((Long) r[2], width) == w && l[0] != null && l[0].equals(r[0])) {
              matched = true;
              rightMatched[i] = true;
              expected.add(row(l[0], l[1], r[0], r[1]));
              expectedTimes.add((w + 1) * width - 1);
            }
          }
          if (!matched && (type == JoinType.LEFT || type == JoinType.FULL)) {
            expected.add(row(l[0], l[1], null, null));
            expectedTimes.add((w + 1) * width - 1);
          }
        }
        if (type == JoinType.RIGHT || type == JoinType.FULL) {
          for (int i = 0; i < rights.size(); i++) {
            Object[] r = rights.get(i);
            if (Math.floorDiv((Long) r[2], width) == w && !rightMatched[i]) {
              expected.add(row(null, null, r[0], r[1]));
              expectedTimes.add((w + 1) * width - 1);
            }
          }
        }
      }
      assertThat(driver.outputRows()).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(driver.outputTimestamps()).containsExactlyInAnyOrderElementsOf(expectedTimes);
      assertThat(expected).isNotEmpty();
    }
  }
}
