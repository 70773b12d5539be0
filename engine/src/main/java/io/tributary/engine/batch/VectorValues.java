package io.tributary.engine.batch;

import io.tributary.proto.program.TypeKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

/**
 * Boxed, row-at-a-time access to vector values, for connectors and tests (operators use
 * generated code instead). Java representations by kind: BOOLEAN {@link Boolean}; INT8
 * {@link Byte}; INT16 {@link Short}; INT32, UINT8, UINT16, DATE (days) {@link Integer}; INT64,
 * UINT32, UINT64 (two's complement bits), TIMESTAMP and TIME (nanoseconds) {@link Long};
 * FLOAT32 {@link Float}; FLOAT64 {@link Double}; DECIMAL {@link BigDecimal}; UTF8 and JSON
 * {@link String}; BINARY {@code byte[]}; INTERVAL {@link Interval}; STRUCT
 * {@code Map<String, Object>}; LIST {@code List<Object>}; any null as {@code null}.
 */
public final class VectorValues {
  private VectorValues() {}

  public static Object get(FieldVector vector, int index) {
    if (vector.isNull(index)) {
      return null;
    }
    return switch (vector) {
      case BitVector v -> v.get(index) != 0;
      case TinyIntVector v -> v.get(index);
      case SmallIntVector v -> v.get(index);
      case IntVector v -> v.get(index);
      case BigIntVector v -> v.get(index);
      case UInt1Vector v -> v.get(index) & 0xFF;
      case UInt2Vector v -> (int) v.get(index);
      case UInt4Vector v -> v.get(index) & 0xFFFFFFFFL;
      case UInt8Vector v -> v.get(index);
      case Float4Vector v -> v.get(index);
      case Float8Vector v -> v.get(index);
      case DecimalVector v -> v.getObject(index);
      case VarCharVector v -> new String(v.get(index), StandardCharsets.UTF_8);
      case VarBinaryVector v -> v.get(index);
      case TimeStampNanoVector v -> v.get(index);
      case DateDayVector v -> v.get(index);
      case TimeNanoVector v -> v.get(index);
      case IntervalMonthDayNanoVector v -> {
        NullableIntervalMonthDayNanoHolder holder = new NullableIntervalMonthDayNanoHolder();
        v.get(index, holder);
        yield new Interval(holder.months, holder.days, holder.nanoseconds);
      }
      case StructVector v -> {
        Map<String, Object> row = new LinkedHashMap<>();
        for (FieldVector child : v.getChildrenFromFields()) {
          row.put(child.getName(), get(child, index));
        }
        yield row;
      }
      case ListVector v -> {
        int start = v.getElementStartIndex(index);
        int end = v.getElementEndIndex(index);
        List<Object> values = new ArrayList<>(end - start);
        FieldVector data = v.getDataVector();
        for (int i = start; i < end; i++) {
          values.add(get(data, i));
        }
        yield values;
      }
      case NullVector v -> null;
      default ->
          throw new UnsupportedTypeException(
              "cannot read column '" + vector.getName() + "' of vector type "
                  + vector.getClass().getSimpleName());
    };
  }

  /** Sets row {@code index}, growing the vector as needed; {@code null} sets a null. */
  public static void set(FieldVector vector, int index, Object value) {
    if (value == null) {
      setNull(vector, index);
      return;
    }
    switch (vector) {
      case BitVector v -> v.setSafe(index, ((Boolean) value) ? 1 : 0);
      case TinyIntVector v -> v.setSafe(index, ((Number) value).byteValue());
      case SmallIntVector v -> v.setSafe(index, ((Number) value).shortValue());
      case IntVector v -> v.setSafe(index, ((Number) value).intValue());
      case BigIntVector v -> v.setSafe(index, ((Number) value).longValue());
      case UInt1Vector v -> v.setSafe(index, ((Number) value).intValue());
      case UInt2Vector v -> v.setSafe(index, ((Number) value).intValue());
      case UInt4Vector v -> v.setSafe(index, (int) ((Number) value).longValue());
      case UInt8Vector v -> v.setSafe(index, ((Number) value).longValue());
      case Float4Vector v -> v.setSafe(index, ((Number) value).floatValue());
      case Float8Vector v -> v.setSafe(index, ((Number) value).doubleValue());
      case DecimalVector v -> {
        BigDecimal decimal =
            value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
        v.setSafe(index, decimal.setScale(v.getScale(), RoundingMode.HALF_UP));
      }
      case VarCharVector v -> v.setSafe(index, value.toString().getBytes(StandardCharsets.UTF_8));
      case VarBinaryVector v -> v.setSafe(index, (byte[]) value);
      case TimeStampNanoVector v -> v.setSafe(index, ((Number) value).longValue());
      case DateDayVector v -> v.setSafe(index, ((Number) value).intValue());
      case TimeNanoVector v -> v.setSafe(index, ((Number) value).longValue());
      case IntervalMonthDayNanoVector v -> {
        Interval interval = (Interval) value;
        v.setSafe(index, interval.months(), interval.days(), interval.nanos());
      }
      case StructVector v -> {
        Map<?, ?> row = (Map<?, ?>) value;
        v.setIndexDefined(index);
        for (FieldVector child : v.getChildrenFromFields()) {
          set(child, index, row.get(child.getName()));
        }
      }
      case ListVector v -> {
        List<?> values = (List<?>) value;
        int start = v.startNewValue(index);
        FieldVector data = v.getDataVector();
        for (int i = 0; i < values.size(); i++) {
          set(data, start + i, values.get(i));
        }
        v.endValue(index, values.size());
      }
      case NullVector v -> {}
      default ->
          throw new UnsupportedTypeException(
              "cannot write column '" + vector.getName() + "' of vector type "
                  + vector.getClass().getSimpleName());
    }
  }

  public static void setNull(FieldVector vector, int index) {
    switch (vector) {
      case NullVector v -> {}
      case StructVector v -> {
        while (index >= v.getValueCapacity()) {
          v.reAlloc();
        }
        v.setNull(index);
        for (FieldVector child : v.getChildrenFromFields()) {
          setNull(child, index);
        }
      }
      case ListVector v -> {
        // startNewValue/endValue keep the offsets of a null entry consistent.
        v.startNewValue(index);
        v.endValue(index, 0);
        v.setNull(index);
      }
      case org.apache.arrow.vector.BaseFixedWidthVector v -> {
        while (index >= v.getValueCapacity()) {
          v.reAlloc();
        }
        v.setNull(index);
      }
      case org.apache.arrow.vector.BaseVariableWidthVector v -> {
        while (index >= v.getValueCapacity()) {
          v.reAlloc();
        }
        v.setNull(index);
      }
      default -> throw new UnsupportedTypeException(
          "cannot write null into column '" + vector.getName() + "'");
    }
  }

  /** Kind of a vector, as the program names it. */
  public static TypeKind kindOf(FieldVector vector) {
    return ArrowTypes.kindOf(vector.getField());
  }
}
