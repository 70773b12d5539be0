package io.tributary.engine.state;

import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.checkpoint.CheckpointStore;
import io.tributary.engine.checkpoint.CheckpointStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

/** Reads a state file written by {@link StateFileWriter} one record batch at a time. */
final class StateFileReader {
  private StateFileReader() {}

  /**
   * Hands each record batch of the file to {@code batches}, closing it after the consumer returns.
   *
   * @param what who reads the file, for the error when it is missing or unreadable
   */
  static void read(CheckpointStore store, String path, BufferAllocator allocator, String what,
      Consumer<RecordBatch> batches) {
    InputStream input = store.readStream(path).orElseThrow(() -> new CheckpointStoreException(
        "state file '" + path + "' of " + what + " is missing from checkpoint store " + store.location()));
    try (input; ArrowStreamReader reader = new ArrowStreamReader(input, allocator)) {
      VectorSchemaRoot read = reader.getVectorSchemaRoot();
      while (reader.loadNextBatch()) {
        // The reader reuses its root for the next batch; the consumer gets buffers of its own.
        VectorSchemaRoot owned = VectorSchemaRoot.create(read.getSchema(), allocator);
        for (int i = 0; i < read.getFieldVectors().size(); i++) {
          read.getVector(i).makeTransferPair(owned.getVector(i)).transfer();
        }
        owned.setRowCount(read.getRowCount());
        try (RecordBatch batch = RecordBatch.of(owned)) {
          batches.accept(batch);
        }
      }
    } catch (IOException e) {
      throw new CheckpointStoreException(
          "cannot read state file '" + path + "' of " + what + " from checkpoint store " + store.location() + ": " + e, e);
    }
  }
}
