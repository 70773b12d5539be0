package io.tributary.connectors.format;

import io.tributary.engine.batch.BatchBuilder;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.arrow.vector.types.pojo.Schema;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads Avro binary datums written with a given (writer's) schema into rows of a table: each
 * datum is decoded to the JSON value Avro's JSON mapping gives it (records as objects, unions as
 * their value, enums as their symbol), with logical types turned into what the json format reads
 * (timestamps as epoch nanoseconds, dates and times as ISO text, decimals as numbers, bytes as hex
 * text), and then read as {@link JsonReader} reads an object: columns by field name, fields the
 * table lacks ignored.
 */
public final class AvroReader {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final JsonReader rows;

  public AvroReader(Schema tableSchema) {
    this.rows = new JsonReader(tableSchema);
  }

  /** A writer's schema, parsed from its JSON text. */
  public static JsonNode parseSchema(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JacksonException e) {
      throw new BadDataException("the Avro schema is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Appends the row of one datum (starting at {@code offset} of {@code data}) to the builder,
   * ended with {@code timestampNanos}.
   *
   * @throws BadDataException when the datum does not decode with the schema or does not match the table
   */
  public void read(byte[] data, int offset, JsonNode writerSchema, Supplier<String> where, BatchBuilder builder,
      long timestampNanos) {
    fill(data, offset, writerSchema, where, builder);
    builder.endRow(timestampNanos);
  }

  /**
   * Sets the columns of the row being built from one datum, leaving the row open for its caller
   * to add what the datum does not carry (a source's metadata columns) and end it.
   *
   * @throws BadDataException when the datum does not decode with the schema or does not match the table
   */
  public void fill(byte[] data, int offset, JsonNode writerSchema, Supplier<String> where, BatchBuilder builder) {
    JsonNode value;
    try {
      Decoder decoder = new Decoder(ByteBuffer.wrap(data, offset, data.length - offset).order(ByteOrder.LITTLE_ENDIAN));
      value = decoder.value(writerSchema);
    } catch (RuntimeException e) {
      throw new BadDataException("cannot decode " + where.get() + " as Avro with its schema: "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
    }
    if (!value.isObject()) {
      throw new BadDataException(where.get() + " is an Avro " + writerSchema.path("type").asString("value")
          + ", not a record");
    }
    Object[] values = rows.values(value, where.get());
    for (int column = 0; column < values.length; column++) {
      builder.set(column, values[column]);
    }
  }

  /** Decodes one datum; named types are remembered as they are defined. */
  private static final class Decoder {
    private final ByteBuffer in;
    private final Map<String, JsonNode> named = new HashMap<>();

    Decoder(ByteBuffer in) {
      this.in = in;
    }

    JsonNode value(JsonNode schema) {
      if (schema.isArray()) {
        int branch = (int) readLong();
        if (branch < 0 || branch >= schema.size()) {
          throw new IllegalArgumentException("union branch " + branch + " of " + schema.size());
        }
        return value(schema.get(branch));
      }
      if (schema.isString()) {
        String name = schema.stringValue();
        JsonNode definition = named.get(name);
        return definition != null ? complex(definition) : primitive(name, null);
      }
      String type = schema.path("type").asString();
      return switch (type) {
        case "record", "error", "enum", "fixed" -> {
          named.put(schema.path("name").asString(), schema);
          yield complex(schema);
        }
        default -> schema.path("type").isObject() || schema.path("type").isArray() ? value(schema.get("type"))
            : type.equals("array") || type.equals("map") ? complex(schema) : primitive(type, schema);
      };
    }

    private JsonNode complex(JsonNode schema) {
      return switch (schema.path("type").asString()) {
        case "record", "error" -> {
          ObjectNode object = NODES.objectNode();
          for (JsonNode field : schema.path("fields")) {
            object.set(field.path("name").asString(), value(field.get("type")));
          }
          yield object;
        }
        case "enum" -> NODES.stringNode(schema.path("symbols").get((int) readLong()).asString());
        case "fixed" -> bytes(schema, read(schema.path("size").asInt()));
        case "array" -> {
          ArrayNode array = NODES.arrayNode();
          for (long count = blockCount(); count != 0; count = blockCount()) {
            for (long i = 0; i < count; i++) {
              array.add(value(schema.get("items")));
            }
          }
          yield array;
        }
        case "map" -> {
          ObjectNode map = NODES.objectNode();
          for (long count = blockCount(); count != 0; count = blockCount()) {
            for (long i = 0; i < count; i++) {
              String key = new String(read((int) readLong()), StandardCharsets.UTF_8);
              map.set(key, value(schema.get("values")));
            }
          }
          yield map;
        }
        default -> throw new IllegalArgumentException("unknown Avro type " + schema);
      };
    }

    /** A primitive, with the logical type of {@code schema} (absent for a bare type name). */
    private JsonNode primitive(String type, JsonNode schema) {
      String logical = schema == null ? "" : schema.path("logicalType").asString("");
      return switch (type) {
        case "null" -> NODES.nullNode();
        case "boolean" -> NODES.booleanNode(in.get() != 0);
        case "int" -> {
          int value = (int) readLong();
          yield switch (logical) {
            case "date" -> NODES.stringNode(LocalDate.ofEpochDay(value).toString());
            case "time-millis" -> NODES.stringNode(LocalTime.ofNanoOfDay(value * 1_000_000L).toString());
            default -> NODES.numberNode(value);
          };
        }
        case "long" -> {
          long value = readLong();
          yield switch (logical) {
            case "timestamp-millis", "local-timestamp-millis" -> NODES.numberNode(Math.multiplyExact(value, 1_000_000L));
            case "timestamp-micros", "local-timestamp-micros" -> NODES.numberNode(Math.multiplyExact(value, 1_000L));
            case "timestamp-nanos", "local-timestamp-nanos" -> NODES.numberNode(value);
            case "time-micros" -> NODES.stringNode(LocalTime.ofNanoOfDay(value * 1_000L).toString());
            default -> NODES.numberNode(value);
          };
        }
        case "float" -> NODES.numberNode(in.getFloat());
        case "double" -> NODES.numberNode(in.getDouble());
        case "string" -> NODES.stringNode(new String(read((int) readLong()), StandardCharsets.UTF_8));
        case "bytes" -> bytes(schema, read((int) readLong()));
        default -> throw new IllegalArgumentException("unknown Avro type '" + type + "'");
      };
    }

    private static JsonNode bytes(JsonNode schema, byte[] bytes) {
      if (schema != null && schema.path("logicalType").asString("").equals("decimal")) {
        return NODES.numberNode(new BigDecimal(new BigInteger(bytes), schema.path("scale").asInt(0)));
      }
      return NODES.stringNode(HexFormat.of().formatHex(bytes));
    }

    private long blockCount() {
      long count = readLong();
      if (count < 0) {
        readLong(); // the block's size in bytes, for skipping; not needed when decoding every item
        return -count;
      }
      return count;
    }

    private byte[] read(int length) {
      byte[] bytes = new byte[length];
      in.get(bytes);
      return bytes;
    }

    private long readLong() {
      long raw = 0;
      int shift = 0;
      byte b;
      do {
        if (shift > 63) {
          throw new IllegalArgumentException("malformed variable-length integer");
        }
        b = in.get();
        raw |= (long) (b & 0x7F) << shift;
        shift += 7;
      } while ((b & 0x80) != 0);
      return (raw >>> 1) ^ -(raw & 1);
    }
  }
}
