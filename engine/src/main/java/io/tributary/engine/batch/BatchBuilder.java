package io.tributary.engine.batch;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Builds a {@link RecordBatch} row by row from Java values (see {@link VectorValues} for the
 * representations). For sources and tests; the schema's last field must be {@code _timestamp}.
 * A column not set in a row is null.
 */
public final class BatchBuilder implements AutoCloseable {
  private final Schema schema;
  private final BufferAllocator allocator;
  private VectorSchemaRoot root;
  private final boolean[] set;
  /** Columns whose fresh, zeroed validity already reads as null (no per-row null write needed). */
  private final boolean[] nullByDefault;
  private int rows;

  public BatchBuilder(Schema schema, BufferAllocator allocator) {
    this.schema = requireNonNull(schema, "schema is null");
    this.allocator = requireNonNull(allocator, "allocator is null");
    List<org.apache.arrow.vector.types.pojo.Field> fields = schema.getFields();
    if (fields.isEmpty() || !fields.getLast().getName().equals(ArrowTypes.TIMESTAMP_FIELD)) {
      throw new IllegalArgumentException("schema must end with _timestamp: " + schema);
    }
    this.set = new boolean[fields.size()];
    reset();
    this.nullByDefault = new boolean[fields.size()];
    for (int c = 0; c < fields.size(); c++) {
      nullByDefault[c] = nullByDefault(root.getVector(c));
    }
  }

  /**
   * Whether a row never written reads as null: true for vectors whose validity starts zeroed
   * (allocateNew, reAlloc and setValueCount zero or fill what they add), including structs of
   * such vectors. Lists keep offsets per row and so are nulled row by row.
   */
  private static boolean nullByDefault(FieldVector vector) {
    return switch (vector) {
      case org.apache.arrow.vector.NullVector v -> true;
      case org.apache.arrow.vector.BaseFixedWidthVector v -> true;
      case org.apache.arrow.vector.BaseVariableWidthVector v -> true;
      case org.apache.arrow.vector.complex.StructVector v -> {
        for (FieldVector child : v.getChildrenFromFields()) {
          if (!nullByDefault(child)) {
            yield false;
          }
        }
        yield true;
      }
      default -> false;
    };
  }

  private void reset() {
    root = VectorSchemaRoot.create(schema, allocator);
    for (FieldVector vector : root.getFieldVectors()) {
      vector.allocateNew();
    }
    rows = 0;
  }

  public Schema schema() {
    return schema;
  }

  /** Number of user columns (all but {@code _timestamp}). */
  public int columnCount() {
    return set.length - 1;
  }

  public int rowCount() {
    return rows;
  }

  /** Sets a column of the row being built. */
  public BatchBuilder set(int column, Object value) {
    if (column < 0 || column >= set.length - 1) {
      throw new IndexOutOfBoundsException(
          "column " + column + " outside 0.." + (set.length - 2) + " of " + schema);
    }
    VectorValues.set(root().getVector(column), rows, value);
    set[column] = true;
    return this;
  }

  /**
   * The vector of a column, for writing the row being built ({@link #rowCount()}) directly;
   * the column counts as set, so {@link #discardRow()} nulls it again. The row's slot starts
   * null in every column.
   */
  public FieldVector vectorForWrite(int column) {
    if (column < 0 || column >= set.length - 1) {
      throw new IndexOutOfBoundsException(
          "column " + column + " outside 0.." + (set.length - 2) + " of " + schema);
    }
    set[column] = true;
    return root().getVector(column);
  }

  /** Completes the row being built with its event time. */
  public void endRow(long timestampNanos) {
    VectorSchemaRoot current = root();
    for (int c = 0; c < set.length - 1; c++) {
      if (!set[c] && !nullByDefault[c]) {
        VectorValues.setNull(current.getVector(c), rows);
      }
      set[c] = false;
    }
    VectorValues.set(current.getVector(set.length - 1), rows, timestampNanos);
    rows++;
  }

  /** Drops what was set for the row being built. */
  public void discardRow() {
    for (int c = 0; c < set.length - 1; c++) {
      if (set[c]) {
        VectorValues.setNull(root().getVector(c), rows);
      }
      set[c] = false;
    }
  }

  /** Adds a row of user column values followed by its event time. */
  public BatchBuilder addRow(long timestampNanos, Object... values) {
    if (values.length != set.length - 1) {
      throw new IllegalArgumentException(
          "row has " + values.length + " values but the schema has " + (set.length - 1)
              + " columns before _timestamp");
    }
    for (int c = 0; c < values.length; c++) {
      set(c, values[c]);
    }
    endRow(timestampNanos);
    return this;
  }

  /** The rows added so far as a batch; the builder starts over, empty. */
  public RecordBatch build() {
    discardRow();
    VectorSchemaRoot built = root();
    for (FieldVector vector : built.getFieldVectors()) {
      vector.setValueCount(rows);
    }
    built.setRowCount(rows);
    RecordBatch batch = RecordBatch.of(built);
    // The next vectors are made when a row needs them: a source's builder is usually closed
    // right after its one batch.
    root = null;
    rows = 0;
    return batch;
  }

  private VectorSchemaRoot root() {
    if (root == null) {
      reset();
    }
    return root;
  }

  @Override
  public void close() {
    if (root != null) {
      root.close();
    }
  }
}
