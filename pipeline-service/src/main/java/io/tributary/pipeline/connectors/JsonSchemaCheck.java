package io.tributary.pipeline.connectors;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Checks a config against the part of JSON Schema that connector schemas use: an object of
 * scalar properties with {@code type}, {@code enum}, {@code pattern}, {@code minimum},
 * {@code required}, {@code additionalProperties: false} and {@code patternProperties}. The
 * answer names the first offending field.
 */
public final class JsonSchemaCheck {
    private JsonSchemaCheck() {}

    public static Optional<String> problem(JsonNode schema, JsonNode config) {
        if (!config.isObject()) {
            return Optional.of("config must be a JSON object");
        }
        for (JsonNode required : schema.path("required")) {
            if (!config.has(required.asString()) || config.get(required.asString()).isNull()) {
                return Optional.of("config field '" + required.asString() + "' is required");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = config.properties().iterator(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode property = schema.path("properties").path(field.getKey());
            if (property.isMissingNode()) {
                Optional<JsonNode> byPattern = byPattern(schema, field.getKey());
                if (byPattern.isEmpty() && !schema.path("additionalProperties").asBoolean(true)) {
                    return Optional.of("config field '" + field.getKey() + "' is not known; known fields: "
                            + String.join(", ", schema.path("properties").propertyNames()));
                }
                property = byPattern.orElse(property);
            }
            Optional<String> problem = valueProblem(property, field.getValue());
            if (problem.isPresent()) {
                return Optional.of("config field '" + field.getKey() + "' " + problem.get());
            }
        }
        return Optional.empty();
    }

    private static Optional<JsonNode> byPattern(JsonNode schema, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> patterns = schema.path("patternProperties").properties().iterator();
                patterns.hasNext(); ) {
            Map.Entry<String, JsonNode> pattern = patterns.next();
            if (Pattern.compile(pattern.getKey()).matcher(name).find()) {
                return Optional.of(pattern.getValue());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> valueProblem(JsonNode property, JsonNode value) {
        String type = property.path("type").asString("");
        boolean typeFits = switch (type) {
            case "string" -> value.isString();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            default -> true;
        };
        if (!typeFits) {
            return Optional.of("must be " + (type.equals("integer") ? "an " : "a ") + type + ", not " + value);
        }
        if (property.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : property.get("enum")) {
                listed |= allowed.equals(value);
            }
            if (!listed) {
                return Optional.of("must be one of " + property.get("enum") + ", not " + value);
            }
        }
        if (property.has("pattern") && value.isString()
                && !Pattern.compile(property.get("pattern").asString()).matcher(value.asString()).find()) {
            return Optional.of("does not match " + property.get("pattern").asString() + ": " + value);
        }
        if (property.has("minimum") && value.isNumber() && value.asDouble() < property.get("minimum").asDouble()) {
            return Optional.of("must be at least " + property.get("minimum") + ", not " + value);
        }
        return Optional.empty();
    }
}
