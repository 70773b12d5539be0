package io.tributary.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.operator.Watermark;
import io.tributary.engine.testing.AllocatorTest;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;

class InputQueueTest extends AllocatorTest {

  private RecordBatch batch(int rows) {
    var schema = RecordBatch.schemaWithTimestamp(List.of(Field.nullable("n", new ArrowType.Int(64, true))));
    try (BatchBuilder builder = new BatchBuilder(schema, allocator)) {
      for (int i = 0; i < rows; i++) {
        builder.addRow(i, (long) i);
      }
      return builder.build();
    }
  }

  @Test
  void capacityCountsBatchesAndRows() throws InterruptedException {
    InputQueue queue = new InputQueue(2, 10);
    assertThat(queue.hasRoomFor(50)).as("an empty queue takes any batch").isTrue();
    assertThat(queue.put(new InputMessage.Data(0, batch(6)))).isTrue();
    assertThat(queue.hasRoomFor(5)).as("rows").isFalse();
    assertThat(queue.hasRoomFor(4)).isTrue();
    assertThat(queue.put(new InputMessage.Data(0, batch(4)))).isTrue();
    assertThat(queue.hasRoomFor(0)).as("batches").isFalse();
    assertThat(queue.put(new InputMessage.WatermarkMessage(1, Watermark.eventTime(3))))
        .as("watermarks are never held back").isTrue();
    try (RecordBatch first = ((InputMessage.Data) queue.poll(0)).batch()) {
      assertThat(first.rowCount()).isEqualTo(6);
    }
    assertThat(queue.hasRoomFor(6)).isTrue();
    try (RecordBatch second = ((InputMessage.Data) queue.poll(0)).batch()) {
      assertThat(second.rowCount()).isEqualTo(4);
    }
    assertThat(queue.poll(0)).isEqualTo(new InputMessage.WatermarkMessage(1, Watermark.eventTime(3)));
    assertThat(queue.poll(0)).isNull();
  }

  @Test
  void closingReleasesQueuedBatchesAndRefusesNewOnes() throws InterruptedException {
    InputQueue queue = new InputQueue(4, 100);
    queue.put(new InputMessage.Data(0, batch(3)));
    queue.close();
    RecordBatch late = batch(2);
    assertThat(queue.put(new InputMessage.Data(0, late))).isFalse();
    assertThat(late.isClosed()).isTrue();
    assertThat(queue.poll(0)).isNull();
  }

  @Test
  void wakeUpEndsAWaitingPoll() throws InterruptedException {
    InputQueue queue = new InputQueue(4, 100);
    queue.wakeUp();
    assertThat(queue.poll(Long.MAX_VALUE)).isNull();
  }
}
