package io.tributary.connectors.nexmark;

import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.connector.ConnectorException;
import io.tributary.proto.program.TypeKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes generated events straight into the Arrow vectors of a batch of the nexmark table:
 * the event's struct column ({@code person}, {@code auction} or {@code bid}) is set, the
 * other two stay null, with no per-row object in between. The schema is checked once: each
 * struct field the table declares must have the generator's type (BIGINT or TIMESTAMP for
 * numbers, TEXT for text); fields or struct columns the table leaves out are not written.
 */
final class NexmarkColumns {
  private final Schema schema;
  private final Kind person;
  private final Kind auction;
  private final Kind bid;

  /** One struct column: its index in the schema and, per generator field, its child's ordinal. */
  private record Kind(int column, int[] ordinals) {}

  NexmarkColumns(Schema schema, String tableName) {
    this.schema = schema;
    List<Field> fields = schema.getFields();
    for (int c = 0; c < fields.size() - 1; c++) {
      String name = fields.get(c).getName();
      if (!name.equals("person") && !name.equals("auction") && !name.equals("bid")) {
        throw new ConnectorException("nexmark table " + tableName + " has a column '" + name
            + "'; its columns are person, auction and bid");
      }
    }
    this.person = kind(fields, "person", NexmarkGenerator.PERSON_FIELDS, tableName);
    this.auction = kind(fields, "auction", NexmarkGenerator.AUCTION_FIELDS, tableName);
    this.bid = kind(fields, "bid", NexmarkGenerator.BID_FIELDS, tableName);
  }

  private static Kind kind(List<Field> fields, String name, List<String> generated, String tableName) {
    for (int c = 0; c < fields.size() - 1; c++) {
      Field struct = fields.get(c);
      if (!struct.getName().equals(name)) {
        continue;
      }
      if (ArrowTypes.kindOf(struct) != TypeKind.STRUCT) {
        throw new ConnectorException("column '" + name + "' of nexmark table " + tableName + " must be a STRUCT");
      }
      int[] ordinals = new int[generated.size()];
      List<Field> children = struct.getChildren();
      for (int f = 0; f < generated.size(); f++) {
        ordinals[f] = -1;
        for (int o = 0; o < children.size(); o++) {
          if (children.get(o).getName().equals(generated.get(f))) {
            ordinals[f] = o;
            TypeKind kind = ArrowTypes.kindOf(children.get(o));
            boolean text = NexmarkGenerator.TEXT_FIELDS.contains(generated.get(f));
            if (text ? kind != TypeKind.UTF8 : kind != TypeKind.INT64 && kind != TypeKind.TIMESTAMP) {
              throw new ConnectorException("field '" + name + "." + generated.get(f) + "' of nexmark table "
                  + tableName + " is " + kind + "; the generator writes " + (text ? "TEXT" : "BIGINT or TIMESTAMP")
                  + " there");
            }
          }
        }
      }
      return new Kind(c, ordinals);
    }
    return new Kind(-1, new int[0]);
  }

  /**
   * A batch being filled, row after row, for at most the capacity it was made with. Values go
   * straight to the vectors' memory, unchecked: every buffer is allocated for the capacity up
   * front (a text column's data buffer grows when needed), and the per-write bounds and
   * reference-count checks of Arrow's setters were most of the cost of generating an event.
   * Validity is kept as one bitmap per struct column and copied once per batch to the struct
   * and to each child it writes, since an event sets every field of its struct.
   */
  final class Batch implements AutoCloseable {
    private final VectorSchemaRoot root;
    private final int capacity;
    private final long timestamps;
    private final Target person;
    private final Target auction;
    private final Target bid;
    private int rows;
    private boolean built;

    Batch(BufferAllocator allocator, int capacity) {
      this.capacity = capacity;
      root = VectorSchemaRoot.create(schema, allocator);
      for (FieldVector vector : root.getFieldVectors()) {
        vector.setInitialCapacity(capacity);
        vector.allocateNew();
      }
      timestamps = values((BaseFixedWidthVector) root.getVector(root.getFieldVectors().size() - 1), capacity);
      person = new Target(NexmarkColumns.this.person);
      auction = new Target(NexmarkColumns.this.auction);
      bid = new Target(NexmarkColumns.this.bid);
    }

    /** Where the row being built writes its person; fields and structs not in the table are skipped. */
    NexmarkGenerator.EventFields person() {
      return person.at(checkedRow());
    }

    NexmarkGenerator.EventFields auction() {
      return auction.at(checkedRow());
    }

    NexmarkGenerator.EventFields bid() {
      return bid.at(checkedRow());
    }

    void endRow(long timestampNanos) {
      MemoryUtil.putLong(timestamps + (long) checkedRow() * Long.BYTES, timestampNanos);
      rows++;
    }

    /** The row being built, which the unchecked writes need to be inside the buffers. */
    private int checkedRow() {
      if (rows == capacity) {
        throw new IllegalStateException("a batch of " + capacity + " rows is full");
      }
      return rows;
    }

    int rowCount() {
      return rows;
    }

