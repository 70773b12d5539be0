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
import io.tributary.proto.program.TumblingWindow;
import io.tributary.proto.program.TypeKind;
import io.tributary.proto.program.Window;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Unbounded joins that emit a changelog: outer joins, and joins of updating inputs. */
class JoinOperatorChangelogTest extends AllocatorTest {
  private static final long S = 1_000_000_000L;
  private static final long S_MICROS = 1_000_000L;

  private static Field field(String name, TypeKind kind) {
    return Field.newBuilder().setName(name).setNullable(true).setType(DataType.newBuilder().setKind(kind)).build();
  }

  private static Field retract() {
    return Field.newBuilder().setName("_is_retract").setType(DataType.newBuilder().setKind(TypeKind.BOOLEAN)).build();
  }

  private static Schema schema(Field... fields) {
    return ArrowTypes.toArrow(io.tributary.proto.program.Schema.newBuilder().addAllFields(List.of(fields))
        .addFields(Field.newBuilder().setName("_timestamp").setType(DataType.newBuilder().setKind(TypeKind.TIMESTAMP)))
        .build());
  }

  private static final Schema LEFT = schema(field("k", TypeKind.UTF8), field("a", TypeKind.INT64));
  private static final Schema RIGHT = schema(field("k", TypeKind.UTF8), field("b", TypeKind.INT64));
  private static final Schema LEFT_CHANGES = schema(field("k", TypeKind.UTF8), field("a", TypeKind.INT64), retract());
  private static final Schema RIGHT_CHANGES = schema(field("k", TypeKind.UTF8), field("b", TypeKind.INT64), retract());
  private static final Schema OUTPUT = schema(field("k", TypeKind.UTF8), field("a", TypeKind.INT64),
      field("k0", TypeKind.UTF8), field("b", TypeKind.INT64), retract());

  private static io.tributary.proto.program.JoinOperator.Builder join(JoinType type) {
    return io.tributary.proto.program.JoinOperator.newBuilder().setJoinType(type).addLeftKeyFields(0).addRightKeyFields(0);
  }

  private OperatorTestDriver driver(JoinOperator operator, Schema left) {
    return OperatorTestDriver.builder(allocator, left).operator("join", operator, OUTPUT).build();
  }

  /** Rows of (key, value, time in ns) of an append-only input. */
  private RecordBatch batch(Schema schema, Object... keyValueTime) {
    try (BatchBuilder builder = new BatchBuilder(schema, allocator)) {
      for (int i = 0; i < keyValueTime.length; i += 3) {
        builder.addRow((Long) keyValueTime[i + 2], keyValueTime[i], keyValueTime[i + 1]);
      }
      return builder.build();
    }
  }

  /** Rows of (key, value, is_retract, time in ns) of an updating input. */
  private RecordBatch changes(Schema schema, Object... keyValueRetractTime) {
    try (BatchBuilder builder = new BatchBuilder(schema, allocator)) {
      for (int i = 0; i < keyValueRetractTime.length; i += 4) {
        builder.addRow((Long) keyValueRetractTime[i + 3], keyValueRetractTime[i], keyValueRetractTime[i + 1],
            keyValueRetractTime[i + 2]);
      }
      return builder.build();
    }
  }

  private static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  @Test
  void aLeftRowIsPaddedUntilItsMatchArrivesAndPaddedAgainWhenTheMatchIsRetracted() {
    JoinOperator operator = new JoinOperator(join(JoinType.LEFT).build(), LEFT, RIGHT_CHANGES,
        ExpressionCompiler.shared());
    try (OperatorTestDriver driver = driver(operator, LEFT)) {
      driver.process(0, batch(LEFT, "x", 1L, 1 * S));
      assertThat(driver.outputRows()).containsExactly(row("x", 1L, null, null, false));
      driver.clearOutputs();

      driver.process(1, changes(RIGHT_CHANGES, "x", 10L, false, 3 * S));
      assertThat(driver.outputRows()).containsExactly(row("x", 1L, null, null, true), row("x", 1L, "x", 10L, false));
      assertThat(driver.outputTimestamps()).containsExactly(3 * S, 3 * S);
      driver.clearOutputs();

      // A second match joins without touching the (already withdrawn) padded row.
      driver.process(1, changes(RIGHT_CHANGES, "x", 20L, false, 4 * S));
      assertThat(driver.outputRows()).containsExactly(row("x", 1L, "x", 20L, false));
      driver.clearOutputs();

      driver.process(1, changes(RIGHT_CHANGES, "x", 10L, true, 5 * S, "x", 20L, true, 6 * S));
      assertThat(driver.outputRows()).containsExactly(row("x", 1L, "x", 10L, true), row("x", 1L, "x", 20L, true),
          row("x", 1L, null, null, false));
      driver.clearOutputs();

      // Right rows never pad in a LEFT join; a retraction of a row never added is counted, not emitted.
      driver.process(1, changes(RIGHT_CHANGES, "y", 5L, false, 7 * S, "z", 9L, true, 7 * S));
      assertThat(driver.outputRows()).isEmpty();
      assertThat(operator.unmatchedRetractions()).isEqualTo(1);
      driver.finish();
      assertThat(driver.outputRows()).isEmpty();
    }
  }

