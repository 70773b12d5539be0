package io.tributary.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.connector.Source;
import io.tributary.engine.testing.AllocatorTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class SourceReaderTest extends AllocatorTest {
  private final Schema schema = RecordBatch.schemaWithTimestamp(List.of(
      Field.nullable("id", new ArrowType.Int(64, true)),
      Field.nullable("ts", new ArrowType.Timestamp(TimeUnit.NANOSECOND, null))));

  private Source emitting(Object[]... rows) {
    return output -> {
      try (BatchBuilder builder = new BatchBuilder(schema, allocator)) {
        for (Object[] row : rows) {
          builder.addRow(-1L, row);
        }
        output.emit(builder.build());
      }
      return Source.PollResult.FINISHED;
    };
  }

  @Test
  void theEventTimeColumnBecomesTheTimestamp() {
    List<Long> times = new ArrayList<>();
    try (SourceReader reader = new SourceReader(
        emitting(new Object[] {1L, 500L}, new Object[] {2L, 700L}), Optional.of(1), "events", schema)) {
      reader.poll(batch -> {
        try (batch) {
          for (int i = 0; i < batch.rowCount(); i++) {
            times.add(batch.timestamps().get(i));
          }
        }
      });
    }
    assertThat(times).containsExactly(500L, 700L);
  }

  @Test
  void aNullEventTimeIsAnError() {
    try (SourceReader reader = new SourceReader(
        emitting(new Object[] {1L, null}), Optional.of(1), "events", schema)) {
      assertThatThrownBy(() -> reader.poll(RecordBatch::close))
          .hasMessage("row 0 of a batch from table events has a NULL event time in column 'ts'");
    }
  }

  @Test
  void theEventTimeColumnMustBeATimestamp() {
    assertThatThrownBy(() -> new SourceReader(emitting(), Optional.of(0), "events", schema))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be a TIMESTAMP column");
  }
}
