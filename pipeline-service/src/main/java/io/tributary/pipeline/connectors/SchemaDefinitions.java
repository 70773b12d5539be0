package io.tributary.pipeline.connectors;

import io.tributary.api.client.ApiJson;
import io.tributary.api.model.FieldType;
import io.tributary.api.model.SchemaDefinition;
import io.tributary.api.model.SourceField;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Fields from a schema written as JSON Schema or Avro. Arrays and maps become {@code json}
 * fields (text), as the engine has no list values yet; a problem throws
 * {@link IllegalArgumentException} naming the field.
 */
final class SchemaDefinitions {
    private SchemaDefinitions() {}

    static List<SourceField> fields(SchemaDefinition definition) {
        JsonNode schema;
        try {
            schema = ApiJson.mapper().readTree(definition.schema());
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the schema definition is not JSON: " + e.getOriginalMessage());
        }
        return switch (definition.type()) {
            case JSON_SCHEMA -> jsonSchemaFields(schema, "");
            case AVRO_SCHEMA -> avroFields(schema, "");
        };
    }

    private static List<SourceField> jsonSchemaFields(JsonNode schema, String path) {
        if (!"object".equals(schema.path("type").asString("")) || !schema.path("properties").isObject()) {
            throw new IllegalArgumentException("JSON Schema " + where(path) + "must be an object with properties");
        }
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(name -> required.add(name.asString()));
        List<SourceField> fields = new ArrayList<>();
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            String name = property.getKey();
            JsonNode type = property.getValue();
            String kind = type.path("type").asString("");
            FieldType fieldType = switch (kind) {
                case "string" -> "date-time".equals(type.path("format").asString("")) ? FieldType.TIMESTAMP : FieldType.STRING;
                case "integer" -> FieldType.INT64;
                case "number" -> FieldType.F64;
                case "boolean" -> FieldType.BOOL;
                case "object" -> type.path("properties").isObject() ? FieldType.STRUCT : FieldType.JSON;
                case "array" -> FieldType.JSON;
                default -> throw new IllegalArgumentException("JSON Schema property '" + path + name
                        + "' has no type Tributary reads (string, integer, number, boolean, object, array)");
            };
            fields.add(new SourceField(name, fieldType, required.contains(name),
                    fieldType == FieldType.STRUCT ? jsonSchemaFields(type, path + name + ".") : List.of()));
        }
        return fields;
    }

    private static List<SourceField> avroFields(JsonNode schema, String path) {
        if (!"record".equals(schema.path("type").asString("")) || !schema.path("fields").isArray()) {
            throw new IllegalArgumentException("Avro schema " + where(path) + "must be a record with fields");
        }
        List<SourceField> fields = new ArrayList<>();
        for (JsonNode field : schema.path("fields")) {
            String name = field.path("name").asString("");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("an Avro field " + where(path) + "has no name");
            }
            JsonNode type = field.path("type");
            boolean required = true;
            if (type.isArray()) {
                List<JsonNode> branches = new ArrayList<>();
                type.forEach(branch -> {
                    if (!"null".equals(branch.asString(""))) {
                        branches.add(branch);
                    }
                });
                if (branches.size() != 1) {
                    throw new IllegalArgumentException("Avro field '" + path + name
                            + "' is a union of several types; only [\"null\", type] is read");
                }
                required = branches.size() == type.size();
                type = branches.getFirst();
            }
            String logical = type.path("logicalType").asString("");
            String kind = type.isString() ? type.asString() : type.path("type").asString("");
            FieldType fieldType = logical.startsWith("timestamp-") ? FieldType.TIMESTAMP : switch (kind) {
                case "int" -> FieldType.INT32;
                case "long" -> FieldType.INT64;
                case "float" -> FieldType.F32;
                case "double" -> FieldType.F64;
                case "boolean" -> FieldType.BOOL;
                case "string", "enum" -> FieldType.STRING;
                case "bytes", "fixed" -> FieldType.BYTES;
                case "record" -> FieldType.STRUCT;
                case "array", "map" -> FieldType.JSON;
                default -> throw new IllegalArgumentException("Avro field '" + path + name + "' has type '" + kind
                        + "', which Tributary does not read");
            };
            fields.add(new SourceField(name, fieldType, required,
                    fieldType == FieldType.STRUCT ? avroFields(type, path + name + ".") : List.of()));
        }
        return fields;
    }

    private static String where(String path) {
        return path.isEmpty() ? "" : "at '" + path.substring(0, path.length() - 1) + "' ";
    }
}
