package io.tributary.connectors.format;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.time.Timestamps;
import io.tributary.proto.program.TypeKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses JSON objects into rows of a schema (the json format's reading side). Fields are
 * matched by name; a missing field or JSON null is SQL NULL; fields the schema does not have
 * are ignored. Into a TIMESTAMP column an integer is nanoseconds since the epoch and a string
 * is ISO-8601 / RFC 3339 text. A value of the wrong type is an error naming the field and the
 * value, never silently converted.
 */
public final class JsonReader {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private final List<Field> fields;
  private final Map<String, Integer> columns = new HashMap<>();

  /** @param schema the rows to produce, ending with {@code _timestamp} (which is not read) */
  public JsonReader(Schema schema) {
    requireNonNull(schema, "schema is null");
    List<Field> all = schema.getFields();
    this.fields = all.subList(0, all.size() - 1);
    for (int i = 0; i < fields.size(); i++) {
      columns.put(fields.get(i).getName(), i);
    }
  }

  /**
   * Parses one JSON object into the builder's current row (which the caller then ends or
   * discards).
   *
   * @param where the words naming the input position for errors, e.g. "line 12 of /in.json"
   * @throws BadDataException when the text is not a JSON object matching the schema
   */
  public void read(String text, String where, BatchBuilder builder) {
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JacksonException e) {
      throw new BadDataException(
          "cannot read " + where + " as JSON: " + e.getOriginalMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new BadDataException("cannot read " + where + " as JSON: expected an object, not " + abbreviate(text));
    }
    for (Map.Entry<String, JsonNode> property : node.properties()) {
      Integer column = columns.get(property.getKey());
      if (column == null) {
        continue;
      }
      Field field = fields.get(column);
      builder.set(column, convert(property.getValue(), field, field.getName(), where));
    }
  }

  private static Object convert(JsonNode node, Field field, String path, String where) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    TypeKind kind = ArrowTypes.kindOf(field);
    return switch (kind) {
      case BOOLEAN -> {
        if (!node.isBoolean()) {
          throw mismatch(node, field, path, where);
        }
        yield node.booleanValue();
      }
      case INT8 -> (byte) integer(node, field, path, where, Byte.MIN_VALUE, Byte.MAX_VALUE);
      case INT16 -> (short) integer(node, field, path, where, Short.MIN_VALUE, Short.MAX_VALUE);
      case INT32 -> (int) integer(node, field, path, where, Integer.MIN_VALUE, Integer.MAX_VALUE);
      case INT64 -> integer(node, field, path, where, Long.MIN_VALUE, Long.MAX_VALUE);
      case UINT8 -> (int) integer(node, field, path, where, 0, 255);
      case UINT16 -> (int) integer(node, field, path, where, 0, 65535);
      case UINT32 -> integer(node, field, path, where, 0, 4294967295L);
      case UINT64 -> {
        if (!node.isIntegralNumber()) {
          throw mismatch(node, field, path, where);
        }
        BigInteger value = node.bigIntegerValue();
        if (value.signum() < 0 || value.bitLength() > 64) {
          throw mismatch(node, field, path, where);
        }
        yield value.longValue();
      }
      case FLOAT32 -> {
        if (!node.isNumber()) {
          throw mismatch(node, field, path, where);
        }
        yield node.floatValue();
      }
      case FLOAT64 -> {
        if (!node.isNumber()) {
          throw mismatch(node, field, path, where);
        }
        yield node.doubleValue();
      }
      case DECIMAL -> {
        try {
          BigDecimal value = node.isNumber() ? node.decimalValue()
              : node.isString() ? new BigDecimal(node.stringValue().trim()) : null;
          if (value == null) {
            throw mismatch(node, field, path, where);
          }
          ArrowType.Decimal type = (ArrowType.Decimal) field.getType();
          BigDecimal scaled = value.setScale(type.getScale(), java.math.RoundingMode.HALF_UP);
          if (scaled.precision() > type.getPrecision()) {
            throw mismatch(node, field, path, where);
          }
          yield scaled;
        } catch (NumberFormatException e) {
          throw mismatch(node, field, path, where);
        }
      }
      case UTF8 -> {
        if (!node.isString()) {
          throw mismatch(node, field, path, where);
        }
        yield node.stringValue();
      }
      case JSON -> node.isString() ? node.stringValue() : node.toString();
      case BINARY -> {
        if (!node.isString()) {
          throw mismatch(node, field, path, where);
        }
        try {
          yield HexFormat.of().parseHex(node.stringValue());
        } catch (IllegalArgumentException e) {
          throw mismatch(node, field, path, where);
        }
      }
      case TIMESTAMP -> {
        if (node.isIntegralNumber()) {
          yield integer(node, field, path, where, Long.MIN_VALUE, Long.MAX_VALUE);
        }
        if (node.isString()) {
          yield Timestamps.parse(node.stringValue()).orElseThrow(() -> mismatch(node, field, path, where));
        }
        throw mismatch(node, field, path, where);
      }
      case DATE -> {
        if (!node.isString()) {
          throw mismatch(node, field, path, where);
        }
        yield Timestamps.parseDate(node.stringValue()).orElseThrow(() -> mismatch(node, field, path, where));
      }
      case TIME -> {
        if (!node.isString()) {
          throw mismatch(node, field, path, where);
        }
        yield Timestamps.parseTime(node.stringValue()).orElseThrow(() -> mismatch(node, field, path, where));
      }
      case STRUCT -> {
        if (!node.isObject()) {
          throw mismatch(node, field, path, where);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field child : field.getChildren()) {
          values.put(child.getName(), convert(node.get(child.getName()), child, path + "." + child.getName(), where));
        }
        yield values;
      }
      case LIST -> {
        if (!node.isArray()) {
          throw mismatch(node, field, path, where);
        }
        Field element = field.getChildren().getFirst();
        List<Object> values = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
          values.add(convert(node.get(i), element, path + "[" + i + "]", where));
        }
        yield values;
      }
      case NULL -> null;
      default -> throw new BadDataException(
          "cannot read " + where + " as JSON: field '" + path + "' has type " + kind
              + ", which the json format does not read");
    };
  }

  private static long integer(JsonNode node, Field field, String path, String where, long min, long max) {
    if (!node.isIntegralNumber()) {
      throw mismatch(node, field, path, where);
    }
    BigInteger value = node.bigIntegerValue();
    if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
      throw mismatch(node, field, path, where);
    }
    return value.longValue();
  }

  private static BadDataException mismatch(JsonNode node, Field field, String path, String where) {
    return new BadDataException(
        "cannot read " + where + " as JSON: field '" + path + "' expects " + typeName(field)
            + ", not " + abbreviate(node.toString()));
  }

  private static String typeName(Field field) {
    TypeKind kind = ArrowTypes.kindOf(field);
    return switch (kind) {
      case INT8 -> "TINYINT";
      case INT16 -> "SMALLINT";
      case INT32 -> "INT";
      case INT64 -> "BIGINT";
      case UINT8 -> "TINYINT UNSIGNED";
      case UINT16 -> "SMALLINT UNSIGNED";
      case UINT32 -> "INT UNSIGNED";
      case UINT64 -> "BIGINT UNSIGNED";
      case FLOAT32 -> "REAL";
      case FLOAT64 -> "DOUBLE";
      case UTF8 -> "TEXT";
      case BINARY -> "BYTEA (hex text)";
      case DECIMAL -> {
        ArrowType.Decimal d = (ArrowType.Decimal) field.getType();
        yield "DECIMAL(" + d.getPrecision() + ", " + d.getScale() + ")";
      }
      default -> kind.name();
    };
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
