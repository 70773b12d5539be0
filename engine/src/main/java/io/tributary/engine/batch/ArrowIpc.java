package io.tributary.engine.batch;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;

/**
 * Batches as Arrow IPC stream bytes (schema message followed by one record batch), the form
 * batches take between workers and in checkpoint files.
 */
public final class ArrowIpc {
  private ArrowIpc() {}

  /** The batch's bytes; the batch stays open and owned by the caller. */
  public static byte[] serialize(RecordBatch batch) {
    requireNonNull(batch, "batch is null");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ArrowStreamWriter writer = new ArrowStreamWriter(batch.root(), null, Channels.newChannel(out))) {
      writer.start();
      writer.writeBatch();
      writer.end();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a batch as Arrow IPC", e);
    }
    return out.toByteArray();
  }

  /** A batch read from {@link #serialize}'s bytes, allocated in {@code allocator}. */
  public static RecordBatch deserialize(byte[] bytes, BufferAllocator allocator) {
    requireNonNull(bytes, "bytes is null");
    requireNonNull(allocator, "allocator is null");
    try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(bytes), allocator)) {
      VectorSchemaRoot read = reader.getVectorSchemaRoot();
      if (!reader.loadNextBatch()) {
        throw new IllegalArgumentException("the Arrow IPC stream holds no record batch");
      }
      // The reader owns its root; the copy moves the buffers out before it closes.
      VectorSchemaRoot owned = VectorSchemaRoot.create(read.getSchema(), allocator);
      try {
        for (int i = 0; i < read.getFieldVectors().size(); i++) {
          read.getVector(i).makeTransferPair(owned.getVector(i)).transfer();
        }
        owned.setRowCount(read.getRowCount());
        return RecordBatch.of(owned);
      } catch (RuntimeException e) {
        owned.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a batch from Arrow IPC bytes", e);
    }
  }
}
