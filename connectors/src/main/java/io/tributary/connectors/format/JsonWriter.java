package io.tributary.connectors.format;

import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.time.Timestamps;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.holders.NullableIntervalMonthDayNanoHolder;
import io.tributary.proto.program.TypeKind;

/**
 * Renders rows as JSON objects the way Arroyo's json format does: columns in schema order
 * ({@code _timestamp} left out), nulls explicit, TIMESTAMP as naive ISO-8601 text with 0, 3,
 * 6 or 9 fraction digits, integers without a decimal point, floats always with a fraction
 * or exponent, JSON columns embedded as they are, BINARY as hex text.
 */
public final class JsonWriter {
  private JsonWriter() {}

  /** One JSON object per row of the batch. */
  public static List<String> render(RecordBatch batch) {
    List<String> rows = new ArrayList<>(batch.rowCount());
    StringBuilder out = new StringBuilder(128);
    for (int row = 0; row < batch.rowCount(); row++) {
      out.setLength(0);
      renderRow(batch, row, out);
      rows.add(out.toString());
    }
    return rows;
  }

  public static void renderRow(RecordBatch batch, int row, StringBuilder out) {
    renderRow(batch, row, batch.columnCount() - 1, false, out);
  }

  /**
   * Renders the first {@code columns} columns of a row as one object.
   *
   * @param epochMillis whether TIMESTAMP values (nested ones too) are rendered as integer
   *     milliseconds since the epoch (the Debezium convention) rather than as text
   */
  public static void renderRow(RecordBatch batch, int row, int columns, boolean epochMillis, StringBuilder out) {
    out.append('{');
    for (int c = 0; c < columns; c++) {
      FieldVector vector = batch.column(c);
      if (c > 0) {
        out.append(',');
      }
      string(vector.getName(), out);
      out.append(':');
      value(vector, row, epochMillis, out);
    }
    out.append('}');
  }

  private static void value(FieldVector vector, int row, boolean epochMillis, StringBuilder out) {
    if (vector.isNull(row)) {
      out.append("null");
      return;
    }
    switch (vector) {
      case BitVector v -> out.append(v.get(row) != 0);
      case TinyIntVector v -> out.append(v.get(row));
      case SmallIntVector v -> out.append(v.get(row));
      case IntVector v -> out.append(v.get(row));
      case BigIntVector v -> out.append(v.get(row));
      case UInt1Vector v -> out.append(v.get(row) & 0xFF);
      case UInt2Vector v -> out.append((int) v.get(row));
      case UInt4Vector v -> out.append(v.get(row) & 0xFFFFFFFFL);
      case UInt8Vector v -> out.append(Long.toUnsignedString(v.get(row)));
      case Float4Vector v -> out.append(JsonNumbers.formatFloat(v.get(row)));
      case Float8Vector v -> out.append(JsonNumbers.formatDouble(v.get(row)));
      case DecimalVector v -> out.append(v.getObject(row).toPlainString());
      case VarCharVector v -> {
        String text = new String(v.get(row), java.nio.charset.StandardCharsets.UTF_8);
        if (ArrowTypes.kindOf(v.getField()) == TypeKind.JSON) {
          out.append(text);
        } else {
          string(text, out);
        }
      }
      case VarBinaryVector v -> string(HexFormat.of().formatHex(v.get(row)), out);
      case TimeStampNanoVector v -> {
        if (epochMillis) {
          out.append(Math.floorDiv(v.get(row), 1_000_000L));
        } else {
          string(Timestamps.format(v.get(row)), out);
        }
      }
      case DateDayVector v -> string(Timestamps.formatDate(v.get(row)), out);
      case TimeNanoVector v -> string(Timestamps.formatTime(v.get(row)), out);
      case IntervalMonthDayNanoVector v -> {
        NullableIntervalMonthDayNanoHolder holder = new NullableIntervalMonthDayNanoHolder();
        v.get(row, holder);
        string(isoDuration(holder.months, holder.days, holder.nanoseconds), out);
      }
      case StructVector v -> {
        out.append('{');
        boolean first = true;
        for (FieldVector child : v.getChildrenFromFields()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          string(child.getName(), out);
          out.append(':');
          value(child, row, epochMillis, out);
        }
        out.append('}');
      }
      case ListVector v -> {
        out.append('[');
        FieldVector data = v.getDataVector();
        for (int i = v.getElementStartIndex(row); i < v.getElementEndIndex(row); i++) {
          if (i > v.getElementStartIndex(row)) {
            out.append(',');
          }
          value(data, i, epochMillis, out);
        }
        out.append(']');
      }
      case NullVector v -> out.append("null");
      default -> string(String.valueOf(vector.getObject(row)), out);
    }
  }

  private static String isoDuration(int months, int days, long nanos) {
    StringBuilder out = new StringBuilder("P");
    if (months != 0) {
      out.append(months).append('M');
    }
    if (days != 0 || (months == 0 && nanos == 0)) {
      out.append(days).append('D');
    }
    if (nanos != 0) {
      out.append('T').append(java.time.Duration.ofNanos(nanos).toString().substring(2));
    }
    return out.toString();
  }

  /** Appends a JSON string literal. */
  static void string(String value, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
