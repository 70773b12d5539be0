package io.tributary.connectors.nexmark;

import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.connector.ConnectorException;
import io.tributary.proto.program.TypeKind;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;
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

  /** A batch being filled, row after row. */
  final class Batch implements AutoCloseable {
    private final VectorSchemaRoot root;
    private final TimeStampVector timestamps;
    private final Target person;
    private final Target auction;
    private final Target bid;
    private int rows;
    private boolean built;

    private final int rowCapacity;

    Batch(BufferAllocator allocator, int capacity) {
      rowCapacity = capacity;
      root = VectorSchemaRoot.create(schema, allocator);
      for (FieldVector vector : root.getFieldVectors()) {
        vector.setInitialCapacity(capacity);
        vector.allocateNew();
      }
      timestamps = (TimeStampVector) root.getVector(root.getFieldVectors().size() - 1);
      person = new Target(NexmarkColumns.this.person);
      auction = new Target(NexmarkColumns.this.auction);
      bid = new Target(NexmarkColumns.this.bid);
    }

    /** Where the row being built writes its person; null fields and structs are skipped. */
    NexmarkGenerator.EventFields person() {
      return person.at(rows);
    }

    NexmarkGenerator.EventFields auction() {
      return auction.at(rows);
    }

    NexmarkGenerator.EventFields bid() {
      return bid.at(rows);
    }

    void endRow(long timestampNanos) {
      timestamps.setSafe(rows, timestampNanos);
      rows++;
    }

    int rowCount() {
      return rows;
    }

    /** The rows written as a batch; this object is done with afterwards. */
    RecordBatch build() {
      person.finish();
      auction.finish();
      bid.finish();
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
      /** Per generator field: its BIGINT or TIMESTAMP vector, or null. */
      private final BaseFixedWidthVector[] numbers;
      /** Per generator field: its TEXT column, or null. */
      private final TextColumn[] texts;
      private int row;

      Target(Kind kind) {
        int count = kind.ordinals().length;
        numbers = new BaseFixedWidthVector[count];
        texts = new TextColumn[count];
        if (kind.column() < 0) {
          struct = null;
          return;
        }
        struct = (StructVector) root.getVector(kind.column());
        for (int f = 0; f < count; f++) {
          if (kind.ordinals()[f] >= 0) {
            switch (struct.getChildByOrdinal(kind.ordinals()[f])) {
              case VarCharVector text -> texts[f] = new TextColumn(text, rowCapacity);
              case BaseFixedWidthVector number -> numbers[f] = number;
              default -> throw new IllegalStateException("the schema was checked: " + schema);
            }
          }
        }
      }

      Target at(int row) {
        this.row = row;
        if (struct != null) {
          struct.setIndexDefined(row);
        }
        return this;
      }

      @Override
      public void setLong(int field, long value) {
        BaseFixedWidthVector vector = numbers[field];
        if (vector instanceof BigIntVector bigInt) {
          bigInt.setSafe(row, value);
        } else if (vector != null) {
          ((TimeStampVector) vector).setSafe(row, value);
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
        for (TextColumn text : texts) {
          if (text != null) {
            text.finish();
          }
        }
      }
    }
  }

  /**
   * A TEXT field of one event kind, written row by row. The rows in between belong to the other
   * kinds: their (empty) offsets are filled in one tight loop here rather than by one Arrow
   * {@code setSafe} per row, which was the largest cost of generating a batch.
   */
  private static final class TextColumn {
    private final VarCharVector vector;
    private int lastSet = -1;
    private int end;

    TextColumn(VarCharVector vector, int rows) {
      this.vector = vector;
      while (vector.getValueCapacity() < rows) {
        vector.reAlloc();
      }
      vector.getOffsetBuffer().setInt(0, 0);
    }

    void set(int row, byte[] bytes, int length) {
      ArrowBuf offsets = vector.getOffsetBuffer();
      for (int i = lastSet + 2; i <= row; i++) {
        offsets.setInt((long) i * BaseVariableWidthVector.OFFSET_WIDTH, end);
      }
      while (vector.getDataBuffer().capacity() < (long) end + length) {
        vector.reallocDataBuffer();
      }
      vector.getDataBuffer().setBytes(end, bytes, 0, length);
      end += length;
      offsets.setInt((long) (row + 1) * BaseVariableWidthVector.OFFSET_WIDTH, end);
      BitVectorHelper.setBit(vector.getValidityBuffer(), row);
      lastSet = row;
    }

    /** Hands the vector its fill level, so that setting the value count fills only the tail. */
    void finish() {
      vector.setLastSet(lastSet);
    }
  }
}
