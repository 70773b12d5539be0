package io.tributary.engine.operator;

import static io.tributary.engine.operator.FilterProjectOperatorTest.schema;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.checkpoint.CheckpointStore;
import io.tributary.engine.checkpoint.LocalCheckpointStore;
import io.tributary.engine.expr.ExpressionCompiler;
import io.tributary.engine.testing.AllocatorTest;
import io.tributary.engine.testing.OperatorTestDriver;
import io.tributary.engine.time.ManualClock;
import io.tributary.proto.checkpoint.CheckpointMetadata;
import io.tributary.proto.program.TypeKind;
import io.tributary.proto.program.WatermarkOperator;
import java.nio.file.Path;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatermarkGeneratorStateTest extends AllocatorTest {
  private final ManualClock clock = new ManualClock(0);
  private final Schema schema = schema("id", TypeKind.INT64, "ts", TypeKind.TIMESTAMP);
  @TempDir
  Path directory;

  private OperatorTestDriver.Builder builder(int subtask, int parallelism) {
    return OperatorTestDriver.builder(allocator, schema).clock(clock).subtask(subtask, parallelism)
        .operator("watermark", new WatermarkGenerator(WatermarkOperator.newBuilder().setPeriodMicros(0).build(),
            ExpressionCompiler.shared()), schema);
  }

  private void feed(OperatorTestDriver driver, long timestamp) {
    try (BatchBuilder builder = new BatchBuilder(schema, allocator)) {
      driver.process(builder.addRow(timestamp, 1L, timestamp).build());
    }
  }

  @Test
  void restoresTheLeastWatermarkOfTheOldSubtasksAndEmitsOnlyLaterOnes() {
    CheckpointStore store = new LocalCheckpointStore(directory);
    CheckpointMetadata.Builder metadata = CheckpointMetadata.newBuilder().setJobId("test-job").setEpoch(1);
    try (OperatorTestDriver first = builder(0, 2).build(); OperatorTestDriver second = builder(1, 2).build()) {
      feed(first, 500);
      feed(second, 300);
      metadata.addSubtasks(first.snapshot(store, 1)).addSubtasks(second.snapshot(store, 1));
    }
    try (OperatorTestDriver restored = builder(0, 1).restoreFrom(store, metadata.build()).build()) {
      feed(restored, 200);
      assertThat(restored.outputWatermarks()).isEmpty();
      feed(restored, 400);
      assertThat(restored.outputWatermarks()).containsExactly(Watermark.eventTime(400));
    }
  }

  @Test
  void restoresNothingWhenAnOldSubtaskNeverEmitted() {
    CheckpointStore store = new LocalCheckpointStore(directory);
    CheckpointMetadata.Builder metadata = CheckpointMetadata.newBuilder().setJobId("test-job").setEpoch(1);
    try (OperatorTestDriver first = builder(0, 2).build(); OperatorTestDriver idle = builder(1, 2).build()) {
      feed(first, 500);
      metadata.addSubtasks(first.snapshot(store, 1)).addSubtasks(idle.snapshot(store, 1));
    }
    try (OperatorTestDriver restored = builder(0, 1).restoreFrom(store, metadata.build()).build()) {
      feed(restored, 100);
      assertThat(restored.outputWatermarks()).containsExactly(Watermark.eventTime(100));
    }
  }
}
