package io.tributary.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connectors.Contexts;
import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.connector.SinkContext;
import io.tributary.engine.connector.TransactionalSink;
import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.testing.AllocatorTest;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Field;
import io.tributary.proto.program.Schema;
import io.tributary.proto.program.TypeKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExactlyOnceFileSinkTest extends AllocatorTest {
  private static final org.apache.arrow.vector.types.pojo.Schema ROWS = ArrowTypes.toArrow(Schema.newBuilder()
      .addFields(Field.newBuilder().setName("id").setNullable(true).setType(DataType.newBuilder().setKind(TypeKind.INT64)))
      .addFields(Field.newBuilder().setName("_timestamp").setType(DataType.newBuilder().setKind(TypeKind.TIMESTAMP)))
      .build());

  @TempDir
  Path directory;

  private TransactionalSink sink(Path target) {
    SinkContext plain = Contexts.sink(ROWS, Map.of("path", target.toString()), 1, allocator,
        new Contexts.RecordingPreview());
    SinkContext checkpointed = new SinkContext(plain.jobId(), plain.operatorId(), plain.tableName(), plain.options(),
        plain.inputSchema(), 0, 1, allocator, plain.clock(), plain.preview(), true);
    return (TransactionalSink) new SingleFileConnector().createSink(checkpointed);
  }

  private void write(TransactionalSink sink, long... ids) {
    try (BatchBuilder builder = new BatchBuilder(ROWS, allocator)) {
      for (long id : ids) {
        builder.addRow(0, id);
      }
      try (RecordBatch batch = builder.build()) {
        sink.write(batch);
      }
    }
  }

  private static List<String> lines(Path path) throws Exception {
    return Files.readAllLines(path);
  }

  @Test
  void rowsBecomeVisibleOnlyWhenTheirCheckpointCommits() throws Exception {
    Path target = directory.resolve("out/rows.json");
    try (TransactionalSink sink = sink(target)) {
      sink.recover(List.of());
      write(sink, 1, 2);
      sink.preCommit(1);
      write(sink, 3);
      assertThat(lines(target)).isEmpty();
      sink.commit(1);
      assertThat(lines(target)).containsExactly("{\"id\":1}", "{\"id\":2}");
      sink.preCommit(2);
      write(sink, 4);
      sink.finish();
      assertThat(lines(target)).containsExactly("{\"id\":1}", "{\"id\":2}", "{\"id\":3}", "{\"id\":4}");
    }
  }

  @Test
  void recoveryCommitsTheRestoredCheckpointOnceAndDropsWhatCameAfter() throws Exception {
    Path target = directory.resolve("rows.json");
    byte[] restored;
    try (TransactionalSink sink = sink(target)) {
      sink.recover(List.of());
      write(sink, 1);
      sink.preCommit(1);
      sink.commit(1);
      write(sink, 2);
      restored = sink.preCommit(2);
      // The job dies before checkpoint 2's commit; rows after it were staged only.
      write(sink, 3);
    }
    for (int attempt = 0; attempt < 2; attempt++) {
      try (TransactionalSink sink = sink(target)) {
        sink.recover(List.of(restored));
        assertThat(lines(target)).containsExactly("{\"id\":1}", "{\"id\":2}");
      }
    }
    try (TransactionalSink sink = sink(target)) {
      sink.recover(List.of(restored));
      write(sink, 3);
      sink.finish();
    }
    assertThat(lines(target)).containsExactly("{\"id\":1}", "{\"id\":2}", "{\"id\":3}");
    assertThat(directory.resolve(".rows.json.staging")).doesNotExist();
  }

  @Test
  void aFreshStartReplacesTheFile() throws Exception {
    Path target = directory.resolve("rows.json");
    Files.writeString(target, "old\n");
    try (TransactionalSink sink = sink(target)) {
      sink.recover(List.of());
      write(sink, 7);
      sink.finish();
    }
    assertThat(lines(target)).containsExactly("{\"id\":7}");
  }
}
