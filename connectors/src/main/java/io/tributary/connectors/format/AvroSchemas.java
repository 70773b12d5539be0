package io.tributary.connectors.format;

import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.connector.ConnectorException;
import io.tributary.proto.program.TypeKind;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Avro schema of a sink's rows, derived from its columns ({@code _timestamp} left out): a
 * record named after the table, one field per column in order, a nullable column as the union
 * {@code ["null", type]} with default null. TIMESTAMP is {@code long} with logical type
 * {@code timestamp-micros}, DATE {@code int}/{@code date}, TIME {@code long}/{@code time-micros},
 * DECIMAL {@code bytes}/{@code decimal}, JSON text {@code string}, unsigned integers the next
 * wider signed type (UINT64 as {@code long}), structs nested records and lists arrays.
 * {@link AvroWriter} encodes rows to exactly this schema.
 */
public final class AvroSchemas {
  private static final Pattern AVRO_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private AvroSchemas() {}

  /** The schema as Avro's JSON text. */
  public static String avroSchema(String tableName, Schema schema) {
    return MAPPER.writeValueAsString(record(recordName(tableName), dataColumns(tableName, schema), tableName));
  }

  /** The columns a sink writes: all but {@code _timestamp}; an updating stream has no Avro form. */
  static List<Field> dataColumns(String tableName, Schema schema) {
    if (ArrowTypes.isUpdating(schema)) {
      throw new ConnectorException("table " + tableName + " receives an updating stream (rows are retracted as "
          + "well as added), which the avro format cannot express; use format 'debezium_json'");
    }
    List<Field> fields = schema.getFields();
    return fields.subList(0, fields.size() - 1);
  }

  private static String recordName(String tableName) {
    String name = tableName.replaceAll("[^A-Za-z0-9_]", "_");
    return Character.isDigit(name.charAt(0)) ? "_" + name : name;
  }

  private static ObjectNode record(String name, List<Field> fields, String tableName) {
    ObjectNode record = NODES.objectNode().put("type", "record").put("name", name);
    ArrayNode avroFields = record.putArray("fields");
    for (Field field : fields) {
      if (!AVRO_NAME.matcher(field.getName()).matches()) {
        throw new ConnectorException("column '" + field.getName() + "' of table " + tableName
            + " is not a valid Avro field name (letters, digits and '_', not starting with a digit); rename it "
            + "with AS in the query");
      }
      ObjectNode avroField = avroFields.addObject().put("name", field.getName());
      Object type = type(name + "_" + field.getName(), field, tableName);
      if (field.isNullable() && !(field.getType() instanceof ArrowType.Null)) {
        ArrayNode union = avroField.putArray("type");
        union.add("null");
        addType(union, type);
        avroField.putNull("default");
      } else if (type instanceof String primitive) {
        avroField.put("type", primitive);
      } else {
        avroField.set("type", (ObjectNode) type);
      }
    }
    return record;
  }

  private static void addType(ArrayNode array, Object type) {
    if (type instanceof String primitive) {
      array.add(primitive);
    } else {
      array.add((ObjectNode) type);
    }
  }

  /** A primitive's name, or the object of a complex or logical type. */
  private static Object type(String name, Field field, String tableName) {
    TypeKind kind = ArrowTypes.kindOf(field);
    return switch (kind) {
      case BOOLEAN -> "boolean";
      case INT8, INT16, INT32, UINT8, UINT16 -> "int";
      case INT64, UINT32, UINT64 -> "long";
      case FLOAT32 -> "float";
      case FLOAT64 -> "double";
      case UTF8, JSON -> "string";
      case BINARY -> "bytes";
      case NULL -> "null";
      case TIMESTAMP -> NODES.objectNode().put("type", "long").put("logicalType", "timestamp-micros");
      case DATE -> NODES.objectNode().put("type", "int").put("logicalType", "date");
      case TIME -> NODES.objectNode().put("type", "long").put("logicalType", "time-micros");
      case DECIMAL -> {
        ArrowType.Decimal decimal = (ArrowType.Decimal) field.getType();
        yield NODES.objectNode().put("type", "bytes").put("logicalType", "decimal")
            .put("precision", decimal.getPrecision()).put("scale", decimal.getScale());
      }
      case STRUCT -> record(name, field.getChildren(), tableName);
      case LIST -> {
        ObjectNode array = NODES.objectNode().put("type", "array");
        Field element = field.getChildren().getFirst();
        Object items = type(name + "_item", element, tableName);
        if (element.isNullable() && !(element.getType() instanceof ArrowType.Null)) {
          addType(array.putArray("items").add("null"), items);
        } else if (items instanceof String primitive) {
          array.put("items", primitive);
        } else {
          array.set("items", (ObjectNode) items);
        }
        yield array;
      }
      case INTERVAL, TYPE_KIND_UNSPECIFIED, UNRECOGNIZED -> throw new ConnectorException(
          "column '" + field.getName() + "' of table " + tableName + " is an INTERVAL, which Avro cannot hold; "
              + "cast it to text in the query");
    };
  }
}
