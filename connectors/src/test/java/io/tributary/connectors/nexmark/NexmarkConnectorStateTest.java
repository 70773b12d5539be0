package io.tributary.connectors.nexmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connectors.SourceRescaling;
import io.tributary.engine.checkpoint.LocalCheckpointStore;
import io.tributary.engine.testing.AllocatorTest;
import io.tributary.engine.time.ManualClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A nexmark source restored at another parallelism generates exactly the events not generated yet. */
class NexmarkConnectorStateTest extends AllocatorTest {
  private final ManualClock clock = new ManualClock(1_000_000_000_000L);
  @TempDir
  Path directory;

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({"2, 3", "3, 1", "1, 2"})
  void everyEventOnce(int before, int after) {
    SourceRescaling source = new SourceRescaling(new NexmarkConnector(clock::advanceNanos), NexmarkSchemas.schema(),
        Map.of("event_rate", "1000000000", "runtime", "0.000005"), allocator, clock);
    var expected = withoutTimes(source.straight(before));
    assertThat(expected.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(5000);
    assertThat(withoutTimes(source.rescaled(new LocalCheckpointStore(directory), before, 3, after))).isEqualTo(expected);
  }

  /**
   * The events without their times, which count from when each subtask started (a restored
   * subtask continues from the earliest old start).
   */
  private static Map<List<Object>, Long> withoutTimes(Map<List<Object>, Long> rows) {
    Map<List<Object>, Long> events = new HashMap<>();
    rows.forEach((row, count) -> {
      List<Object> event = new ArrayList<>();
      for (Object column : row.subList(0, row.size() - 1)) {
        if (column instanceof Map<?, ?> struct) {
          Map<Object, Object> timeless = new HashMap<>(struct);
          timeless.remove("datetime");
          timeless.remove("expires");
          event.add(timeless);
        } else {
          event.add(column);
        }
      }
      events.merge(event, count, Long::sum);
    });
    return events;
  }
}
