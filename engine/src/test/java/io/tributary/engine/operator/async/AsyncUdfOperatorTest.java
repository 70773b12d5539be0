package io.tributary.engine.operator.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.checkpoint.LocalCheckpointStore;
import io.tributary.engine.operator.Watermark;
import io.tributary.engine.testing.AllocatorTest;
import io.tributary.engine.testing.OperatorTestDriver;
import io.tributary.engine.time.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The async UDF operator with calls the test answers by hand and a clock it moves: no thread and
 * no sleep decides an outcome.
 */
class AsyncUdfOperatorTest extends AllocatorTest {
  private static final Schema INPUT = RecordBatch.schemaWithTimestamp(
      List.of(new Field("x", FieldType.nullable(new ArrowType.Int(64, true)), null)));
  private static final Schema OUTPUT = RecordBatch.schemaWithTimestamp(List.of(
      new Field("x", FieldType.nullable(new ArrowType.Int(64, true)), null),
      new Field("y", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null)));

  @TempDir
  Path directory;

  private final ManualClock clock = new ManualClock(0);
  /** Every call the operator made, in order; the test completes them. */
  private final List<CompletableFuture<Object>> calls = new ArrayList<>();
  /** What the operator saw in flight each time it had to wait. */
  private final List<Integer> waitsWithInFlight = new ArrayList<>();
  /** While waiting, the remote side answers its oldest outstanding call with this (or nothing if null). */
  private Double answerWhileWaiting = null;

  private OperatorTestDriver driver(boolean ordered, int maxInFlight) {
    CompletionWait wait = (pending, nanos) -> {
      waitsWithInFlight.add(pending.size());
      if (answerWhileWaiting != null) {
        calls.stream().filter(call -> !call.isDone()).findFirst().orElseThrow().complete(answerWhileWaiting);
      } else {
        clock.advanceNanos(nanos);
      }
    };
    AsyncUdfOperator operator = new AsyncUdfOperator("lookup", arguments -> {
      CompletableFuture<Object> call = new CompletableFuture<>();
      calls.add(call);
      return call;
    }, List.of(0), new AsyncOptions(ordered, maxInFlight, Duration.ofSeconds(1)), wait);
    return OperatorTestDriver.builder(allocator, INPUT).clock(clock).operator("async_1", operator, OUTPUT).build();
  }

  private RecordBatch rows(long... xs) {
    try (BatchBuilder builder = new BatchBuilder(INPUT, allocator)) {
      for (long x : xs) {
        builder.addRow(x * 1_000, x);
      }
      return builder.build();
    }
  }

  @Test
  void orderedResultsLeaveInInputOrder() {
    try (OperatorTestDriver driver = driver(true, 10)) {
      driver.process(rows(1, 2, 3));
      calls.get(2).complete(3.5);
      calls.get(1).complete(2.5);
      driver.tick();
      assertThat(driver.outputRows()).isEmpty();

      calls.get(0).complete(1.5);
      driver.tick();

      assertThat(driver.outputRows()).containsExactly(List.of(1L, 1.5), List.of(2L, 2.5), List.of(3L, 3.5));
      assertThat(driver.outputTimestamps()).containsExactly(1_000L, 2_000L, 3_000L);
    }
  }

  @Test
  void unorderedResultsLeaveAsTheyCompleteButNeverAcrossAWatermark() {
    try (OperatorTestDriver driver = driver(false, 10)) {
      driver.process(rows(1, 2));
      driver.watermark(Watermark.eventTime(2_500));
      driver.process(rows(3));
      calls.get(2).complete(3.5);
      calls.get(1).complete(2.5);
      driver.tick();
      assertThat(driver.outputRows()).as("row 3 waits behind the watermark").containsExactly(List.of(2L, 2.5));
      assertThat(driver.outputWatermarks()).isEmpty();

      calls.get(0).complete(1.5);
      driver.tick();

      assertThat(driver.outputs()).hasSize(4);
      assertThat(driver.outputRows()).containsExactly(List.of(2L, 2.5), List.of(1L, 1.5), List.of(3L, 3.5));
      assertThat(driver.outputs().get(2)).isEqualTo(new OperatorTestDriver.Output.Mark(Watermark.eventTime(2_500)));
    }
  }

  @Test
  void aWatermarkWaitsForEveryEarlierRow() {
    try (OperatorTestDriver driver = driver(true, 10)) {
      driver.process(rows(1));
      driver.watermark(Watermark.eventTime(5_000));
      assertThat(driver.outputWatermarks()).isEmpty();

      calls.getFirst().complete(null);
      driver.tick();

      assertThat(driver.outputs()).hasSize(2);
      assertThat(driver.outputRows()).containsExactly(java.util.Arrays.asList(1L, null));
      assertThat(driver.outputWatermarks()).containsExactly(Watermark.eventTime(5_000));
    }
  }

  @Test
  void noMoreThanMaxInFlightCallsAreOutstanding() {
    answerWhileWaiting = 9.0;
    try (OperatorTestDriver driver = driver(true, 2)) {
      driver.process(rows(1, 2, 3, 4));

      // Rows 3 and 4 each found both slots taken and waited for an answer first.
      assertThat(waitsWithInFlight).containsExactly(2, 2);
      assertThat(calls).hasSize(4);
      assertThat(calls.stream().filter(call -> !call.isDone())).hasSize(2);
      assertThat(driver.outputRows()).containsExactly(List.of(1L, 9.0), List.of(2L, 9.0));
    }
  }

  @Test
  void aCallPastItsTimeoutFailsTheTaskNamingTheUdfAndTheRow() {
    try (OperatorTestDriver driver = driver(true, 10)) {
      driver.process(rows(7));
      clock.advanceMillis(999);
      driver.tick();
      clock.advanceMillis(1);

      assertThatThrownBy(driver::tick)
          .hasRootCauseInstanceOf(AsyncUdfException.class)
          .rootCause().hasMessageContaining("'lookup'").hasMessageContaining("1000 ms").hasMessageContaining("[7]");
    }
  }

  @Test
  void aFailedCallFailsTheTaskWithItsCause() {
    try (OperatorTestDriver driver = driver(true, 10)) {
      driver.process(rows(7));
      calls.getFirst().completeExceptionally(new IllegalStateException("service down"));

      assertThatThrownBy(driver::tick)
          .hasRootCauseMessage("service down")
          .satisfies(e -> assertThat(e).hasStackTraceContaining("async UDF 'lookup' failed for the row [7]"));
    }
  }

  @Test
  void aCheckpointBarrierDrainsEveryCallFirst() {
    answerWhileWaiting = 4.0;
    try (OperatorTestDriver driver = driver(true, 10)) {
      driver.process(rows(1, 2));
      driver.watermark(Watermark.eventTime(2_500));

      driver.snapshot(new LocalCheckpointStore(directory), 1);

      assertThat(calls).allMatch(CompletableFuture::isDone);
      assertThat(driver.outputRows()).containsExactly(List.of(1L, 4.0), List.of(2L, 4.0));
      assertThat(driver.outputWatermarks()).containsExactly(Watermark.eventTime(2_500));
    }
  }

  @Test
  void theEndOfInputWaitsForEveryCall() {
    answerWhileWaiting = 1.0;
    try (OperatorTestDriver driver = driver(false, 10)) {
      driver.process(rows(1, 2, 3));
      driver.finish();

      assertThat(driver.outputRows()).hasSize(3);
    }
  }
}
