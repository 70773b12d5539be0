package io.tributary.connectors.format;

import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.proto.program.TypeKind;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.List;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Encodes rows in Avro's binary encoding to the schema {@link AvroSchemas} derives from the same
 * columns (so no Avro library is needed at run time): zig-zag varints for int and long,
 * little-endian IEEE floats, length-prefixed bytes and strings, a union branch index before a
 * nullable value, arrays as one block and a terminating zero.
 */
public final class AvroWriter {
  private final List<Field> columns;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

  /** A writer for rows of {@code schema}; fails, naming the column, on what Avro cannot hold. */
  public AvroWriter(String tableName, org.apache.arrow.vector.types.pojo.Schema schema) {
    AvroSchemas.avroSchema(tableName, schema);
    this.columns = AvroSchemas.dataColumns(tableName, schema);
  }

  /** One row's Avro binary encoding, after {@code prefix} (e.g. the Confluent framing). */
  public byte[] encode(RecordBatch batch, int row, byte[] prefix) {
    out.reset();
    out.writeBytes(prefix);
    for (int c = 0; c < columns.size(); c++) {
      value(batch.column(c), columns.get(c), row);
    }
    return out.toByteArray();
  }

  private void value(FieldVector vector, Field field, int row) {
    boolean union = field.isNullable() && !(field.getType() instanceof ArrowType.Null);
    if (vector.isNull(row)) {
      if (union) {
        writeLong(0);
      }
      return;
    }
    if (union) {
      writeLong(1);
    }
    switch (ArrowTypes.kindOf(field)) {
      case BOOLEAN -> out.write(((BitVector) vector).get(row));
      case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64 ->
          writeLong(((BaseIntVector) vector).getValueAsLong(row));
      case FLOAT32 -> {
        int bits = Float.floatToIntBits(((Float4Vector) vector).get(row));
        for (int i = 0; i < 4; i++) {
          out.write(bits >>> (8 * i));
        }
      }
      case FLOAT64 -> {
        long bits = Double.doubleToLongBits(((Float8Vector) vector).get(row));
        for (int i = 0; i < 8; i++) {
          out.write((int) (bits >>> (8 * i)));
        }
      }
      case UTF8, JSON -> writeBytes(((VarCharVector) vector).get(row));
      case BINARY -> writeBytes(((VarBinaryVector) vector).get(row));
      case TIMESTAMP -> writeLong(Math.floorDiv(((TimeStampNanoVector) vector).get(row), 1_000L));
      case DATE -> writeLong(((DateDayVector) vector).get(row));
      case TIME -> writeLong(Math.floorDiv(((TimeNanoVector) vector).get(row), 1_000L));
      case DECIMAL -> {
        BigDecimal decimal = ((DecimalVector) vector).getObject(row);
        writeBytes(decimal.unscaledValue().toByteArray());
      }
      case STRUCT -> {
        StructVector struct = (StructVector) vector;
        List<Field> children = field.getChildren();
        for (int c = 0; c < children.size(); c++) {
          value((FieldVector) struct.getChildByOrdinal(c), children.get(c), row);
        }
      }
      case LIST -> {
        ListVector list = (ListVector) vector;
        int start = list.getElementStartIndex(row);
        int end = list.getElementEndIndex(row);
        if (end > start) {
          writeLong(end - start);
          Field element = field.getChildren().getFirst();
          for (int i = start; i < end; i++) {
            value(list.getDataVector(), element, i);
          }
        }
        writeLong(0);
      }
      // AvroSchemas rejects the other kinds when the writer is made.
      case NULL, INTERVAL, TYPE_KIND_UNSPECIFIED, UNRECOGNIZED -> { }
    }
  }

  private void writeBytes(byte[] bytes) {
    writeLong(bytes.length);
    out.writeBytes(bytes);
  }

  private void writeLong(long value) {
    long zigzag = (value << 1) ^ (value >> 63);
    while ((zigzag & ~0x7FL) != 0) {
      out.write((int) ((zigzag & 0x7F) | 0x80));
      zigzag >>>= 7;
    }
    out.write((int) zigzag);
  }
}
