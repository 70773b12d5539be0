package io.tributary.engine.batch;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Rows in Arrow columns, the unit operators exchange. The last column is always
 * {@code _timestamp} (event time, nanoseconds since the epoch, not null).
 *
 * <p>A batch owns its buffers. Whoever holds a batch either closes it or hands it on (to a
 * collector, a queue, another allocator through {@link #transferTo}); handing it on ends the
 * holder's responsibility. This single-owner rule is what keeps allocators empty at the end.
 */
public final class RecordBatch implements AutoCloseable {
  private final VectorSchemaRoot root;
  private boolean closed;

  private RecordBatch(VectorSchemaRoot root) {
    this.root = root;
  }

  /** Wraps a root, taking ownership of it. */
  public static RecordBatch of(VectorSchemaRoot root) {
    requireNonNull(root, "root is null");
    List<Field> fields = root.getSchema().getFields();
    if (fields.isEmpty()
        || !fields.getLast().getName().equals(ArrowTypes.TIMESTAMP_FIELD)
        || !(root.getVector(fields.size() - 1) instanceof TimeStampNanoVector)) {
      root.close();
      throw new IllegalArgumentException(
          "a batch needs a trailing _timestamp column of nanosecond timestamps; schema was "
              + root.getSchema());
    }
    return new RecordBatch(root);
  }

  /** Wraps vectors of equal length, taking ownership of them. */
  public static RecordBatch of(List<FieldVector> vectors, int rowCount) {
    List<Field> fields = new ArrayList<>(vectors.size());
    for (FieldVector vector : vectors) {
      vector.setValueCount(rowCount);
      fields.add(vector.getField());
    }
    return of(new VectorSchemaRoot(fields, vectors, rowCount));
  }

  /** An empty batch of the given schema. */
  public static RecordBatch empty(Schema schema, BufferAllocator allocator) {
    VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
    root.setRowCount(0);
    return of(root);
  }

  public int rowCount() {
    return root.getRowCount();
  }

  public Schema schema() {
    return root.getSchema();
  }

  /** Number of columns, {@code _timestamp} included. */
  public int columnCount() {
    return root.getFieldVectors().size();
  }

  public FieldVector column(int index) {
    return root.getVector(index);
  }

  public TimeStampNanoVector timestamps() {
    return (TimeStampNanoVector) root.getVector(columnCount() - 1);
  }

  public VectorSchemaRoot root() {
    return root;
  }

  /**
   * Moves this batch's buffers to {@code allocator} without copying (both must share a root
   * allocator). This batch is closed afterwards; the result belongs to the caller.
   */
  public RecordBatch transferTo(BufferAllocator allocator) {
    requireNonNull(allocator, "allocator is null");
    checkOpen();
    List<FieldVector> moved = new ArrayList<>(columnCount());
    for (FieldVector vector : root.getFieldVectors()) {
      TransferPair pair = vector.getTransferPair(allocator);
      pair.transfer();
      moved.add((FieldVector) pair.getTo());
    }
    int rows = rowCount();
    close();
    return of(moved, rows);
  }

  /** A new batch holding the rows at {@code rows[0..count)} of this one, in that order. */
  public RecordBatch take(int[] rows, int count, BufferAllocator allocator) {
    checkOpen();
    VectorSchemaRoot target = VectorSchemaRoot.create(root.getSchema(), allocator);
    try {
      for (int c = 0; c < columnCount(); c++) {
        FieldVector from = root.getVector(c);
        FieldVector to = target.getVector(c);
        to.setInitialCapacity(Math.max(count, 1));
        to.allocateNew();
        for (int i = 0; i < count; i++) {
          to.copyFromSafe(rows[i], i, from);
        }
        to.setValueCount(count);
      }
      target.setRowCount(count);
      return of(target);
    } catch (RuntimeException e) {
      target.close();
      throw e;
    }
  }

  /**
   * A second batch over this batch's buffers, in {@code allocator}, for a node that sends one batch
   * along several edges (several views over one source table): Arrow counts references to its
   * buffers, so nothing is copied, both batches stay open and each holder closes its own. Batches
   * are read-only once built (operators write their output into new vectors), which is what makes
   * sharing their buffers safe.
   */
  public RecordBatch share(BufferAllocator allocator) {
    requireNonNull(allocator, "allocator is null");
    checkOpen();
    int rows = rowCount();
    List<FieldVector> shared = new ArrayList<>(columnCount());
    try {
      for (FieldVector vector : root.getFieldVectors()) {
        TransferPair pair = vector.getTransferPair(allocator);
        pair.splitAndTransfer(0, rows);
        shared.add((FieldVector) pair.getTo());
      }
    } catch (RuntimeException e) {
      shared.forEach(FieldVector::close);
      throw e;
    }
    return of(shared, rows);
  }

  /** A copy of this batch in {@code allocator}; this batch stays open. */
  public RecordBatch copy(BufferAllocator allocator) {
    int[] rows = new int[rowCount()];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = i;
    }
    return take(rows, rows.length, allocator);
  }

  /** The schema of a batch with {@code fields} followed by {@code _timestamp}. */
  public static Schema schemaWithTimestamp(List<Field> fields) {
    List<Field> all = new ArrayList<>(fields);
    all.add(ArrowTypes.timestampField());
    return new Schema(all);
  }

  public boolean isClosed() {
    return closed;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("batch is already closed or handed on");
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      root.close();
    }
  }

  @Override
  public String toString() {
    return "RecordBatch[" + rowCount() + " rows, " + root.getSchema() + "]";
  }
}