    /** The rows written as a batch; this object is done with afterwards. */
    RecordBatch build() {
      person.finish();
      auction.finish();
      bid.finish();
      setValid(root.getVector(root.getFieldVectors().size() - 1).getValidityBuffer(), rows);
      root.setRowCount(rows);
      built = true;
      return RecordBatch.of(root);
    }

    @Override
    public void close() {
      if (!built) {
        root.close();
      }
    }

    private final class Target implements NexmarkGenerator.EventFields {
      private final StructVector struct;
      /** Per generator field: the address of its BIGINT or TIMESTAMP values, or 0. */
      private final long[] numbers;
      /** Per generator field: its TEXT column, or null. */
      private final TextColumn[] texts;
      /** The struct's validity, one bit per row of the batch. */
      private final byte[] validity;
      /** The struct's children this target writes, which are valid exactly where the struct is. */
      private final FieldVector[] written;
      private int row;

      Target(Kind kind) {
        int count = kind.ordinals().length;
        numbers = new long[count];
        texts = new TextColumn[count];
        validity = new byte[BitVectorHelper.getValidityBufferSizeFromCount(capacity)];
        if (kind.column() < 0) {
          struct = null;
          written = new FieldVector[0];
          return;
        }
        struct = (StructVector) root.getVector(kind.column());
        List<FieldVector> children = new ArrayList<>();
        for (int f = 0; f < count; f++) {
          if (kind.ordinals()[f] >= 0) {
            FieldVector child = (FieldVector) struct.getChildByOrdinal(kind.ordinals()[f]);
            switch (child) {
              case VarCharVector text -> texts[f] = new TextColumn(text, capacity);
              case BaseFixedWidthVector number -> numbers[f] = values(number, capacity);
              default -> throw new IllegalStateException("the schema was checked: " + schema);
            }
            children.add(child);
          }
        }
        written = children.toArray(new FieldVector[0]);
      }

      Target at(int row) {
        this.row = row;
        validity[row >>> 3] |= (byte) (1 << (row & 7));
        return this;
      }

      @Override
      public void setLong(int field, long value) {
        long address = numbers[field];
        if (address != 0) {
          MemoryUtil.putLong(address + (long) row * Long.BYTES, value);
        }
      }

      @Override
      public void setText(int field, byte[] bytes, int length) {
        TextColumn text = texts[field];
        if (text != null) {
          text.set(row, bytes, length);
        }
      }

      void finish() {
        if (struct == null) {
          return;
        }
        int bytes = BitVectorHelper.getValidityBufferSizeFromCount(rows);
        struct.getValidityBuffer().setBytes(0, validity, 0, bytes);
        for (FieldVector child : written) {
          child.getValidityBuffer().setBytes(0, validity, 0, bytes);
        }
        for (TextColumn text : texts) {
          if (text != null) {
            text.finish();
          }
        }
      }
    }
  }

  /** The address of a fixed-width vector's values, once it holds at least {@code rows} of them. */
  private static long values(BaseFixedWidthVector vector, int rows) {
    while (vector.getValueCapacity() < rows) {
      vector.reAlloc();
    }
    return vector.getDataBuffer().memoryAddress();
  }

  /** Sets the first {@code rows} bits of a validity buffer. */
  private static void setValid(ArrowBuf validity, int rows) {
    validity.setOne(0, rows >>> 3);
    if ((rows & 7) != 0) {
      validity.setByte(rows >>> 3, (1 << (rows & 7)) - 1);
    }
  }

  /**
   * A TEXT field of one event kind, written row by row. The rows in between belong to the other
   * kinds: their (empty) offsets are filled in one tight loop here rather than by one Arrow
   * {@code setSafe} per row. Its validity is its struct's, set by the batch.
   */
  private static final class TextColumn {
    private final VarCharVector vector;
    private final long offsets;
    private long data;
    private long dataCapacity;
    private int lastSet = -1;
    private int end;

    TextColumn(VarCharVector vector, int rows) {
      this.vector = vector;
      while (vector.getValueCapacity() < rows) {
        vector.reAlloc();
      }
      offsets = vector.getOffsetBuffer().memoryAddress();
      MemoryUtil.putInt(offsets, 0);
      data = vector.getDataBuffer().memoryAddress();
      dataCapacity = vector.getDataBuffer().capacity();
    }

    void set(int row, byte[] bytes, int length) {
      for (int i = lastSet + 2; i <= row; i++) {
        MemoryUtil.putInt(offsets + (long) i * BaseVariableWidthVector.OFFSET_WIDTH, end);
      }
      if (end + length > dataCapacity) {
        grow(end + length);
      }
      MemoryUtil.copyToMemory(bytes, 0, data + end, length);
      end += length;
      MemoryUtil.putInt(offsets + (long) (row + 1) * BaseVariableWidthVector.OFFSET_WIDTH, end);
      lastSet = row;
    }

    private void grow(long needed) {
      while (vector.getDataBuffer().capacity() < needed) {
        vector.reallocDataBuffer();
      }
      data = vector.getDataBuffer().memoryAddress();
      dataCapacity = vector.getDataBuffer().capacity();
    }

    /** Hands the vector its fill level, so that setting the value count fills only the tail. */
    void finish() {
      vector.setLastSet(lastSet);
    }
  }
}
