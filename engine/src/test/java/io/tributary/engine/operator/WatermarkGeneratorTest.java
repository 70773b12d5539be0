package io.tributary.engine.operator;

import static io.tributary.engine.operator.FilterProjectOperatorTest.call;
import static io.tributary.engine.operator.FilterProjectOperatorTest.ref;
import static io.tributary.engine.operator.FilterProjectOperatorTest.schema;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.expr.ExpressionCompiler;
import io.tributary.engine.testing.AllocatorTest;
import io.tributary.engine.testing.OperatorTestDriver;
import io.tributary.engine.time.ManualClock;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Expr;
import io.tributary.proto.program.IntervalValue;
import io.tributary.proto.program.Literal;
import io.tributary.proto.program.TypeKind;
import io.tributary.proto.program.WatermarkOperator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class WatermarkGeneratorTest extends AllocatorTest {
  private final ManualClock clock = new ManualClock(0);
  private final Schema schema = schema("id", TypeKind.INT64, "ts", TypeKind.TIMESTAMP);

  private OperatorTestDriver driver(WatermarkOperator spec) {
    return OperatorTestDriver.builder(allocator, schema)
        .clock(clock)
        .operator("watermark", new WatermarkGenerator(spec, ExpressionCompiler.shared()), schema)
        .build();
  }

  private void feed(OperatorTestDriver driver, long... timestamps) {
    try (BatchBuilder builder = new BatchBuilder(schema, allocator)) {
      for (long ts : timestamps) {
        builder.addRow(ts, 1L, ts);
      }
      driver.process(builder.build());
    }
  }

  @Test
  void emitsTheMaximumEventTimeAtMostOncePerPeriod() {
    try (OperatorTestDriver driver = driver(WatermarkOperator.newBuilder().setPeriodMicros(1_000).build())) {
      feed(driver, 10, 30, 20);
      assertThat(driver.outputWatermarks()).containsExactly(Watermark.eventTime(30));
      feed(driver, 50);
      assertThat(driver.outputWatermarks()).as("within the period").containsExactly(Watermark.eventTime(30));
      clock.advanceNanos(1_000_000);
      driver.tick();
      assertThat(driver.outputWatermarks()).containsExactly(Watermark.eventTime(30), Watermark.eventTime(50));
      clock.advanceNanos(1_000_000);
      feed(driver, 40);
      driver.tick();
      assertThat(driver.outputWatermarks()).as("never backwards, never repeated").hasSize(2);
      assertThat(driver.outputRows()).hasSize(5);
    }
  }

  @Test
  void rowsPrecedeTheirWatermark() {
    try (OperatorTestDriver driver = driver(WatermarkOperator.newBuilder().setPeriodMicros(1).build())) {
      feed(driver, 10);
      assertThat(driver.outputs()).hasSize(2);
      assertThat(driver.outputs().get(0)).isInstanceOf(OperatorTestDriver.Output.Batch.class);
      assertThat(driver.outputs().get(1)).isEqualTo(new OperatorTestDriver.Output.Mark(Watermark.eventTime(10)));
    }
  }

  @Test
  void usesTheWatermarkExpression() {
    Expr interval = Expr.newBuilder().setType(DataType.newBuilder().setKind(TypeKind.INTERVAL))
        .setLiteral(Literal.newBuilder().setIntervalValue(IntervalValue.newBuilder().setNanos(5))).build();
    Expr expression = call("MINUS", TypeKind.TIMESTAMP, ref(1, TypeKind.TIMESTAMP), interval);
    WatermarkOperator spec = WatermarkOperator.newBuilder().setExpression(expression).setPeriodMicros(1).build();
    try (OperatorTestDriver driver = driver(spec)) {
      feed(driver, 100, 120);
      assertThat(driver.outputWatermarks()).containsExactly(Watermark.eventTime(115));
    }
  }

  @Test
  void marksIdleAfterTheIdleTimeWithoutRows() {
    WatermarkOperator spec = WatermarkOperator.newBuilder().setPeriodMicros(1).setIdleTimeMicros(5_000).build();
    try (OperatorTestDriver driver = driver(spec)) {
      feed(driver, 10);
      clock.advanceMillis(4);
      driver.tick();
      assertThat(driver.outputWatermarks()).containsExactly(Watermark.eventTime(10));
      clock.advanceMillis(1);
      driver.tick();
      driver.tick();
      assertThat(driver.outputWatermarks()).containsExactly(Watermark.eventTime(10), Watermark.IDLE);
      feed(driver, 20);
      assertThat(driver.outputWatermarks()).last().isEqualTo(Watermark.eventTime(20));
    }
  }

  @Test
  void finishEmitsThePendingWatermark() {
    try (OperatorTestDriver driver = driver(WatermarkOperator.newBuilder().setPeriodMicros(1_000_000).build())) {
      feed(driver, 10);
      feed(driver, 20);
      driver.finish();
      assertThat(driver.outputWatermarks()).containsExactly(Watermark.eventTime(10), Watermark.eventTime(20));
    }
  }

  @Test
  void upstreamWatermarksAreReplaced() {
    try (OperatorTestDriver driver = driver(WatermarkOperator.newBuilder().setPeriodMicros(1).build())) {
      driver.watermark(Watermark.eventTime(99));
      assertThat(driver.outputWatermarks()).isEmpty();
    }
  }
}