  @Test
  void aFullJoinPadsBothSidesAndNullKeysNeverMatch() {
    // a < b over the output row: a is column 1, b column 3.
    Expr condition = Expr.newBuilder().setType(DataType.newBuilder().setKind(TypeKind.BOOLEAN)).setCall(Call.newBuilder()
        .setFunction("LESS_THAN")
        .addOperands(Expr.newBuilder().setType(DataType.newBuilder().setKind(TypeKind.INT64)).setInputRef(1))
        .addOperands(Expr.newBuilder().setType(DataType.newBuilder().setKind(TypeKind.INT64)).setInputRef(3))).build();
    JoinOperator operator = new JoinOperator(join(JoinType.FULL).setCondition(condition).build(), LEFT_CHANGES,
        RIGHT, ExpressionCompiler.shared());
    try (OperatorTestDriver driver = driver(operator, LEFT_CHANGES)) {
      driver.process(1, batch(RIGHT, "x", 10L, 1 * S, null, 7L, 1 * S));
      assertThat(driver.outputRows()).containsExactly(row(null, null, "x", 10L, false), row(null, null, null, 7L, false));
      driver.clearOutputs();
      driver.process(0, changes(LEFT_CHANGES, "x", 50L, false, 2 * S, "x", 5L, false, 3 * S, null, 1L, false, 3 * S));
      assertThat(driver.outputRows()).containsExactly(
          row("x", 50L, null, null, false), // 50 < 10 is false: no match
          row(null, null, "x", 10L, true), row("x", 5L, "x", 10L, false),
          row(null, 1L, null, null, false));
      driver.clearOutputs();
      driver.process(0, changes(LEFT_CHANGES, "x", 5L, true, 4 * S, null, 1L, true, 4 * S));
      assertThat(driver.outputRows()).containsExactly(
          row("x", 5L, "x", 10L, true), row(null, null, "x", 10L, false), row(null, 1L, null, null, true));
    }
  }

  @Test
  void anInnerJoinOfUpdatingInputsRetractsWhatARetractedRowProduced() {
    JoinOperator operator = new JoinOperator(join(JoinType.INNER).build(), LEFT_CHANGES, RIGHT_CHANGES,
        ExpressionCompiler.shared());
    try (OperatorTestDriver driver = driver(operator, LEFT_CHANGES)) {
      driver.process(0, changes(LEFT_CHANGES, "x", 1L, false, 1 * S, "x", 1L, false, 1 * S));
      driver.process(1, changes(RIGHT_CHANGES, "x", 10L, false, 2 * S));
      assertThat(driver.outputRows()).containsExactly(row("x", 1L, "x", 10L, false), row("x", 1L, "x", 10L, false));
      driver.clearOutputs();
      // An update of the count-like left row: retract one of the two equal rows, add another.
      driver.process(0, changes(LEFT_CHANGES, "x", 1L, true, 3 * S, "x", 2L, false, 3 * S));
      assertThat(driver.outputRows()).containsExactly(row("x", 1L, "x", 10L, true), row("x", 2L, "x", 10L, false));
      assertThat(operator.storedRows()).isEqualTo(3);
    }
  }

