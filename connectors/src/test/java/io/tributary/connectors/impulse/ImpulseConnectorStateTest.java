package io.tributary.connectors.impulse;

import static io.tributary.connectors.format.JsonWriterTestSchemas.impulseSchema;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connectors.SourceRescaling;
import io.tributary.engine.checkpoint.LocalCheckpointStore;
import io.tributary.engine.testing.AllocatorTest;
import io.tributary.engine.time.ManualClock;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An impulse source restored at another parallelism emits exactly the counters not emitted yet. */
class ImpulseConnectorStateTest extends AllocatorTest {
  private final ManualClock clock = new ManualClock(1_000_000_000_000L);
  @TempDir
  Path directory;

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({"2, 3", "3, 1", "1, 2", "2, 2"})
  void everyCounterOnce(int before, int after) {
    SourceRescaling source = new SourceRescaling(new ImpulseConnector(), impulseSchema(),
        Map.of("message_count", "2500"), allocator, clock);
    Map<List<Object>, Long> expected = source.straight(before);
    Map<List<Object>, Long> actual = source.rescaled(new LocalCheckpointStore(directory), before, 1, after);
    // The subtask_index column names the emitting subtask, which changes with the parallelism.
    assertThat(actual.keySet()).extracting(row -> row.getFirst())
        .containsExactlyInAnyOrderElementsOf(expected.keySet().stream().map(List::getFirst).toList());
    assertThat(actual.values()).containsOnly(1L);
    assertThat(actual).hasSize(2500 * before);
  }
}
