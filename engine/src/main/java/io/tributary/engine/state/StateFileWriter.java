package io.tributary.engine.state;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.checkpoint.CheckpointStore;
import io.tributary.engine.checkpoint.CheckpointStoreException;
import io.tributary.engine.checkpoint.StoreOutput;
import java.io.IOException;
import java.nio.channels.Channels;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes one state file as an Arrow IPC stream of record batches of at most
 * {@link #CHUNK_ROWS} rows, straight into the store, so that neither the file nor a copy of
 * the whole table is ever held in memory. Nothing is visible until {@link #publish()}.
 */
final class StateFileWriter implements AutoCloseable {
  /** Rows per record batch: about 10 MB of typical keyed state, a bounded unit to write and read. */
  static final int CHUNK_ROWS = 32_768;

  private final String path;
  private final CheckpointStore store;
  private final StoreOutput output;
  private final VectorSchemaRoot root;
  private final ArrowStreamWriter writer;
  private final int[] pending = new int[CHUNK_ROWS];
  private final BufferAllocator allocator;
  private RecordBatch pendingFrom;
  private int pendingCount;
  private long rows;

  StateFileWriter(CheckpointStore store, String path, Schema schema, BufferAllocator allocator) {
    this.store = requireNonNull(store, "store is null");
    this.path = requireNonNull(path, "path is null");
    this.allocator = requireNonNull(allocator, "allocator is null");
    this.output = store.create(path);
    this.root = VectorSchemaRoot.create(schema, allocator);
    this.writer = new ArrowStreamWriter(root, null, Channels.newChannel(output));
    try {
      writer.start();
    } catch (IOException e) {
      close();
      throw failure(e);
    }
  }

  /** Queues row {@code row} of {@code batch}; the batch must stay open until the next other batch or {@link #publish}. */
  void add(RecordBatch batch, int row) {
    if (pendingFrom != batch) {
      flush();
      pendingFrom = batch;
    }
    pending[pendingCount++] = row;
    if (pendingCount == CHUNK_ROWS) {
      flush();
    }
  }

  /** Queues every row of {@code batch}. */
  void addAll(RecordBatch batch) {
    for (int row = 0; row < batch.rowCount(); row++) {
      add(batch, row);
    }
  }

  /** Rows added so far, written or still queued. */
  long rows() {
    return rows + pendingCount;
  }

  /** Ends the stream and makes the file visible; returns its bytes. */
  long publish() {
    flush();
    try {
      writer.end();
      output.flush();
    } catch (IOException e) {
      throw failure(e);
    }
    output.publish();
    return output.written();
  }

  /** Writes the queued rows as one record batch, so that their batch may be closed. */
  void flush() {
    if (pendingCount == 0) {
      return;
    }
    try (RecordBatch chunk = pendingFrom.take(pending, pendingCount, allocator);
        ArrowRecordBatch unloaded = new VectorUnloader(chunk.root()).getRecordBatch()) {
      new VectorLoader(root).load(unloaded);
      writer.writeBatch();
    } catch (IOException e) {
      throw failure(e);
    }
    rows += pendingCount;
    pendingCount = 0;
  }

  private CheckpointStoreException failure(IOException e) {
    return new CheckpointStoreException(
        "cannot write state file '" + path + "' to checkpoint store " + store.location() + ": " + e, e);
  }

  /** Discards the file unless it was published. */
  @Override
  public void close() {
    output.close();
    root.close();
  }
}
