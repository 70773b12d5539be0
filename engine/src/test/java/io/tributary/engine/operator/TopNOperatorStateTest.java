package io.tributary.engine.operator;

import static io.tributary.engine.operator.RescaleHarness.mark;
import static io.tributary.engine.operator.RescaleHarness.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.engine.checkpoint.LocalCheckpointStore;
import io.tributary.engine.testing.AllocatorTest;
import io.tributary.engine.testing.OperatorTestDriver;
import io.tributary.proto.program.RankFunction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A top-N restored from a checkpoint, at the same or another parallelism, emits what a straight run does. */
class TopNOperatorStateTest extends AllocatorTest {
  private static final long S = 1_000_000_000L;

  @TempDir
  Path directory;

  private RescaleHarness harness(io.tributary.proto.program.TopNOperator spec) {
    return new RescaleHarness(allocator, new LocalCheckpointStore(directory), (subtask, parallelism) ->
        OperatorTestDriver.builder(allocator, TopNOperatorTest.INPUT).subtask(subtask, parallelism)
            .operator("top_n_1", new TopNOperator(spec), TopNOperatorTest.schema(spec.getRowNumber())));
  }

  /** Rows of channels c0..c3, auctions and bid counts (some NULL, many ties) in 5 s windows ending in [from, to). */
  private static RescaleHarness.Step batch(Random random, int rows, int from, int to, int[] keyFields) {
    List<List<Object>> values = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      Long bids = random.nextInt(10) == 0 ? null : (long) random.nextInt(20);
      values.add(Arrays.asList("c" + random.nextInt(4), (long) random.nextInt(50), bids));
      times.add((from + random.nextInt(to - from)) * 5 * S - 1);
    }
    return rows(TopNOperatorTest.INPUT, keyFields, values, times);
  }

  private static List<RescaleHarness.Step> before(Random random, int[] keys) {
    return List.of(batch(random, 200, 1, 5, keys), mark(10 * S), batch(random, 200, 2, 6, keys), mark(15 * S));
  }

  private static List<RescaleHarness.Step> after(Random random, int[] keys) {
    // Some rows are late (windows ending by 15 s); the watermarks complete windows kept at the checkpoint.
    return List.of(batch(random, 200, 3, 8, keys), mark(25 * S), batch(random, 100, 5, 10, keys));
  }

  @ParameterizedTest(name = "{3}, per channel {0}: {1} → {2}")
  @CsvSource({"false, 1, 1, ROW_NUMBER", "false, 2, 1, ROW_NUMBER", "true, 1, 2, ROW_NUMBER", "true, 2, 3, ROW_NUMBER",
      "false, 2, 1, RANK", "true, 1, 2, RANK", "false, 1, 2, DENSE_RANK", "true, 2, 3, DENSE_RANK"})
  void continuesExactly(boolean perChannel, int before, int after, RankFunction function) {
    io.tributary.proto.program.TopNOperator spec =
        TopNOperatorTest.spec(3, perChannel, true).toBuilder().setFunction(function).build();
    int[] keys = spec.getKeyFieldsList().stream().mapToInt(Integer::intValue).toArray();
    RescaleHarness harness = harness(spec);
    var expected = harness.straight(before(new Random(3), keys), after(new Random(4), keys));
    var actual = harness.rescaled(before(new Random(3), keys), before, after(new Random(4), keys), after);
    assertThat(actual).isEqualTo(expected);
    assertThat(expected).isNotEmpty();
  }
}
