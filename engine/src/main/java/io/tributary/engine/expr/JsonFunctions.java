package io.tributary.engine.expr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Arroyo's JSON functions over JSON text, called by generated expression code. Every function
 * returns NULL (Java null) when the text is not JSON or the keys or path lead nowhere, or to a
 * value of another kind than the function returns.
 *
 * <p>Keys ({@code json_get_*}) are strings for object members and integers for array elements
 * (negative counts from the end). Paths ({@code extract_json*}, {@code get_first_json_object})
 * are the JSONPath subset {@code $}, {@code .name}, {@code ['name']}, {@code [index]} and
 * {@code [*]} / {@code .*}.
 */
public final class JsonFunctions {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** Reads decimals as BigDecimal, whose text keeps the digits as written. */
  private static final ObjectMapper EXACT_NUMBERS = new ObjectMapper()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));

  private JsonFunctions() {}

  private static JsonNode parse(String json) {
    return parse(json, MAPPER);
  }

  private static JsonNode parse(String json, ObjectMapper mapper) {
    try {
      return mapper.readTree(json);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static JsonNode get(String json, Object[] keys) {
    return get(json, keys, MAPPER);
  }

  private static JsonNode get(String json, Object[] keys, ObjectMapper mapper) {
    JsonNode node = parse(json, mapper);
    for (Object key : keys) {
      if (node == null) {
        return null;
      }
      if (key instanceof String name) {
        node = node.isObject() ? node.get(name) : null;
      } else {
        long index = ((Number) key).longValue();
        if (!node.isArray()) {
          return null;
        }
        long at = index < 0 ? node.size() + index : index;
        node = at < 0 || at >= node.size() ? null : node.get((int) at);
      }
    }
    return node;
  }

  public static String getStr(String json, Object[] keys) {
    JsonNode node = get(json, keys);
    return node != null && node.isTextual() ? node.textValue() : null;
  }

  /** The integer at the keys; NULL when absent or not an integer. Boxed: NULL travels as null. */
  public static Long getInt(String json, Object[] keys) {
    JsonNode node = get(json, keys);
    return node != null && node.isIntegralNumber() && node.canConvertToLong() ? node.longValue() : null;
  }

  public static Double getFloat(String json, Object[] keys) {
    JsonNode node = get(json, keys);
    return node != null && node.isNumber() ? node.doubleValue() : null;
  }

  public static Boolean getBool(String json, Object[] keys) {
    JsonNode node = get(json, keys);
    return node != null && node.isBoolean() ? node.booleanValue() : null;
  }

  /**
   * Arroyo's {@code json ->> key} (datafusion-functions-json's {@code json_as_text}): a string
   * unquoted; a number, boolean, object or array as its JSON text; NULL for JSON null, a path that
   * leads nowhere, or text that is not JSON. Numbers keep their written digits ({@code 1.50}).
   */
  public static String asText(String json, Object[] keys) {
    JsonNode node = get(json, keys, EXACT_NUMBERS);
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    return node.isTextual() ? node.textValue() : node.toString();
  }

  /** The value at the keys as JSON text. */
  public static String getJson(String json, Object[] keys) {
    JsonNode node = get(json, keys);
    return node == null || node.isMissingNode() ? null : node.toString();
  }

  /** Whether the keys lead to a value (JSON null counts); NULL when the text is not JSON. */
  public static Boolean contains(String json, Object[] keys) {
    if (parse(json) == null) {
      return null;
    }
    return get(json, keys) != null;
  }

  /** The number of elements of the array or members of the object at the keys, else NULL. */
  public static Long length(String json, Object[] keys) {
    JsonNode node = get(json, keys);
    return node != null && (node.isArray() || node.isObject()) ? (long) node.size() : null;
  }

  // ---- JSONPath

  /** The values the path selects, in document order; null when the text or path is invalid. */
  static List<JsonNode> select(String json, String path) {
    JsonNode root = parse(json);
    if (root == null) {
      return null;
    }
    String p = path.trim();
    if (!p.startsWith("$")) {
      return null;
    }
    List<JsonNode> current = new ArrayList<>(List.of(root));
    int i = 1;
    while (i < p.length()) {
      char c = p.charAt(i);
      List<JsonNode> next = new ArrayList<>();
      if (c == '.') {
        int end = i + 1;
        while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') {
          end++;
        }
        String name = p.substring(i + 1, end);
        if (name.isEmpty()) {
          return null;
        }
        for (JsonNode node : current) {
          if (name.equals("*")) {
            node.elements().forEachRemaining(next::add);
          } else if (node.isObject() && node.has(name)) {
            next.add(node.get(name));
          }
        }
        i = end;
      } else if (c == '[') {
        int end = p.indexOf(']', i);
        if (end < 0) {
          return null;
        }
        String inside = p.substring(i + 1, end).trim();
        for (JsonNode node : current) {
          if (inside.equals("*")) {
            node.elements().forEachRemaining(next::add);
          } else if (inside.length() >= 2 && (inside.charAt(0) == '\'' || inside.charAt(0) == '"')) {
            String name = inside.substring(1, inside.length() - 1);
            if (node.isObject() && node.has(name)) {
              next.add(node.get(name));
            }
          } else {
            int index;
            try {
              index = Integer.parseInt(inside);
            } catch (NumberFormatException e) {
              return null;
            }
            int at = index < 0 ? node.size() + index : index;
            if (node.isArray() && at >= 0 && at < node.size()) {
              next.add(node.get(at));
            }
          }
        }
        i = end + 1;
      } else {
        return null;
      }
      current = next;
    }
    return current;
  }

  /** extract_json_string: the first selected value if it is a string. */
  public static String extractString(String json, String path) {
    List<JsonNode> found = select(json, path);
    return found == null || found.isEmpty() || !found.getFirst().isTextual() ? null : found.getFirst().textValue();
  }

  /** get_first_json_object: the first selected value as JSON text. */
  public static String firstObject(String json, String path) {
    List<JsonNode> found = select(json, path);
    return found == null || found.isEmpty() ? null : found.getFirst().toString();
  }

  /**
   * extract_json: every selected value, as the text of a JSON array (Arroyo returns a list of
   * JSON texts; the engine has no list values yet).
   */
  public static String extract(String json, String path) {
    List<JsonNode> found = select(json, path);
    if (found == null) {
      return null;
    }
    return MAPPER.createArrayNode().addAll(found).toString();
  }
}
