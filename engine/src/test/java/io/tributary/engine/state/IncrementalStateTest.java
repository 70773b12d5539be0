package io.tributary.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.checkpoint.CheckpointStore;
import io.tributary.engine.checkpoint.LocalCheckpointStore;
import io.tributary.engine.operator.window.GroupKey;
import io.tributary.engine.runtime.KeyHasher;
import io.tributary.engine.testing.AllocatorTest;
import io.tributary.proto.checkpoint.CheckpointMetadata;
import io.tributary.proto.checkpoint.OperatorCheckpoint;
import io.tributary.proto.checkpoint.StateFile;
import io.tributary.proto.checkpoint.StateTable;
import io.tributary.proto.checkpoint.SubtaskCheckpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keyed tables written as a base and deltas, and read back whole at any parallelism. */
class IncrementalStateTest extends AllocatorTest {
  private static final KeyedTable TABLE = new KeyedTable(
      List.of(Field.nullable("k", ArrowType.Utf8.INSTANCE)), List.of(KeyedTable.bigint("v")));
  /** Deltas however small the table: these tests decide themselves when a chain ends. */
  private static final ChainPolicy LONG_CHAINS = new ChainPolicy(100, Double.MAX_VALUE);

  /** A row of the table: key, value, event time. */
  private record Row(String key, Long value, long time) {}

  @TempDir
  Path directory;

  private CheckpointStore store() {
    return new LocalCheckpointStore(directory);
  }

  private static void add(KeyedTable.Builder builder, Row row) {
    builder.add(GroupKey.of(row.key()), Arrays.asList(row.value()), row.time());
  }

  private CheckpointMetadata snapshot(CheckpointStore store, StateHistory history, long epoch, List<Row> rows) {
    return snapshot(store, history, epoch, rows, false);
  }

  /**
   * Snapshots {@code rows} as table "t" (and a global table) of operator "op", subtask 0, at
   * {@code epoch}: streamed through the writer's builder, or built first into one batch.
   */
  private CheckpointMetadata snapshot(CheckpointStore store, StateHistory history, long epoch, List<Row> rows,
      boolean wholeBatch) {
    CheckpointStateWriter writer = new CheckpointStateWriter(store, "job", epoch, "op", 0, allocator, history);
    writer.writeGlobal("meta", Map.of("watermark", StateCodec.encode(epoch)));
    if (wholeBatch) {
      try (KeyedTable.Builder builder = TABLE.builder(allocator)) {
        rows.forEach(row -> add(builder, row));
        try (RecordBatch batch = builder.build()) {
          writer.writeKeyed("t", batch);
        }
      }
    } else {
      writer.writeKeyed("t", TABLE, builder -> rows.forEach(row -> add(builder, row)));
    }
    return CheckpointMetadata.newBuilder().setJobId("job").setEpoch(epoch).addSubtasks(SubtaskCheckpoint.newBuilder()
        .setJobId("job").setEpoch(epoch).setSubtaskIndex(0).setParallelism(1).addOperators(writer.checkpoint())).build();
  }

  private List<Row> restore(CheckpointStore store, CheckpointMetadata metadata, int subtask, int parallelism) {
    CheckpointStateReader reader = new CheckpointStateReader(store, metadata, "op", subtask, parallelism, allocator);
    List<Row> rows = new ArrayList<>();
    reader.readKeyed("t", batch -> {
      for (int row = 0; row < batch.rowCount(); row++) {
        assertThat(KeyHasher.partition(((org.apache.arrow.vector.BigIntVector) batch.column(0)).get(row), parallelism))
            .as("a subtask reads only the keys it owns").isEqualTo(subtask);
        rows.add(new Row((String) TABLE.key(batch, row).value(0), (Long) TABLE.value(batch, 0, row),
            batch.timestamps().get(row)));
      }
    });
    assertThat(reader.global("meta").get(0)).containsKey("watermark");
    return sorted(rows);
  }

  private static List<Row> sorted(List<Row> rows) {
    return rows.stream().sorted(Comparator.comparing(Row::toString)).toList();
  }

  private static StateTable table(CheckpointMetadata metadata, String name) {
    return metadata.getSubtasks(0).getOperators(0).getTablesList().stream()
        .filter(table -> table.getName().equals(name)).findFirst().orElseThrow();
  }