  @Test
  void theTtlForgetsRowsWithoutRetractingWhatTheyProduced() {
    JoinOperator operator = new JoinOperator(join(JoinType.LEFT).setTtlMicros(10 * S_MICROS).build(), LEFT,
        RIGHT_CHANGES, ExpressionCompiler.shared());
    try (OperatorTestDriver driver = driver(operator, LEFT)) {
      driver.process(0, batch(LEFT, "x", 1L, 1 * S));
      driver.process(1, changes(RIGHT_CHANGES, "x", 10L, false, 8 * S));
      driver.clearOutputs();
      driver.watermark(0, 12 * S).watermark(1, 12 * S); // left x@1 expires, right x@8 stays
      assertThat(operator.storedRows()).isEqualTo(1);
      driver.process(1, changes(RIGHT_CHANGES, "x", 10L, true, 13 * S));
      assertThat(driver.outputRows()).as("the joined row of a forgotten left row stands").isEmpty();
      driver.process(0, batch(LEFT, "x", 2L, 14 * S));
      assertThat(driver.outputRows()).containsExactly(row("x", 2L, null, null, false));
    }
  }

  @Test
  void windowedJoinsRefuseUpdatingInputs() {
    Window window = Window.newBuilder().setTumbling(TumblingWindow.newBuilder().setWidthMicros(S_MICROS)).build();
    assertThatThrownBy(() -> new JoinOperator(join(JoinType.INNER).setWindow(window).build(), LEFT_CHANGES, RIGHT,
        ExpressionCompiler.shared())).hasMessageContaining("cannot read an updating input");
  }

  /**
   * Random additions and retractions on both sides: the net of the changelog (additions minus
   * retractions) equals the join of the rows left on each side, computed as a batch.
   */
  @ParameterizedTest
  @EnumSource(value = JoinType.class, names = {"INNER", "LEFT", "RIGHT", "FULL"})
  void theNetChangelogEqualsABatchJoinOfWhatRemains(JoinType type) {
    Random random = new Random(7 + type.getNumber());
    List<List<List<Object>>> tables = List.of(new ArrayList<>(), new ArrayList<>());
    JoinOperator operator = new JoinOperator(join(type).build(), LEFT_CHANGES, RIGHT_CHANGES,
        ExpressionCompiler.shared());
    try (OperatorTestDriver driver = driver(operator, LEFT_CHANGES)) {
      long time = 0;
      for (int round = 0; round < 60; round++) {
        int side = random.nextInt(2);
        List<List<Object>> table = tables.get(side);
        List<Object> values = new ArrayList<>();
        for (int r = 0, rows = 1 + random.nextInt(5); r < rows; r++) {
          time += S;
          boolean retract = !table.isEmpty() && random.nextInt(3) == 0;
          List<Object> row = retract
              ? table.remove(random.nextInt(table.size()))
              : row(random.nextInt(10) == 0 ? null : "k" + random.nextInt(4), (long) random.nextInt(3));
          if (!retract) {
            table.add(row);
          }
          values.addAll(Arrays.asList(row.get(0), row.get(1), retract, time));
        }
        driver.process(side, changes(side == 0 ? LEFT_CHANGES : RIGHT_CHANGES, values.toArray()));
      }
      driver.finish();
      Map<List<Object>, Integer> net = new HashMap<>();
      for (List<Object> row : driver.outputRows()) {
        List<Object> values = row.subList(0, 4);
        int count = net.merge(values, (Boolean) row.get(4) ? -1 : 1, Integer::sum);
        assertThat(count).as("rows of %s never go below zero", values).isNotNegative();
      }
      net.values().removeIf(count -> count == 0);
      assertThat(net).isEqualTo(batchJoin(type, tables.get(0), tables.get(1)));
      assertThat(operator.unmatchedRetractions()).isZero();
    }
  }

  private static Map<List<Object>, Integer> batchJoin(JoinType type, List<List<Object>> lefts,
      List<List<Object>> rights) {
    Map<List<Object>, Integer> result = new HashMap<>();
    boolean[] rightMatched = new boolean[rights.size()];
    for (List<Object> l : lefts) {
      boolean matched = false;
      for (int i = 0; i < rights.size(); i++) {
        List<Object> r = rights.get(i);
        if (l.get(0) != null && l.get(0).equals(r.get(0))) {
          matched = true;
          rightMatched[i] = true;
          result.merge(row(l.get(0), l.get(1), r.get(0), r.get(1)), 1, Integer::sum);
        }
      }
      if (!matched && (type == JoinType.LEFT || type == JoinType.FULL)) {
        result.merge(row(l.get(0), l.get(1), null, null), 1, Integer::sum);
      }
    }
    for (int i = 0; i < rights.size(); i++) {
      if (!rightMatched[i] && (type == JoinType.RIGHT || type == JoinType.FULL)) {
        result.merge(row(null, null, rights.get(i).get(0), rights.get(i).get(1)), 1, Integer::sum);
      }
    }
    return result;
  }
}
