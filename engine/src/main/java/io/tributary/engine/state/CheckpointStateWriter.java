package io.tributary.engine.state;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.batch.ArrowIpc;
import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.checkpoint.CheckpointPaths;
import io.tributary.engine.checkpoint.CheckpointStore;
import io.tributary.proto.checkpoint.OperatorCheckpoint;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes one operator's state tables of one subtask into a checkpoint, as Arrow IPC files at
 * {@link CheckpointPaths#table}, and tells what it wrote ({@link #checkpoint()}).
 */
public final class CheckpointStateWriter implements StateWriter {
  /** Global tables: (key, value) rows. */
  static final Schema GLOBAL = RecordBatch.schemaWithTimestamp(List.of(
      Field.notNullable("key", ArrowType.Utf8.INSTANCE), Field.nullable("value", ArrowType.Binary.INSTANCE)));

  private final CheckpointStore store;
  private final String jobId;
  private final long epoch;
  private final String operatorId;
  private final int subtaskIndex;
  private final BufferAllocator allocator;
  private final OperatorCheckpoint.Builder checkpoint;
  private final Set<String> tables = new HashSet<>();

  public CheckpointStateWriter(CheckpointStore store, String jobId, long epoch, String operatorId, int subtaskIndex,
      BufferAllocator allocator) {
    this.store = requireNonNull(store, "store is null");
    this.jobId = requireNonNull(jobId, "jobId is null");
    this.epoch = epoch;
    this.operatorId = requireNonNull(operatorId, "operatorId is null");
    this.subtaskIndex = subtaskIndex;
    this.allocator = requireNonNull(allocator, "allocator is null");
    this.checkpoint = OperatorCheckpoint.newBuilder().setOperatorId(operatorId);
  }

  @Override
  public void writeGlobal(String table, Map<String, byte[]> entries) {
    try (BatchBuilder rows = new BatchBuilder(GLOBAL, allocator)) {
      entries.forEach((key, value) -> rows.addRow(0, key, value));
      try (RecordBatch batch = rows.build()) {
        write(table, batch);
      }
    }
  }

  @Override
  public void writeKeyed(String table, RecordBatch rows) {
    if (!rows.schema().getFields().getFirst().getName().equals(KeyedTable.KEY_HASH)) {
      throw new IllegalArgumentException(
          "keyed state table " + table + " of operator " + operatorId + " does not start with "
              + KeyedTable.KEY_HASH + ": " + rows.schema());
    }
    write(table, rows);
  }

  /** Marks that the operator holds data to commit once the checkpoint is complete. */
  public void hasCommitData() {
    checkpoint.setHasCommitData(true);
  }

  private void write(String table, RecordBatch batch) {
    if (!tables.add(table)) {
      throw new IllegalStateException("operator " + operatorId + " wrote state table " + table + " twice");
    }
    String path = CheckpointPaths.table(jobId, epoch, operatorId, subtaskIndex, table);
    byte[] bytes = ArrowIpc.serialize(batch);
    store.write(path, bytes);
    checkpoint.addFiles(path).setBytes(checkpoint.getBytes() + bytes.length);
  }

  public OperatorCheckpoint checkpoint() {
    return checkpoint.build();
  }
}