  private long rowsIn(CheckpointStore store, String path) {
    long[] rows = {0};
    StateFileReader.read(store, path, allocator, "test", batch -> rows[0] += batch.rowCount());
    return rows[0];
  }

  @Test
  void restoresTheTableAfterEveryDeltaAtAnyParallelism() {
    CheckpointStore store = store();
    StateHistory history = new StateHistory(LONG_CHAINS);
    Random random = new Random(11);
    List<Row> state = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      state.add(new Row(random.nextInt(30) == 0 ? null : "k" + random.nextInt(100), (long) random.nextInt(5), i));
    }
    for (long epoch = 1; epoch <= 6; epoch++) {
      // Updates, deletions, new keys and extra copies of existing rows.
      for (int change = 0; change < 40; change++) {
        int index = random.nextInt(state.size());
        switch (random.nextInt(4)) {
          case 0 -> state.set(index, new Row(state.get(index).key(), random.nextLong(), state.get(index).time()));
          case 1 -> state.remove(index);
          case 2 -> state.add(new Row("new" + random.nextInt(1000), null, epoch * 1000 + change));
          default -> state.add(state.get(index));
        }
      }
      CheckpointMetadata metadata = snapshot(store, history, epoch, state);

      assertThat(table(metadata, "t").getChainCount()).as("epoch %d", epoch).isEqualTo((int) epoch);
      assertThat(restore(store, metadata, 0, 1)).as("epoch %d at parallelism 1", epoch).isEqualTo(sorted(state));
      List<Row> union = new ArrayList<>();
      for (int subtask = 0; subtask < 3; subtask++) {
        union.addAll(restore(store, metadata, subtask, 3));
      }
      assertThat(sorted(union)).as("epoch %d at parallelism 3", epoch).isEqualTo(sorted(state));
      assertThat(table(metadata, "meta").getChainCount()).as("global tables stay whole").isEqualTo(1);
    }
  }

  @Test
  void aDeltaHoldsTheNewRowsAndTheDeletedCopies() {
    CheckpointStore store = store();
    StateHistory history = new StateHistory(LONG_CHAINS);
    Row a = new Row("a", 1L, 1);
    Row b = new Row("b", 2L, 2);
    Row c = new Row("c", 3L, 3);
    snapshot(store, history, 1, List.of(a, b, b, c));
    CheckpointMetadata second = snapshot(store, history, 2, List.of(a, b, new Row("c", 4L, 3), new Row("d", null, 4)));

    List<StateFile> chain = table(second, "t").getChainList();
    assertThat(chain).extracting(StateFile::getEpoch).containsExactly(1L, 2L);
    assertThat(rowsIn(store, chain.get(0).getPath())).isEqualTo(4);
    assertThat(rowsIn(store, chain.get(1).getPath())).as("c's new value and d").isEqualTo(2);
    assertThat(rowsIn(store, chain.get(1).getDeletesPath())).as("one copy of b, and c's old value").isEqualTo(2);
    OperatorCheckpoint operator = second.getSubtasks(0).getOperators(0);
    assertThat(operator.getFilesList()).as("only what this epoch wrote")
        .containsExactlyInAnyOrder(chain.get(1).getPath(), chain.get(1).getDeletesPath(),
            table(second, "meta").getChain(0).getPath());
    assertThat(restore(store, second, 0, 1)).isEqualTo(sorted(List.of(a, b, new Row("c", 4L, 3), new Row("d", null, 4))));
  }

  @Test
  void aDeltaOfOnlyNewRowsHasNoDeletesFile() {
    CheckpointStore store = store();
    StateHistory history = new StateHistory(LONG_CHAINS);
    Row a = new Row("a", 1L, 1);
    snapshot(store, history, 1, List.of(a));
    CheckpointMetadata second = snapshot(store, history, 2, List.of(a, new Row("b", 2L, 2)));

    StateFile delta = table(second, "t").getChain(1);
    assertThat(rowsIn(store, delta.getPath())).isEqualTo(1);
    assertThat(delta.getDeletesPath()).isEmpty();
    assertThat(restore(store, second, 0, 1)).isEqualTo(sorted(List.of(a, new Row("b", 2L, 2))));
  }

  @Test
  void anUnchangedTableWritesNoFileAndKeepsItsChain() {
    CheckpointStore store = store();
    StateHistory history = new StateHistory(LONG_CHAINS);
    List<Row> rows = List.of(new Row("a", 1L, 1), new Row("b", 2L, 2));
    CheckpointMetadata first = snapshot(store, history, 1, rows);
    CheckpointMetadata second = snapshot(store, history, 2, rows);

    assertThat(table(second, "t")).isEqualTo(table(first, "t"));
    assertThat(second.getSubtasks(0).getOperators(0).getFilesList()).containsExactly(table(second, "meta").getChain(0).getPath());
    assertThat(store.list("job/checkpoints/checkpoint-0000002/")).noneMatch(path -> path.endsWith("/t.arrow"));
    assertThat(restore(store, second, 0, 1)).isEqualTo(sorted(rows));
  }

  @Test
  void aChainEndsAfterTheMostDeltasAllowed() {
    CheckpointStore store = store();
    StateHistory history = new StateHistory(new ChainPolicy(2, Double.MAX_VALUE));
    List<Integer> lengths = new ArrayList<>();
    for (long epoch = 1; epoch <= 5; epoch++) {
      lengths.add(table(snapshot(store, history, epoch, List.of(new Row("k", epoch, 1))), "t").getChainCount());
    }
    assertThat(lengths).containsExactly(1, 2, 3, 1, 2);
  }

  @Test
  void aChainEndsWhenItsDeltasOutweighTheBase() {
    CheckpointStore store = store();
    StateHistory history = new StateHistory(new ChainPolicy(100, 0.5));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      rows.add(new Row("k" + i, (long) i, i));
    }
    assertThat(table(snapshot(store, history, 1, rows), "t").getChainCount()).isEqualTo(1);
    for (int i = 0; i < 80; i++) {
      rows.set(i, new Row("k" + i, -1L, i));
    }
    assertThat(table(snapshot(store, history, 2, rows), "t").getChainCount()).as("a delta after the base").isEqualTo(2);
    rows.set(99, new Row("k99", 0L, 99));
    CheckpointMetadata third = snapshot(store, history, 3, rows);
    assertThat(table(third, "t").getChainCount()).as("the delta weighed more than half the base").isEqualTo(1);
    assertThat(restore(store, third, 0, 1)).isEqualTo(sorted(rows));
  }

  @Test
  void largeTablesAreWrittenAndReadInBoundedBatchesWhetherStreamedOrWhole() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 2 * StateFileWriter.CHUNK_ROWS + 5; i++) {
      rows.add(new Row("k" + i, (long) i, i));
    }
    for (boolean wholeBatch : List.of(false, true)) {
      CheckpointStore store = new LocalCheckpointStore(directory.resolve(wholeBatch ? "whole" : "streamed"));
      StateHistory history = new StateHistory(LONG_CHAINS);
      CheckpointMetadata first = snapshot(store, history, 1, rows, wholeBatch);
      List<Integer> batches = new ArrayList<>();
      StateFileReader.read(store, table(first, "t").getChain(0).getPath(), allocator, "test",
          batch -> batches.add(batch.rowCount()));
      assertThat(batches).as("whole batch: %s", wholeBatch)
          .containsExactly(StateFileWriter.CHUNK_ROWS, StateFileWriter.CHUNK_ROWS, 5);

      List<Row> changed = new ArrayList<>(rows);
      changed.set(7, new Row("k7", -7L, 7));
      changed.set(StateFileWriter.CHUNK_ROWS + 7, new Row("new", null, 9));
      CheckpointMetadata second = snapshot(store, history, 2, changed, wholeBatch);
      StateFile delta = table(second, "t").getChain(1);
      assertThat(rowsIn(store, delta.getPath())).isEqualTo(2);
      assertThat(rowsIn(store, delta.getDeletesPath())).isEqualTo(2);
      assertThat(restore(store, second, 0, 1)).as("whole batch: %s", wholeBatch).isEqualTo(sorted(changed));
    }
  }

  @Test
  void readsCheckpointsThatListOnlyWholeFiles() {
    CheckpointStore store = store();
    List<Row> rows = List.of(new Row("a", 1L, 1), new Row("b", null, 2));
    CheckpointMetadata current = snapshot(store, new StateHistory(LONG_CHAINS), 1, rows);
    OperatorCheckpoint operator = current.getSubtasks(0).getOperators(0);
    CheckpointMetadata older = current.toBuilder().setSubtasks(0, current.getSubtasks(0).toBuilder()
        .setOperators(0, operator.toBuilder().clearTables())).build();

    assertThat(restore(store, older, 0, 1)).isEqualTo(sorted(rows));
  }
}
