package io.tributary.engine.state;

import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.batch.VectorValues;
import io.tributary.engine.operator.window.GroupKey;
import io.tributary.engine.runtime.KeyHasher;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The layout of a keyed state table: {@code _key_hash} (BIGINT), the key columns, the value
 * columns, {@code _timestamp}. The key columns have the types of the operator's input key
 * columns, so that {@link KeyHasher} gives the hash the shuffle into the operator gave the
 * row; a restore at any parallelism keeps exactly the rows that the shuffle now sends to it.
 */
public final class KeyedTable {
  public static final String KEY_HASH = "_key_hash";
  private static final Field KEY_HASH_FIELD =
      new Field(KEY_HASH, FieldType.notNullable(new ArrowType.Int(64, true)), null);

  private final Schema schema;
  private final int keyCount;

  /**
   * @param keyFields the key columns, typed as in the operator's input
   * @param valueFields the state's other columns
   */
  public KeyedTable(List<Field> keyFields, List<Field> valueFields) {
    List<Field> fields = new ArrayList<>();
    fields.add(KEY_HASH_FIELD);
    for (int k = 0; k < keyFields.size(); k++) {
      // Renamed, as key and value columns may share names; only the types matter.
      Field key = keyFields.get(k);
      fields.add(new Field("key_" + k, key.getFieldType(), key.getChildren()));
    }
    fields.addAll(valueFields);
    fields.add(ArrowTypes.timestampField());
    this.schema = new Schema(fields);
    this.keyCount = keyFields.size();
  }

  /** Fields {@code indexes} of {@code schema}: the key columns of an operator's input. */
  public static List<Field> fields(Schema schema, int[] indexes) {
    List<Field> fields = new ArrayList<>(indexes.length);
    for (int index : indexes) {
      fields.add(schema.getFields().get(index));
    }
    return fields;
  }

  public static Field binary(String name) {
    return Field.nullable(name, ArrowType.Binary.INSTANCE);
  }

  public static Field bigint(String name) {
    return Field.nullable(name, new ArrowType.Int(64, true));
  }

  public static Field bool(String name) {
    return Field.nullable(name, ArrowType.Bool.INSTANCE);
  }

  public Schema schema() {
    return schema;
  }

  public Builder builder(BufferAllocator allocator) {
    return new Builder(allocator, Integer.MAX_VALUE, batch -> {
      throw new IllegalStateException("an unbounded builder hands over no batches");
    });
  }

  /** A builder that hands every {@code chunkRows} rows to {@code chunks} as a batch (closed after). */
  Builder builder(BufferAllocator allocator, int chunkRows, Consumer<RecordBatch> chunks) {
    return new Builder(allocator, chunkRows, chunks);
  }

  /** The key of {@code row} of a batch of this table. */
  public GroupKey key(RecordBatch batch, int row) {
    FieldVector[] keys = new FieldVector[keyCount];
    for (int k = 0; k < keyCount; k++) {
      keys[k] = batch.column(1 + k);
    }
    return GroupKey.of(keys, row);
  }

  /** Value column {@code index} (0 = the first after the keys) of {@code row}. */
  public Object value(RecordBatch batch, int index, int row) {
    return VectorValues.get(batch.column(1 + keyCount + index), row);
  }

  /** Builds one batch of the table, adding the key hashes. */
  public final class Builder implements AutoCloseable {
    private final BatchBuilder rows;
    private final int chunkRows;
    private final Consumer<RecordBatch> chunks;

    private Builder(BufferAllocator allocator, int chunkRows, Consumer<RecordBatch> chunks) {
      this.rows = new BatchBuilder(schema, allocator);
      this.chunkRows = chunkRows;
      this.chunks = chunks;
    }

    public Builder add(GroupKey key, List<?> values, long timestampNanos) {
      if (key.size() != keyCount || values.size() != schema.getFields().size() - 2 - keyCount) {
        throw new IllegalArgumentException("a row of " + key.size() + " keys and " + values.size()
            + " values does not fit the state table " + schema);
      }
      for (int k = 0; k < keyCount; k++) {
        rows.set(1 + k, key.value(k));
      }
      for (int v = 0; v < values.size(); v++) {
        rows.set(1 + keyCount + v, values.get(v));
      }
      rows.endRow(timestampNanos);
      if (rows.rowCount() >= chunkRows) {
        flush();
      }
      return this;
    }

    /** Hands the rows added since the last batch over as one. */
    void flush() {
      if (rows.rowCount() > 0) {
        try (RecordBatch batch = build()) {
          chunks.accept(batch);
        }
      }
    }

    public RecordBatch build() {
      RecordBatch batch = rows.build();
      List<FieldVector> keys = new ArrayList<>(keyCount);
      for (int k = 0; k < keyCount; k++) {
        keys.add(batch.column(1 + k));
      }
      BigIntVector hashes = (BigIntVector) batch.column(0);
      for (int row = 0; row < batch.rowCount(); row++) {
        hashes.set(row, KeyHasher.hash(keys, row));
      }
      return batch;
    }

    @Override
    public void close() {
      rows.close();
    }
  }
}
