package io.tributary.connectors.impulse;

import static io.tributary.connectors.format.JsonWriterTestSchemas.impulseSchema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connectors.Contexts;
import io.tributary.connectors.rate.Sleeper;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.connector.ConnectorException;
import io.tributary.engine.connector.Source;
import io.tributary.engine.testing.AllocatorTest;
import io.tributary.engine.testing.OperatorTestDriver;
import io.tributary.engine.time.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImpulseConnectorTest extends AllocatorTest {
  private final ManualClock clock = new ManualClock(1_000_000_000_000L);

  /** Rows (user columns) and event times read until the source finishes or maxPolls. */
  private record Read(List<List<Object>> rows, List<Long> timestamps, int polls, boolean finished) {}

  private Read readAll(Source source, int maxPolls) {
    List<List<Object>> rows = new ArrayList<>();
    List<Long> timestamps = new ArrayList<>();
    int polls = 0;
    boolean finished = false;
    try (source) {
      while (polls < maxPolls && !finished) {
        polls++;
        finished = source.poll(batch -> {
          try (RecordBatch b = batch) {
            rows.addAll(OperatorTestDriver.rowsOf(b));
            for (int i = 0; i < b.rowCount(); i++) {
              timestamps.add(b.timestamps().get(i));
            }
          }
        }) == Source.PollResult.FINISHED;
      }
    }
    return new Read(rows, timestamps, polls, finished);
  }

  @Test
  void subtasksSplitTheCounters() {
    ImpulseConnector impulse = new ImpulseConnector();
    Read first = readAll(impulse.createSource(
        Contexts.source(impulseSchema(), Map.of("message_count", "3"), 0, 2, allocator, clock)), 10);
    Read second = readAll(impulse.createSource(
        Contexts.source(impulseSchema(), Map.of("message_count", "3"), 1, 2, allocator, clock)), 10);
    assertThat(first.finished()).isTrue();
    assertThat(first.rows()).containsExactly(
        List.of(0L, 0L, clock.nowNanos()), List.of(2L, 0L, clock.nowNanos()), List.of(4L, 0L, clock.nowNanos()));
    assertThat(second.rows()).extracting(r -> r.get(0)).containsExactly(1L, 3L, 5L);
    assertThat(second.rows()).extracting(r -> r.get(1)).containsOnly(1L);
    assertThat(first.timestamps()).containsOnly(clock.nowNanos());
  }

  @Test
  void unboundedWithoutMessageCount() {
    Read read = readAll(new ImpulseConnector().createSource(
        Contexts.source(impulseSchema(), Map.of(), 0, 1, allocator, clock)), 3);
    assertThat(read.finished()).isFalse();
    assertThat(read.rows()).hasSize(3 * ImpulseConnector.MAX_BATCH_ROWS);
  }

  @Test
  void eventRateSpacesRowsInProcessingTime() {
    List<Long> sleeps = new ArrayList<>();
    ImpulseConnector impulse = new ImpulseConnector(nanos -> {
      sleeps.add(nanos);
      clock.advanceNanos(nanos);
    });
    long start = clock.nowNanos();
    Read read = readAll(impulse.createSource(
        Contexts.source(impulseSchema(), Map.of("event_rate", "4", "message_count", "3"), 0, 1, allocator, clock)), 20);
    assertThat(read.finished()).isTrue();
    assertThat(read.timestamps()).containsExactly(start, start + 100_000_000L * 2 + 50_000_000L, start + 500_000_000L);
    assertThat(sleeps).allSatisfy(s -> assertThat(s).isLessThanOrEqualTo(100_000_000L));
  }

  @Test
  void rejectsNegativeOptions() {
    assertThatThrownBy(() -> new ImpulseConnector().createSource(
        Contexts.source(impulseSchema(), Map.of("event_rate", "-1"), 0, 1, allocator, clock)))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("event_rate");
    assertThatThrownBy(() -> new ImpulseConnector().createSource(
        Contexts.source(impulseSchema(), Map.of("message_count", "many"), 0, 1, allocator, clock)))
        .hasMessage("option 'message_count' of table t must be an integer, not 'many'");
  }
}
