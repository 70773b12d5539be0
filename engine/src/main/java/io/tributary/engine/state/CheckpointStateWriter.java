package io.tributary.engine.state;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.checkpoint.CheckpointPaths;
import io.tributary.engine.checkpoint.CheckpointStore;
import io.tributary.proto.checkpoint.OperatorCheckpoint;
import io.tributary.proto.checkpoint.StateFile;
import io.tributary.proto.checkpoint.StateTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes one operator's state tables of one subtask into a checkpoint, as Arrow IPC streams at
 * {@link CheckpointPaths#table}, and tells what it wrote ({@link #checkpoint()}).
 *
 * <p>Global tables (source positions, watermarks, commit data: a few entries) are written
 * whole. Keyed tables (windows, join buffers, aggregates: the bulk of the state) are written
 * incrementally when the operator's {@link StateHistory} allows: a delta file of the rows that
 * are new since the last snapshot, and a file of the rows that are gone, named by
 * ({@code _key_hash}, {@link RowHasher row hash}). The chain of files the table's state is made of
 * goes into the checkpoint's metadata; the {@link ChainPolicy} bounds it.
 */
public final class CheckpointStateWriter implements StateWriter {
  /** Global tables: (key, value) rows. */
  static final Schema GLOBAL = RecordBatch.schemaWithTimestamp(List.of(
      Field.notNullable("key", ArrowType.Utf8.INSTANCE), Field.nullable("value", ArrowType.Binary.INSTANCE)));
  /** A delta's deleted rows: one row per deleted copy. */
  static final Schema DELETES = RecordBatch.schemaWithTimestamp(List.of(
      Field.notNullable(KeyedTable.KEY_HASH, new ArrowType.Int(64, true)),
      Field.notNullable("_row_hash", new ArrowType.Int(64, true))));
  private static final String DELETES_SUFFIX = ".deletes";

  private final CheckpointStore store;
  private final String jobId;
  private final long epoch;
  private final String operatorId;
  private final int subtaskIndex;
  private final BufferAllocator allocator;
  private final StateHistory history;
  private final OperatorCheckpoint.Builder checkpoint;
  private final Set<String> tables = new HashSet<>();

  /** A writer whose keyed tables are all written whole. */
  public CheckpointStateWriter(CheckpointStore store, String jobId, long epoch, String operatorId, int subtaskIndex,
      BufferAllocator allocator) {
    this(store, jobId, epoch, operatorId, subtaskIndex, allocator, new StateHistory(ChainPolicy.FULL_ONLY));
  }

  /** @param history what the operator's earlier snapshots wrote; this one adds to it */
  public CheckpointStateWriter(CheckpointStore store, String jobId, long epoch, String operatorId, int subtaskIndex,
      BufferAllocator allocator, StateHistory history) {
    this.store = requireNonNull(store, "store is null");
    this.jobId = requireNonNull(jobId, "jobId is null");
    this.epoch = epoch;
    this.operatorId = requireNonNull(operatorId, "operatorId is null");
    this.subtaskIndex = subtaskIndex;
    this.allocator = requireNonNull(allocator, "allocator is null");
    this.history = requireNonNull(history, "history is null");
    this.checkpoint = OperatorCheckpoint.newBuilder().setOperatorId(operatorId);
  }

  @Override
  public void writeGlobal(String table, Map<String, byte[]> entries) {
    try (BatchBuilder rows = new BatchBuilder(GLOBAL, allocator)) {
      entries.forEach((key, value) -> rows.addRow(0, key, value));
      try (RecordBatch batch = rows.build()) {
        String path = path(table);
        long bytes;
        try (StateFileWriter file = new StateFileWriter(store, path, GLOBAL, allocator)) {
          file.addAll(batch);
          bytes = file.publish();
        }
        StateFile written = StateFile.newBuilder().setPath(path).setEpoch(epoch).setBytes(bytes).build();
        record(table, List.of(written), Optional.of(written));
      }
    }
  }

  @Override
  public void writeKeyed(String table, RecordBatch rows) {
    try (KeyedWrite write = new KeyedWrite(table, rows.schema())) {
      write.accept(rows);
      write.finish();
    }
  }

  /** Rows go to the file in batches of {@link StateFileWriter#CHUNK_ROWS} as the operator adds them. */
  @Override
  public void writeKeyed(String table, KeyedTable layout, Consumer<KeyedTable.Builder> rows) {
    try (KeyedWrite write = new KeyedWrite(table, layout.schema());
        KeyedTable.Builder builder = layout.builder(allocator, StateFileWriter.CHUNK_ROWS, write)) {
      rows.accept(builder);
      builder.flush();
      write.finish();
    }
  }

  /**
   * One keyed table being written, batch by batch: every row counts into the table's current
   * multiset, and goes to the file when it is not in the base (all rows, for a full file);
   * {@link #finish} then writes the deletes and records the chain.
   */
  private final class KeyedWrite implements Consumer<RecordBatch>, AutoCloseable {
    private final String table;
    private final String path;
    private final boolean tracked = history.policy().maxDeltas() > 0;
    private final Optional<StateHistory.Table> base;
    private final RowCounts current;
    private final StateFileWriter file;

    KeyedWrite(String table, Schema schema) {
      if (!schema.getFields().getFirst().getName().equals(KeyedTable.KEY_HASH)) {
        throw new IllegalArgumentException("keyed state table " + table + " of operator " + operatorId
            + " does not start with " + KeyedTable.KEY_HASH + ": " + schema);
      }
      this.table = table;
      this.path = path(table);
      this.base = history.base(table);
      this.current = new RowCounts(tracked ? base.map(last -> last.rows().size()).orElse(0) : 0);
      this.file = new StateFileWriter(store, path, schema, allocator);
    }

    @Override
    public void accept(RecordBatch rows) {
      BigIntVector keyHashes = (BigIntVector) rows.column(0);
      for (int row = 0; row < rows.rowCount(); row++) {
        if (!tracked) {
          file.add(rows, row);
          continue;
        }
        long keyHash = keyHashes.get(row);
        long rowHash = RowHasher.hash(rows, row);
        int copies = current.increment(keyHash, rowHash);
        if (base.isEmpty() || copies > base.get().rows().count(keyHash, rowHash)) {
          file.add(rows, row);
        }
      }
      // The batch may be closed once this returns.
      file.flush();
    }

    void finish() {
      StateFile.Builder written = StateFile.newBuilder().setPath(path).setEpoch(epoch);
      long deleteBytes = 0;
      if (base.isPresent()) {
        String deletesPath = path(table + DELETES_SUFFIX);
        deleteBytes = writeDeletes(deletesPath, base.get().rows(), current);
        if (deleteBytes > 0) {
          written.setDeletesPath(deletesPath);
        }
        if (deleteBytes == 0 && file.rows() == 0) {
          // Nothing changed: the chain stays as it is, and the unpublished file is discarded.
          record(table, base.get().chain(), Optional.empty());
          history.record(table, new StateHistory.Table(base.get().chain(), current));
          return;
        }
      }
      StateFile done = written.setBytes(file.publish() + deleteBytes).build();
      List<StateFile> chain = new ArrayList<>(base.map(StateHistory.Table::chain).orElse(List.of()));
      chain.add(done);
      record(table, chain, Optional.of(done));
      if (tracked) {
        history.record(table, new StateHistory.Table(chain, current));
      }
    }

    /** Discards the file unless {@link #finish} published it. */
    @Override
    public void close() {
      file.close();
    }
  }

  /** Writes the rows {@code before} has more copies of than {@code now}; 0 bytes (and no file) when there are none. */
  private long writeDeletes(String path, RowCounts before, RowCounts now) {
    try (StateFileWriter file = new StateFileWriter(store, path, DELETES, allocator);
        BatchBuilder deletes = new BatchBuilder(DELETES, allocator)) {
      before.forEach((keyHash, rowHash, count) -> {
        for (int gone = count - now.count(keyHash, rowHash); gone > 0; gone--) {
          deletes.set(0, keyHash);
          deletes.set(1, rowHash);
          deletes.endRow(0);
          if (deletes.rowCount() == StateFileWriter.CHUNK_ROWS) {
            writeBatch(file, deletes);
          }
        }
      });
      writeBatch(file, deletes);
      return file.rows() == 0 ? 0 : file.publish();
    }
  }

  private static void writeBatch(StateFileWriter file, BatchBuilder rows) {
    try (RecordBatch batch = rows.build()) {
      file.addAll(batch);
      file.flush();
    }
  }

  private String path(String table) {
    if (!tables.add(table)) {
      throw new IllegalStateException("operator " + operatorId + " wrote state table " + table + " twice");
    }
    return CheckpointPaths.table(jobId, epoch, operatorId, subtaskIndex, table);
  }

  /** Adds the table's chain to the checkpoint, and the file written now (if any) to its files and bytes. */
  private void record(String table, List<StateFile> chain, Optional<StateFile> written) {
    checkpoint.addTables(StateTable.newBuilder().setName(table).addAllChain(chain));
    written.ifPresent(file -> {
      checkpoint.addFiles(file.getPath()).setBytes(checkpoint.getBytes() + file.getBytes());
      if (!file.getDeletesPath().isEmpty()) {
        checkpoint.addFiles(file.getDeletesPath());
      }
    });
  }

  /** Marks that the operator holds data to commit once the checkpoint is complete. */
  public void hasCommitData() {
    checkpoint.setHasCommitData(true);
  }

  public OperatorCheckpoint checkpoint() {
    return checkpoint.build();
  }
}
