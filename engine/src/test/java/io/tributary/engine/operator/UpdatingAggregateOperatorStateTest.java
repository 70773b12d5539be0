package io.tributary.engine.operator;

import static io.tributary.engine.operator.RescaleHarness.mark;
import static io.tributary.engine.operator.RescaleHarness.rows;
import static io.tributary.engine.operator.UpdatingAggregateOperatorTest.AVG_D;
import static io.tributary.engine.operator.UpdatingAggregateOperatorTest.COUNT_STAR;
import static io.tributary.engine.operator.UpdatingAggregateOperatorTest.MAX_V;
import static io.tributary.engine.operator.UpdatingAggregateOperatorTest.MIN_V;
import static io.tributary.engine.operator.UpdatingAggregateOperatorTest.SUM_V;
import static io.tributary.engine.operator.UpdatingAggregateOperatorTest.UPDATING;
import static io.tributary.engine.operator.UpdatingAggregateOperatorTest.agg;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.engine.checkpoint.LocalCheckpointStore;
import io.tributary.engine.testing.AllocatorTest;
import io.tributary.engine.testing.OperatorTestDriver;
import io.tributary.proto.program.AggregateCall;
import io.tributary.proto.program.TypeKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An updating aggregate restored from a checkpoint, at the same or another parallelism,
 * continues its changelog exactly: accumulators (retractable, DISTINCT included), the rows last
 * emitted, and the TTL's times all survive.
 */
class UpdatingAggregateOperatorStateTest extends AllocatorTest {
  private static final long S = 1_000_000_000L;
  private static final long S_MICROS = 1_000_000L;
  private static final List<AggregateCall> CALLS = List.of(COUNT_STAR, SUM_V, MIN_V, MAX_V, AVG_D,
      agg("COUNT", TypeKind.INT64, true, 1), agg("SUM", TypeKind.FLOAT64, false, 2));

  @TempDir
  Path directory;

  private RescaleHarness harness() {
    io.tributary.proto.program.UpdatingAggregateOperator spec = io.tributary.proto.program.UpdatingAggregateOperator
        .newBuilder().addKeyFields(0).addAllAggregates(CALLS).setTtlMicros(15 * S_MICROS).build();
    return new RescaleHarness(allocator, new LocalCheckpointStore(directory), (subtask, parallelism) ->
        OperatorTestDriver.builder(allocator, UPDATING).subtask(subtask, parallelism)
            .operator("updating_1", new UpdatingAggregateOperator(spec),
                UpdatingAggregateOperatorTest.output(true, CALLS)));
  }

  /**
   * Additions of keys k0..k11 and retractions of rows added earlier (the history the changes
   * refer to), at times in [from, to) seconds.
   */
  private static RescaleHarness.Step changes(Random random, List<List<Object>> added, int rows, long from, long to) {
    List<List<Object>> values = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      List<Object> row;
      if (!added.isEmpty() && random.nextInt(4) == 0) {
        row = new ArrayList<>(added.remove(random.nextInt(added.size())));
        row.set(3, true);
      } else {
        Long v = random.nextInt(10) == 0 ? null : (long) random.nextInt(100);
        row = Arrays.asList("k" + random.nextInt(12), v, v == null ? null : v / 2.0, false);
        added.add(row);
      }
      values.add(row);
      times.add(from * S + (long) (random.nextDouble() * (to - from) * S));
    }
    return rows(UPDATING, new int[] {0}, values, times);
  }

  private static List<List<RescaleHarness.Step>> phases(long seed) {
    Random random = new Random(seed);
    List<List<Object>> added = new ArrayList<>();
    List<RescaleHarness.Step> before = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      before.add(changes(random, added, 40, i * 3, i * 3 + 5));
    }
    before.add(mark(10 * S));
    List<RescaleHarness.Step> after = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      after.add(changes(random, added, 40, 15 + i * 3, 20 + i * 3));
    }
    // Keys untouched for more than 15 s are forgotten.
    after.add(mark(40 * S));
    after.add(changes(random, added, 40, 40, 45));
    return List.of(before, after);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({"1, 1", "2, 1", "1, 2", "3, 2"})
  void changelogContinues(int before, int after) {
    RescaleHarness harness = harness();
    var straight = phases(11);
    var expected = harness.straight(straight.get(0), straight.get(1));
    var rescaled = phases(11);
    assertThat(harness.rescaled(rescaled.get(0), before, rescaled.get(1), after)).isEqualTo(expected);
  }
}
