package io.tributary.connectors.format;

import io.tributary.engine.batch.ArrowTypes;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON Schema (draft-07) of the objects {@link JsonWriter} writes for a sink's columns: what
 * a sink with {@code json.confluent_schema_registry} registers. Non-null columns are required;
 * a nullable column also allows {@code null}.
 */
public final class JsonSchemas {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private JsonSchemas() {}

  public static String jsonSchema(String tableName, Schema schema) {
    List<Field> fields = schema.getFields();
    ObjectNode root = object(fields.subList(0, fields.size() - 1));
    root.put("$schema", "http://json-schema.org/draft-07/schema#").put("title", tableName);
    return MAPPER.writeValueAsString(root);
  }

  private static ObjectNode object(List<Field> fields) {
    ObjectNode object = NODES.objectNode().put("type", "object");
    ObjectNode properties = object.putObject("properties");
    ArrayNode required = object.putArray("required");
    for (Field field : fields) {
      properties.set(field.getName(), type(field));
      if (!field.isNullable()) {
        required.add(field.getName());
      }
    }
    return object;
  }

  private static ObjectNode type(Field field) {
    ObjectNode node = switch (ArrowTypes.kindOf(field)) {
      case BOOLEAN -> NODES.objectNode().put("type", "boolean");
      case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64 -> NODES.objectNode().put("type", "integer");
      case FLOAT32, FLOAT64, DECIMAL -> NODES.objectNode().put("type", "number");
      // Naive ISO-8601 text (no zone), which "date-time" would not accept.
      case TIMESTAMP, TIME -> NODES.objectNode().put("type", "string");
      case DATE -> NODES.objectNode().put("type", "string").put("format", "date");
      case STRUCT -> object(field.getChildren());
      case LIST -> {
        ObjectNode array = NODES.objectNode().put("type", "array");
        array.set("items", type(field.getChildren().getFirst()));
        yield array;
      }
      case NULL -> NODES.objectNode().put("type", "null");
      // JSON columns embed any value; binary and interval are written as text.
      case JSON -> NODES.objectNode();
      case UTF8, BINARY, INTERVAL, TYPE_KIND_UNSPECIFIED, UNRECOGNIZED -> NODES.objectNode().put("type", "string");
    };
    if (field.isNullable() && node.has("type") && !"null".equals(node.get("type").asString())) {
      String type = node.get("type").asString();
      node.putArray("type").add(type).add("null");
    }
    return node;
  }
}
