package io.tributary.engine.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.batch.VectorValues;
import io.tributary.engine.expr.ExpressionCompiler;
import io.tributary.engine.testing.AllocatorTest;
import io.tributary.engine.testing.OperatorTestDriver;
import io.tributary.engine.time.ManualClock;
import io.tributary.proto.program.AggregateCall;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Expr;
import io.tributary.proto.program.Field;
import io.tributary.proto.program.ProjectionOperator;
import io.tributary.proto.program.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class UpdatingAggregateOperatorTest extends AllocatorTest {
  private static final long S = 1_000_000_000L;
  private static final long S_MICROS = 1_000_000L;

  private static DataType type(TypeKind kind) {
    return DataType.newBuilder().setKind(kind).build();
  }

  private static Field field(String name, TypeKind kind, boolean nullable) {
    return Field.newBuilder().setName(name).setNullable(nullable).setType(type(kind)).build();
  }

  private static Field timestamp() {
    return field("_timestamp", TypeKind.TIMESTAMP, false);
  }

  /** k UTF8, v INT64, d FLOAT64, _timestamp. */
  static final Schema APPEND = ArrowTypes.toArrow(io.tributary.proto.program.Schema.newBuilder()
      .addFields(field("k", TypeKind.UTF8, true))
      .addFields(field("v", TypeKind.INT64, true))
      .addFields(field("d", TypeKind.FLOAT64, true))
      .addFields(timestamp())
      .build());

  /** k UTF8, v INT64, d FLOAT64, _is_retract, _timestamp. */
  static final Schema UPDATING = ArrowTypes.toArrow(io.tributary.proto.program.Schema.newBuilder()
      .addFields(field("k", TypeKind.UTF8, true))
      .addFields(field("v", TypeKind.INT64, true))
      .addFields(field("d", TypeKind.FLOAT64, true))
      .addFields(field("_is_retract", TypeKind.BOOLEAN, false))
      .addFields(timestamp())
      .build());

  static AggregateCall agg(String function, TypeKind result, boolean distinct, Integer... arguments) {
    return AggregateCall.newBuilder().setFunction(function).setType(type(result)).setDistinct(distinct)
        .setNullable(true).addAllArguments(List.of(arguments)).build();
  }

  static final AggregateCall COUNT_STAR = agg("COUNT", TypeKind.INT64, false);
  static final AggregateCall SUM_V = agg("SUM", TypeKind.INT64, false, 1);
  static final AggregateCall MIN_V = agg("MIN", TypeKind.INT64, false, 1);
  static final AggregateCall MAX_V = agg("MAX", TypeKind.INT64, false, 1);
  static final AggregateCall AVG_D = agg("AVG", TypeKind.FLOAT64, false, 2);

  static Schema output(boolean keyed, List<AggregateCall> calls) {
    io.tributary.proto.program.Schema.Builder schema = io.tributary.proto.program.Schema.newBuilder();
    if (keyed) {
      schema.addFields(field("k", TypeKind.UTF8, true));
    }
    for (int i = 0; i < calls.size(); i++) {
      schema.addFields(field("a" + i, calls.get(i).getType().getKind(), true));
    }
    schema.addFields(field("_is_retract", TypeKind.BOOLEAN, false));
    schema.addFields(timestamp());
    return ArrowTypes.toArrow(schema.build());
  }

  private UpdatingAggregateOperator operator;
  private final ManualClock clock = new ManualClock(0);

  private OperatorTestDriver driver(Schema input, long ttlSeconds, long flushSeconds, AggregateCall... calls) {
    io.tributary.proto.program.UpdatingAggregateOperator spec = io.tributary.proto.program.UpdatingAggregateOperator
        .newBuilder().addKeyFields(0).addAllAggregates(List.of(calls))
        .setTtlMicros(ttlSeconds * S_MICROS).setFlushIntervalMicros(flushSeconds * S_MICROS).build();
    operator = new UpdatingAggregateOperator(spec);
    return OperatorTestDriver.builder(allocator, input).clock(clock)
        .operator("updating_1", operator, output(true, List.of(calls)))
        .build();
  }

  /** Append-only rows of (key, v, seconds); d = v / 2. */
  private RecordBatch rows(Object... keyValueSeconds) {
    try (BatchBuilder builder = new BatchBuilder(APPEND, allocator)) {
      for (int i = 0; i < keyValueSeconds.length; i += 3) {
        Long v = (Long) keyValueSeconds[i + 1];
        builder.addRow(((Number) keyValueSeconds[i + 2]).longValue() * S, keyValueSeconds[i], v,
            v == null ? null : v / 2.0);
      }
      return builder.build();
    }
  }

  /** Updating rows of (key, v, retract, seconds); d = v / 2. */
  private RecordBatch changes(Object... keyValueRetractSeconds) {
    try (BatchBuilder builder = new BatchBuilder(UPDATING, allocator)) {
      for (int i = 0; i < keyValueRetractSeconds.length; i += 4) {
        Long v = (Long) keyValueRetractSeconds[i + 1];
        builder.addRow(((Number) keyValueRetractSeconds[i + 3]).longValue() * S, keyValueRetractSeconds[i], v,
            v == null ? null : v / 2.0, keyValueRetractSeconds[i + 2]);
      }
      return builder.build();
    }
  }

  private static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  @Test
  void countsSumsMinMaxAndAveragesWithUpdates() {
    try (OperatorTestDriver driver = driver(APPEND, 0, 0, COUNT_STAR, SUM_V, MIN_V, MAX_V, AVG_D)) {
      driver.process(rows("a", 1L, 1, "a", 3L, 2, "b", 5L, 3));
      assertThat(driver.outputRows()).containsExactly(
          row("a", 2L, 4L, 1L, 3L, 1.0, false),
          row("b", 1L, 5L, 5L, 5L, 2.5, false));
      assertThat(driver.outputTimestamps()).containsExactly(2 * S, 3 * S);
      driver.clearOutputs();
      driver.process(rows("a", 10L, 7));
      assertThat(driver.outputRows()).containsExactly(
          row("a", 2L, 4L, 1L, 3L, 1.0, true),
          row("a", 3L, 14L, 1L, 10L, 7.0 / 3, false));
      assertThat(driver.outputTimestamps()).containsExactly(7 * S, 7 * S);
      assertThat(driver.outputBatches()).hasSize(1);
      driver.clearOutputs();
      driver.process(rows("c", null, 8));
      assertThat(driver.outputRows()).containsExactly(row("c", 1L, null, null, null, null, false));
    }
  }

  @Test
  void subtractsRetractionsOfAnUpdatingInput() {
    try (OperatorTestDriver driver = driver(UPDATING, 0, 0, COUNT_STAR, SUM_V, MIN_V, MAX_V, AVG_D,
        agg("COUNT", TypeKind.INT64, true, 1))) {
      driver.process(changes("a", 5L, false, 1, "a", 7L, false, 2, "a", 7L, false, 3, "a", 1L, false, 4));
      assertThat(driver.outputRows()).containsExactly(row("a", 4L, 20L, 1L, 7L, 2.5, 3L, false));
      driver.clearOutputs();
      // One of two 7s leaves: MAX stays 7; the 1 leaves: MIN goes back to 5.
      driver.process(changes("a", 7L, true, 5, "a", 1L, true, 6));
      assertThat(driver.outputRows()).containsExactly(
          row("a", 4L, 20L, 1L, 7L, 2.5, 3L, true),
          row("a", 2L, 12L, 5L, 7L, 3.0, 2L, false));
      driver.clearOutputs();
      driver.process(changes("a", 7L, true, 7));
      assertThat(driver.outputRows()).containsExactly(
          row("a", 2L, 12L, 5L, 7L, 3.0, 2L, true),
          row("a", 1L, 5L, 5L, 5L, 2.5, 1L, false));
      assertThat(operator.unmatchedRetractions()).isZero();
    }
  }

  @Test
  void suppressesChangesThatLeaveTheResultAsItWas() {
    try (OperatorTestDriver driver = driver(UPDATING, 0, 0, MAX_V)) {
      driver.process(changes("a", 5L, false, 1));
      driver.clearOutputs();
      driver.process(changes("a", 3L, false, 2));
      driver.process(changes("a", 9L, false, 3, "a", 9L, true, 4));
      driver.process(changes("a", 5L, false, 5, "a", 5L, true, 6));
      assertThat(driver.outputBatches()).isEmpty();
      driver.process(changes("a", 5L, true, 7));
      assertThat(driver.outputRows()).containsExactly(row("a", 5L, true), row("a", 3L, false));
    }
  }

  @Test
  void aKeyWhoseRowsAreAllRetractedEmitsOnlyTheRetractionAndIsForgotten() {
    try (OperatorTestDriver driver = driver(UPDATING, 0, 0, COUNT_STAR, SUM_V)) {
      driver.process(changes("a", 5L, false, 1, "b", 1L, false, 1));
      driver.clearOutputs();
      driver.process(changes("a", 5L, true, 2));
      assertThat(driver.outputRows()).containsExactly(row("a", 1L, 5L, true));
      assertThat(driver.outputTimestamps()).containsExactly(2 * S);
      assertThat(operator.keyCount()).isEqualTo(1);
      driver.clearOutputs();
      // Added and retracted between flushes, never emitted: nothing at all.
      driver.process(changes("c", 4L, false, 3, "c", 4L, true, 3));
      assertThat(driver.outputBatches()).isEmpty();
      assertThat(operator.keyCount()).isEqualTo(1);
      // A retraction of an unknown key is ignored and counted.
      driver.process(changes("z", 4L, true, 3));
      assertThat(driver.outputBatches()).isEmpty();
      assertThat(operator.unmatchedRetractions()).isEqualTo(1);
      driver.process(changes("a", 6L, false, 4));
      assertThat(driver.outputRows()).containsExactly(row("a", 1L, 6L, false));
    }
  }

  @Test
  void gathersChangesUntilTheFlushIntervalAWatermarkOrTheEndOfInput() {
    try (OperatorTestDriver driver = driver(APPEND, 0, 10, COUNT_STAR)) {
      driver.process(rows("a", 1L, 1, "b", 1L, 1));
      driver.process(rows("a", 1L, 2));
      clock.advanceNanos(9 * S);
      driver.tick();
      assertThat(driver.outputBatches()).isEmpty();
      clock.advanceNanos(S);
      driver.tick();
      assertThat(driver.outputBatches()).hasSize(1);
      assertThat(driver.outputRows()).containsExactly(row("a", 2L, false), row("b", 1L, false));
      driver.clearOutputs();

      // A watermark flushes at once, before it is forwarded.
      driver.process(rows("a", 1L, 3, "a", 1L, 4));
      driver.tick();
      assertThat(driver.outputBatches()).isEmpty();
      driver.watermark(Watermark.eventTime(5 * S));
      assertThat(driver.outputs()).hasSize(2);
      assertThat(driver.outputs().get(1)).isInstanceOf(OperatorTestDriver.Output.Mark.class);
      assertThat(driver.outputRows()).containsExactly(row("a", 2L, true), row("a", 4L, false));
      assertThat(driver.outputTimestamps()).containsExactly(4 * S, 4 * S);
      driver.clearOutputs();

      // The watermark restarted the interval; the end of input flushes what is left.
      driver.process(rows("b", 1L, 6));
      clock.advanceNanos(5 * S);
      driver.tick();
      assertThat(driver.outputBatches()).isEmpty();
      driver.finish();
      assertThat(driver.outputRows()).containsExactly(row("b", 1L, true), row("b", 2L, false));
    }
  }

  @Test
  void dropsKeysUnchangedForLongerThanTheTtlSilently() {
    try (OperatorTestDriver driver = driver(UPDATING, 10, 0, COUNT_STAR)) {
      driver.process(changes("a", 1L, false, 1, "b", 1L, false, 5));
      driver.clearOutputs();
      driver.watermark(Watermark.eventTime(11 * S)); // a: 11 - 1 = 10, not more than the TTL
      assertThat(operator.keyCount()).isEqualTo(2);
      driver.watermark(Watermark.eventTime(12 * S));
      assertThat(operator.keyCount()).isEqualTo(1);
      assertThat(operator.expiredKeys()).isEqualTo(1);
      assertThat(driver.outputBatches()).isEmpty();
      // b changes at 14 s and lives on.
      driver.process(changes("b", 1L, false, 14));
      driver.watermark(Watermark.eventTime(20 * S));
      assertThat(operator.keyCount()).isEqualTo(1);
      driver.clearOutputs();
      // The forgotten key's retraction matches nothing; a new row starts afresh.
      driver.process(changes("a", 1L, true, 21, "a", 3L, false, 21));
      assertThat(operator.unmatchedRetractions()).isEqualTo(1);
      assertThat(driver.outputRows()).containsExactly(row("a", 1L, false));
      driver.watermark(Watermark.eventTime(100 * S));
      assertThat(operator.keyCount()).isZero();
    }
  }

  @Test
  void aGlobalAggregateWithoutKeysRunsOnOneSubtask() {
    io.tributary.proto.program.UpdatingAggregateOperator spec = io.tributary.proto.program.UpdatingAggregateOperator
        .newBuilder().addAggregates(COUNT_STAR).build();
    try (OperatorTestDriver driver = OperatorTestDriver.builder(allocator, APPEND)
        .operator("u", new UpdatingAggregateOperator(spec), output(false, List.of(COUNT_STAR))).build()) {
      driver.process(rows("a", 1L, 1, "b", 2L, 1));
      driver.process(rows("c", 1L, 2));
      assertThat(driver.outputRows()).containsExactly(row(2L, false), row(2L, true), row(3L, false));
    }
    assertThatThrownBy(() -> OperatorTestDriver.builder(allocator, APPEND).subtask(0, 2)
        .operator("u", new UpdatingAggregateOperator(spec), output(false, List.of(COUNT_STAR))).build())
        .hasMessageContaining("parallelism 1");
  }

  @Test
  void rejectsAnOutputSchemaWithoutIsRetract() {
    io.tributary.proto.program.UpdatingAggregateOperator spec = io.tributary.proto.program.UpdatingAggregateOperator
        .newBuilder().addKeyFields(0).addAggregates(COUNT_STAR).addAggregates(COUNT_STAR).build();
    Schema wrong = ArrowTypes.toArrow(io.tributary.proto.program.Schema.newBuilder()
        .addFields(field("k", TypeKind.UTF8, true)).addFields(field("a0", TypeKind.INT64, true))
        .addFields(field("a1", TypeKind.INT64, true)).addFields(timestamp()).build());
    assertThatThrownBy(() -> OperatorTestDriver.builder(allocator, APPEND)
        .operator("u", new UpdatingAggregateOperator(spec), wrong).build())
        .hasMessageContaining("_is_retract");
  }

  @Test
  void projectionsCarryIsRetractAsAnOrdinaryColumn() {
    // SELECT k, v * 2 AS w, _is_retract FROM updating WHERE v > 1
    Schema output = ArrowTypes.toArrow(io.tributary.proto.program.Schema.newBuilder()
        .addFields(field("k", TypeKind.UTF8, true)).addFields(field("w", TypeKind.INT64, true))
        .addFields(field("_is_retract", TypeKind.BOOLEAN, false)).addFields(timestamp()).build());
    ProjectionOperator spec = ProjectionOperator.newBuilder()
        .setCondition(FilterProjectOperatorTest.call("GREATER_THAN", TypeKind.BOOLEAN,
            FilterProjectOperatorTest.ref(1, TypeKind.INT64), FilterProjectOperatorTest.lit(1)))
        .addProjections(FilterProjectOperatorTest.ref(0, TypeKind.UTF8))
        .addProjections(FilterProjectOperatorTest.call("TIMES", TypeKind.INT64,
            FilterProjectOperatorTest.ref(1, TypeKind.INT64), FilterProjectOperatorTest.lit(2)))
        .addProjections(FilterProjectOperatorTest.ref(3, TypeKind.BOOLEAN))
        .build();
    try (OperatorTestDriver driver = OperatorTestDriver.builder(allocator, UPDATING)
        .operator("p", new FilterProjectOperator(spec, ExpressionCompiler.shared()), output)
        .operator("u", new UpdatingAggregateOperator(io.tributary.proto.program.UpdatingAggregateOperator
            .newBuilder().addKeyFields(0).addAggregates(agg("SUM", TypeKind.INT64, false, 1)).build()),
            output(true, List.of(agg("SUM", TypeKind.INT64, false, 1))))
        .build()) {
      driver.process(changes("a", 1L, false, 1, "a", 2L, false, 1, "a", 3L, false, 2));
      driver.process(changes("a", 2L, true, 3, "a", 1L, true, 3));
      assertThat(driver.outputRows()).containsExactly(
          row("a", 10L, false), row("a", 10L, true), row("a", 6L, false));
      assertThat(ArrowTypes.isUpdating(output)).isTrue();
    }
  }

  /**
   * Random adds and retractions (of rows added earlier) with random flushes: applying the emitted
   * changelog must give exactly the GROUP BY of the rows still present.
   */
  @Test
  void theChangelogAddsUpToTheBatchGroupBy() {
    AggregateCall[] calls = {
        COUNT_STAR, agg("COUNT", TypeKind.INT64, false, 1), SUM_V, MIN_V, MAX_V, AVG_D,
        agg("COUNT", TypeKind.INT64, true, 1), agg("SUM", TypeKind.FLOAT64, false, 2)};
    for (long seed = 1; seed <= 5; seed++) {
      Random random = new Random(seed);
      List<Object[]> live = new ArrayList<>();
      Map<List<Object>, Integer> changelog = new HashMap<>();
      try (OperatorTestDriver driver = driver(UPDATING, 0, seed % 2 == 0 ? 0 : 1, calls)) {
        long time = 0;
        for (int b = 0; b < 200; b++) {
          try (BatchBuilder builder = new BatchBuilder(UPDATING, allocator)) {
            int n = 1 + random.nextInt(8);
            for (int i = 0; i < n; i++) {
              time += random.nextInt(3);
              if (!live.isEmpty() && random.nextInt(3) == 0) {
                Object[] gone = live.remove(random.nextInt(live.size()));
                builder.addRow(time * S, gone[0], gone[1], gone[2], true);
              } else {
                Object[] added = {
                    "k" + random.nextInt(6),
                    random.nextInt(10) == 0 ? null : (long) random.nextInt(20) - 5,
                    random.nextInt(10) == 0 ? null : random.nextInt(40) * 0.25 - 3};
                live.add(added);
                builder.addRow(time * S, added[0], added[1], added[2], false);
              }
            }
            driver.process(builder.build());
          }
          switch (random.nextInt(4)) {
            case 0 -> driver.watermark(Watermark.eventTime(time * S));
            case 1 -> {
              clock.advanceNanos(random.nextInt(2) * S);
              driver.tick();
            }
            default -> {}
          }
          apply(driver, changelog);
        }
        driver.finish();
        apply(driver, changelog);
      }
      changelog.values().removeIf(count -> count == 0);
      Map<List<Object>, Integer> expected = new HashMap<>();
      for (List<Object> row : groupBy(live)) {
        expected.merge(row, 1, Integer::sum);
      }
      assertThat(changelog).as("seed " + seed).isEqualTo(expected);
    }
  }

  private static void apply(OperatorTestDriver driver, Map<List<Object>, Integer> changelog) {
    for (RecordBatch batch : driver.outputBatches()) {
      int retract = batch.columnCount() - 2;
      for (int r = 0; r < batch.rowCount(); r++) {
        List<Object> values = new ArrayList<>();
        for (int c = 0; c < retract; c++) {
          values.add(VectorValues.get(batch.column(c), r));
        }
        boolean isRetract = (Boolean) VectorValues.get(batch.column(retract), r);
        if (isRetract) {
          assertThat(changelog.getOrDefault(values, 0)).as("retraction of " + values).isPositive();
          changelog.merge(values, -1, Integer::sum);
        } else {
          changelog.merge(values, 1, Integer::sum);
        }
      }
    }
    driver.clearOutputs();
  }

  /** The batch computation: GROUP BY k over the rows left. */
  private static List<List<Object>> groupBy(List<Object[]> rows) {
    Map<Object, List<Object[]>> groups = new TreeMap<>();
    for (Object[] row : rows) {
      groups.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row);
    }
    List<List<Object>> result = new ArrayList<>();
    groups.forEach((key, group) -> {
      long count = group.size();
      long countV = 0;
      Long sum = null;
      Long min = null;
      Long max = null;
      Set<Long> distinct = new HashSet<>();
      java.math.BigDecimal dsum = java.math.BigDecimal.ZERO;
      long dcount = 0;
      for (Object[] row : group) {
        Long v = (Long) row[1];
        if (v != null) {
          countV++;
          sum = sum == null ? v : sum + v;
          min = min == null ? v : Math.min(min, v);
          max = max == null ? v : Math.max(max, v);
          distinct.add(v);
        }
        if (row[2] != null) {
          dsum = dsum.add(new java.math.BigDecimal((Double) row[2]));
          dcount++;
        }
      }
      Double avg = dcount == 0 ? null : dsum.doubleValue() / dcount;
      Double sumD = dcount == 0 ? null : dsum.doubleValue();
      result.add(Arrays.asList(key, count, countV, sum, min, max, avg, (long) distinct.size(), sumD));
    });
    return result;
  }
}
