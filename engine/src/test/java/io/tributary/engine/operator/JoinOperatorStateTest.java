package io.tributary.engine.operator;

import static io.tributary.engine.operator.RescaleHarness.mark;
import static io.tributary.engine.operator.RescaleHarness.side;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.checkpoint.LocalCheckpointStore;
import io.tributary.engine.expr.ExpressionCompiler;
import io.tributary.engine.testing.AllocatorTest;
import io.tributary.engine.testing.OperatorTestDriver;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Field;
import io.tributary.proto.program.JoinType;
import io.tributary.proto.program.SessionWindow;
import io.tributary.proto.program.SlidingWindow;
import io.tributary.proto.program.TumblingWindow;
import io.tributary.proto.program.TypeKind;
import io.tributary.proto.program.Window;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A join restored from a checkpoint, at the same or another parallelism, joins exactly what it would have. */
class JoinOperatorStateTest extends AllocatorTest {
  private static final long S = 1_000_000_000L;
  private static final long S_MICROS = 1_000_000L;

  @TempDir
  Path directory;

  private static Field field(String name, TypeKind kind) {
    return Field.newBuilder().setName(name).setNullable(true).setType(DataType.newBuilder().setKind(kind)).build();
  }

  private static Schema schema(Field... fields) {
    return ArrowTypes.toArrow(io.tributary.proto.program.Schema.newBuilder().addAllFields(List.of(fields))
        .addFields(Field.newBuilder().setName("_timestamp").setType(DataType.newBuilder().setKind(TypeKind.TIMESTAMP)))
        .build());
  }

  /** Left: k UTF8, a INT64. Right: k UTF8, window_start INT64 (a name the state's columns also use). */
  private static final Schema LEFT = schema(field("k", TypeKind.UTF8), field("a", TypeKind.INT64));
  private static final Schema RIGHT = schema(field("k", TypeKind.UTF8), field("window_start", TypeKind.INT64));
  private static final Schema OUTPUT = schema(field("k", TypeKind.UTF8), field("a", TypeKind.INT64),
      field("k0", TypeKind.UTF8), field("window_start", TypeKind.INT64));

  /** The output of an unbounded outer join: a changelog. */
  private static final Schema CHANGES = schema(field("k", TypeKind.UTF8), field("a", TypeKind.INT64),
      field("k0", TypeKind.UTF8), field("window_start", TypeKind.INT64),
      Field.newBuilder().setName("_is_retract").setType(DataType.newBuilder().setKind(TypeKind.BOOLEAN)).build());

  private RescaleHarness harness(io.tributary.proto.program.JoinOperator spec) {
    boolean changelog = !spec.hasWindow() && spec.getJoinType() != JoinType.INNER;
    return new RescaleHarness(allocator, new LocalCheckpointStore(directory), (subtask, parallelism) ->
        OperatorTestDriver.builder(allocator, LEFT).subtask(subtask, parallelism)
            .operator("join_1", new JoinOperator(spec, LEFT, RIGHT, ExpressionCompiler.shared()),
                changelog ? CHANGES : OUTPUT));
  }

  private static RescaleHarness.Step rows(Random random, int side, int rows, long from, long to) {
    List<List<Object>> values = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      String key = random.nextInt(15) == 0 ? null : "k" + random.nextInt(6);
      values.add(Arrays.asList(key, (long) random.nextInt(1000)));
      times.add(from * S + (long) (random.nextDouble() * (to - from) * S));
    }
    return side(side, side == 0 ? LEFT : RIGHT, new int[] {0}, values, times);
  }

  private static List<List<RescaleHarness.Step>> phases(long seed) {
    Random random = new Random(seed);
    List<RescaleHarness.Step> before = List.of(rows(random, 0, 60, 0, 20), rows(random, 1, 40, 0, 20),
        mark(7 * S), rows(random, 0, 40, 7, 25), rows(random, 1, 40, 7, 25), mark(12 * S));
    List<RescaleHarness.Step> after = List.of(rows(random, 1, 40, 12, 30), rows(random, 0, 40, 12, 30),
        mark(22 * S), rows(random, 0, 40, 22, 40), rows(random, 1, 40, 22, 40), mark(31 * S));
    return List.of(before, after);
  }

  private void restoresExactly(io.tributary.proto.program.JoinOperator spec, int before, int after) {
    RescaleHarness harness = harness(spec);
    var straight = phases(5);
    var expected = harness.straight(straight.get(0), straight.get(1));
    var rescaled = phases(5);
    assertThat(harness.rescaled(rescaled.get(0), before, rescaled.get(1), after)).isEqualTo(expected);
  }

  private static io.tributary.proto.program.JoinOperator.Builder join(JoinType type) {
    return io.tributary.proto.program.JoinOperator.newBuilder().setJoinType(type).addLeftKeyFields(0).addRightKeyFields(0);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({"1, 1", "2, 1", "1, 2"})
  void tumblingFullJoinContinues(int before, int after) {
    restoresExactly(join(JoinType.FULL).setWindow(Window.newBuilder()
        .setTumbling(TumblingWindow.newBuilder().setWidthMicros(5 * S_MICROS))).build(), before, after);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({"2, 1", "1, 2"})
  void slidingLeftJoinContinues(int before, int after) {
    restoresExactly(join(JoinType.LEFT).setWindow(Window.newBuilder().setSliding(SlidingWindow.newBuilder()
        .setWidthMicros(6 * S_MICROS).setSlideMicros(3 * S_MICROS))).build(), before, after);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({"2, 1", "1, 2"})
  void sessionRightJoinContinues(int before, int after) {
    restoresExactly(join(JoinType.RIGHT).setWindow(Window.newBuilder()
        .setSession(SessionWindow.newBuilder().setGapMicros(S_MICROS))).build(), before, after);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({"2, 1", "1, 2"})
  void unboundedInnerJoinWithTtlContinues(int before, int after) {
    restoresExactly(join(JoinType.INNER).setTtlMicros(10 * S_MICROS).build(), before, after);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({"1, 1", "2, 1", "1, 2"})
  void unboundedFullJoinChangelogContinues(int before, int after) {
    restoresExactly(join(JoinType.FULL).build(), before, after);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({"2, 1", "1, 2"})
  void unboundedLeftJoinChangelogWithTtlContinues(int before, int after) {
    restoresExactly(join(JoinType.LEFT).setTtlMicros(10 * S_MICROS).build(), before, after);
  }
}
