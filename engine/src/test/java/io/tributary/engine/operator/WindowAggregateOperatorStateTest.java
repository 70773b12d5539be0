package io.tributary.engine.operator;

import static io.tributary.engine.operator.RescaleHarness.mark;
import static io.tributary.engine.operator.RescaleHarness.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.engine.checkpoint.LocalCheckpointStore;
import io.tributary.engine.testing.AllocatorTest;
import io.tributary.engine.testing.OperatorTestDriver;
import io.tributary.proto.program.AggregateCall;
import io.tributary.proto.program.CumulatingWindow;
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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A window aggregate restored from a checkpoint, at the same or another parallelism, continues exactly. */
class WindowAggregateOperatorStateTest extends AllocatorTest {
  private static final long S = 1_000_000_000L;
  private static final long S_MICROS = 1_000_000L;
  private static final List<AggregateCall> CALLS = List.of(
      UpdatingAggregateOperatorTest.COUNT_STAR,
      UpdatingAggregateOperatorTest.SUM_V,
      UpdatingAggregateOperatorTest.AVG_D,
      UpdatingAggregateOperatorTest.agg("MAX", TypeKind.UTF8, false, 0),
      UpdatingAggregateOperatorTest.agg("MIN", TypeKind.INT64, false, 1),
      UpdatingAggregateOperatorTest.agg("COUNT", TypeKind.INT64, true, 1),
      UpdatingAggregateOperatorTest.agg("SUM", TypeKind.FLOAT64, true, 2));

  @TempDir
  Path directory;

  private RescaleHarness harness(Window window) {
    io.tributary.proto.program.WindowAggregateOperator spec = io.tributary.proto.program.WindowAggregateOperator
        .newBuilder().setWindow(window).addKeyFields(0).addAllAggregates(CALLS).build();
    return new RescaleHarness(allocator, new LocalCheckpointStore(directory), (subtask, parallelism) ->
        OperatorTestDriver.builder(allocator, UpdatingAggregateOperatorTest.APPEND).subtask(subtask, parallelism)
            .operator("window_1", new WindowAggregateOperator(spec), WindowAggregateOperatorTest.outputSchema(true, CALLS)));
  }

  /** Rows of keys k0..k9 (and NULL), v with NULLs, d = v / 2, at random times in [from, to) seconds. */
  static RescaleHarness.Step batch(Random random, int rows, long from, long to) {
    List<List<Object>> values = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      String key = random.nextInt(20) == 0 ? null : "k" + random.nextInt(10);
      Long v = random.nextInt(10) == 0 ? null : (long) random.nextInt(100);
      values.add(Arrays.asList(key, v, v == null ? null : v / 2.0));
      times.add(from * S + (long) (random.nextDouble() * (to - from) * S));
    }
    return rows(UpdatingAggregateOperatorTest.APPEND, new int[] {0}, values, times);
  }

  static List<RescaleHarness.Step> before(Random random) {
    return List.of(batch(random, 200, 0, 20), mark(8 * S), batch(random, 200, 5, 25), mark(12 * S));
  }

  static List<RescaleHarness.Step> after(Random random) {
    // Some rows are late (before 12 s); the watermarks close windows left open at the checkpoint.
    return List.of(batch(random, 200, 10, 30), mark(20 * S), batch(random, 200, 18, 40), mark(33 * S),
        batch(random, 100, 30, 45));
  }

  private void restoresExactly(Window window, int before, int after) {
    RescaleHarness harness = harness(window);
    var expected = harness.straight(before(new Random(7)), after(new Random(8)));
    var actual = harness.rescaled(before(new Random(7)), before, after(new Random(8)), after);
    assertThat(actual).isEqualTo(expected);
    assertThat(harness.lastRestoredFrom().getSubtasksList())
        .flatMap(subtask -> subtask.getOperatorsList())
        .flatMap(operator -> operator.getTablesList())
        .filteredOn(table -> table.getName().equals("windows"))
        .as("the restored state was a base and deltas")
        .anySatisfy(table -> assertThat(table.getChainCount()).isGreaterThan(1));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({"1, 1", "2, 1", "1, 2", "2, 3"})
  void tumblingWindowsContinue(int before, int after) {
    restoresExactly(Window.newBuilder().setTumbling(TumblingWindow.newBuilder().setWidthMicros(5 * S_MICROS)).build(),
        before, after);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({"2, 1", "1, 2"})
  void slidingWindowsContinue(int before, int after) {
    restoresExactly(Window.newBuilder().setSliding(SlidingWindow.newBuilder()
        .setWidthMicros(6 * S_MICROS).setSlideMicros(2 * S_MICROS)).build(), before, after);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({"2, 1", "1, 2"})
  void sessionWindowsContinue(int before, int after) {
    restoresExactly(Window.newBuilder().setSession(SessionWindow.newBuilder().setGapMicros(S_MICROS / 2)).build(),
        before, after);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({"1, 1", "2, 1", "1, 2", "2, 3"})
  void cumulatingWindowsContinue(int before, int after) {
    restoresExactly(Window.newBuilder().setCumulating(CumulatingWindow.newBuilder()
        .setStepMicros(2 * S_MICROS).setSizeMicros(10 * S_MICROS)).build(), before, after);
  }
}
