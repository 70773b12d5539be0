package io.tributary.engine.state;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.batch.ArrowIpc;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.batch.VectorValues;
import io.tributary.engine.checkpoint.CheckpointPaths;
import io.tributary.engine.checkpoint.CheckpointStore;
import io.tributary.engine.checkpoint.CheckpointStoreException;
import io.tributary.engine.runtime.KeyHasher;
import io.tributary.proto.checkpoint.CheckpointMetadata;
import io.tributary.proto.checkpoint.OperatorCheckpoint;
import io.tributary.proto.checkpoint.SubtaskCheckpoint;
import java.util.ArrayList;
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
 * subtask's files of the operator (found by operator id, so a restart may re-chain nodes),
 * keyed rows filtered to the hashes this subtask owns at its parallelism.
 */
public final class CheckpointStateReader implements StateReader {
  private final CheckpointStore store;
  private final String operatorId;
  private final int subtaskIndex;
  private final int parallelism;
  private final BufferAllocator allocator;
  /** Old subtask index to the files it wrote for the operator. */
  private final SortedMap<Integer, List<String>> files = new TreeMap<>();

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
          files.computeIfAbsent(subtask.getSubtaskIndex(), i -> new ArrayList<>()).addAll(operator.getFilesList());
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
    files.forEach((oldSubtask, paths) -> {
      for (String path : paths) {
        if (CheckpointPaths.tableName(path).equals(table)) {
          try (RecordBatch batch = load(path)) {
            Map<String, byte[]> values = new LinkedHashMap<>();
            VarBinaryVector column = (VarBinaryVector) batch.column(1);
            for (int row = 0; row < batch.rowCount(); row++) {
              values.put((String) VectorValues.get(batch.column(0), row), column.isNull(row) ? new byte[0] : column.get(row));
            }
            entries.put(oldSubtask, values);
          }
        }
      }
    });
    return entries;
  }

  @Override
  public void readKeyed(String table, Consumer<RecordBatch> rows) {
    for (List<String> paths : files.values()) {
      for (String path : paths) {
        if (!CheckpointPaths.tableName(path).equals(table)) {
          continue;
        }
        try (RecordBatch batch = load(path)) {
          BigIntVector hashes = (BigIntVector) batch.column(0);
          int[] mine = new int[batch.rowCount()];
          int count = 0;
          for (int row = 0; row < batch.rowCount(); row++) {
            if (KeyHasher.partition(hashes.get(row), parallelism) == subtaskIndex) {
              mine[count++] = row;
            }
          }
          if (count > 0) {
            try (RecordBatch owned = batch.take(mine, count, allocator)) {
              rows.accept(owned);
            }
          }
        }
      }
    }
  }

  private RecordBatch load(String path) {
    byte[] bytes = store.read(path).orElseThrow(() -> new CheckpointStoreException(
        "state file '" + path + "' of operator " + operatorId + " is missing from checkpoint store "
            + store.location()));
    return ArrowIpc.deserialize(bytes, allocator);
  }
}
