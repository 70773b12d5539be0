package io.tributary.engine.state;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.batch.VectorValues;
import io.tributary.engine.checkpoint.CheckpointPaths;
import io.tributary.engine.checkpoint.CheckpointStore;
import io.tributary.engine.runtime.KeyHasher;
import io.tributary.proto.checkpoint.CheckpointMetadata;
import io.tributary.proto.checkpoint.OperatorCheckpoint;
import io.tributary.proto.checkpoint.StateFile;
import io.tributary.proto.checkpoint.SubtaskCheckpoint;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarBinaryVector;

/**
 * Reads one operator's state for one new subtask from a complete checkpoint: every old
 * subtask's tables of the operator (found by operator id, so a restart may re-chain nodes),
 * keyed rows filtered to the hashes this subtask owns at its parallelism. A keyed table's
 * state is a chain (a full file, then deltas); its rows are those the files add, less the rows
 * the deltas' delete files name, so the reader first gathers the deletes of the rows it owns
 * and then streams the files in order, one record batch at a time.
 */
public final class CheckpointStateReader implements StateReader {
  private final CheckpointStore store;
  private final String operatorId;
  private final int subtaskIndex;
  private final int parallelism;
  private final BufferAllocator allocator;
  /** Old subtask index to its tables' chains. */
  private final SortedMap<Integer, Map<String, List<StateFile>>> tables = new TreeMap<>();

  public CheckpointStateReader(CheckpointStore store, CheckpointMetadata metadata, String operatorId,
      int subtaskIndex, int parallelism, BufferAllocator allocator) {
    this.store = requireNonNull(store, "store is null");
    this.operatorId = requireNonNull(operatorId, "operatorId is null");
    this.allocator = requireNonNull(allocator, "allocator is null");
    if (parallelism <= 0 || subtaskIndex < 0 || subtaskIndex >= parallelism) {
      throw new IllegalArgumentException("subtask " + subtaskIndex + " of parallelism " + parallelism + " is impossible");
    }
    this.subtaskIndex = subtaskIndex;
    this.parallelism = parallelism;
    for (SubtaskCheckpoint subtask : metadata.getSubtasksList()) {
      for (OperatorCheckpoint operator : subtask.getOperatorsList()) {
        if (operator.getOperatorId().equals(operatorId)) {
          Map<String, List<StateFile>> chains = tables.computeIfAbsent(subtask.getSubtaskIndex(), i -> new HashMap<>());
          if (operator.getTablesCount() > 0) {
            operator.getTablesList().forEach(table -> chains.put(table.getName(), table.getChainList()));
          } else {
            // Written before chains existed: every file is a whole table.
            operator.getFilesList().forEach(path ->
                chains.put(CheckpointPaths.tableName(path), List.of(StateFile.newBuilder().setPath(path).build())));
          }
        }
      }
    }
  }

  @Override
  public int subtaskIndex() {
    return subtaskIndex;
  }

  @Override
  public int parallelism() {
    return parallelism;
  }

  @Override
  public SortedMap<Integer, Map<String, byte[]>> global(String table) {
    SortedMap<Integer, Map<String, byte[]>> entries = new TreeMap<>();
    tables.forEach((oldSubtask, chains) -> {
      for (StateFile file : chains.getOrDefault(table, List.of())) {
        Map<String, byte[]> values = entries.computeIfAbsent(oldSubtask, i -> new LinkedHashMap<>());
        read(file.getPath(), batch -> {
          VarBinaryVector column = (VarBinaryVector) batch.column(1);
          for (int row = 0; row < batch.rowCount(); row++) {
            values.put((String) VectorValues.get(batch.column(0), row), column.isNull(row) ? new byte[0] : column.get(row));
          }
        });
      }
    });
    return entries;
  }

  @Override
  public void readKeyed(String table, Consumer<RecordBatch> rows) {
    for (Map<String, List<StateFile>> chains : tables.values()) {
      List<StateFile> chain = chains.getOrDefault(table, List.of());
      RowCounts deleted = new RowCounts(0);
      // The key hashes that have deletes (row hash 0): only their rows need hashing.
      RowCounts deletedKeys = new RowCounts(0);
      for (StateFile file : chain) {
        if (!file.getDeletesPath().isEmpty()) {
          read(file.getDeletesPath(), batch -> {
            BigIntVector keyHashes = (BigIntVector) batch.column(0);
            BigIntVector rowHashes = (BigIntVector) batch.column(1);
            for (int row = 0; row < batch.rowCount(); row++) {
              if (owns(keyHashes.get(row))) {
                deleted.increment(keyHashes.get(row), rowHashes.get(row));
                deletedKeys.increment(keyHashes.get(row), 0);
              }
            }
          });
        }
      }
      for (StateFile file : chain) {
        read(file.getPath(), batch -> {
          BigIntVector hashes = (BigIntVector) batch.column(0);
          int[] mine = new int[batch.rowCount()];
          int count = 0;
          for (int row = 0; row < batch.rowCount(); row++) {
            long keyHash = hashes.get(row);
            // Copies of a row are alike, so which of them a delete removes does not matter.
            if (owns(keyHash) && (deletedKeys.count(keyHash, 0) == 0 || !deleted.take(keyHash, RowHasher.hash(batch, row)))) {
              mine[count++] = row;
            }
          }
          if (count == batch.rowCount()) {
            rows.accept(batch);
          } else if (count > 0) {
            try (RecordBatch owned = batch.take(mine, count, allocator)) {
              rows.accept(owned);
            }
          }
        });
      }
    }
  }

  private boolean owns(long keyHash) {
    return KeyHasher.partition(keyHash, parallelism) == subtaskIndex;
  }

  private void read(String path, Consumer<RecordBatch> batches) {
    StateFileReader.read(store, path, allocator, "operator " + operatorId, batches);
  }
}
