package io.tributary.connectors.format;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.batch.BatchBuilder;
import io.tributary.proto.program.TypeKind;
import java.util.List;
import java.util.function.Supplier;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads Debezium change envelopes (the {@code debezium_json} format's reading side) into an
 * updating stream: {@code {"before":…, "after":…, "op":…}}, optionally wrapped as Kafka Connect
 * writes it with schemas enabled ({@code {"schema":…, "payload":{…}}}). {@code "c"} (create) and
 * {@code "r"} (snapshot read) add {@code after}; {@code "u"} retracts {@code before} then adds
 * {@code after}; {@code "d"} retracts {@code before}. A {@code null} line (a tombstone) holds no
 * change. The row objects are read as the json format reads rows, except that an integer in a
 * TIMESTAMP field (nested ones too) is milliseconds since the epoch, as {@link DebeziumJsonWriter}
 * writes it and Debezium's default time precision gives. An envelope whose op is unknown or lacks
 * the row its op needs is bad data, and so is the whole change when either of its rows is: an
 * update is never half applied.
 */
public final class DebeziumJsonReader {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final long NANOS_PER_MILLI = 1_000_000L;

  private final JsonReader rows;
  private final List<Field> fields;
  private final int retractColumn;

  /** @param schema the updating stream to produce: the row's columns, {@code _is_retract}, {@code _timestamp} */
  public DebeziumJsonReader(Schema schema) {
    requireNonNull(schema, "schema is null");
    if (!ArrowTypes.isUpdating(schema)) {
      throw new IllegalArgumentException("debezium_json reads into an updating schema (with _is_retract), not " + schema);
    }
    List<Field> all = schema.getFields();
    retractColumn = all.size() - 2;
    fields = all.subList(0, retractColumn);
    // The row reader sees the columns and _timestamp only: _is_retract is the envelope's to set.
    List<Field> rowFields = new java.util.ArrayList<>(fields);
    rowFields.add(all.getLast());
    rows = new JsonReader(new Schema(rowFields));
  }

  /**
   * Appends the rows of one envelope to the builder, ended with {@code timestampNanos}.
   *
   * @throws BadDataException when the line is not an envelope whose rows match the schema; nothing is appended
   */
  public void read(String text, Supplier<String> where, BatchBuilder builder, long timestampNanos) {
    JsonNode envelope;
    try {
      envelope = MAPPER.readTree(text);
    } catch (JacksonException e) {
      throw new BadDataException("cannot read " + where.get() + " as JSON: " + e.getOriginalMessage(), e);
    }
    if (envelope == null || envelope.isNull()) {
      return;
    }
    if (envelope.isObject() && !envelope.has("op") && envelope.get("payload") instanceof ObjectNode payload) {
      envelope = payload;
    }
    if (!envelope.isObject()) {
      throw bad(where, "expected a Debezium envelope object ({\"before\":…, \"after\":…, \"op\":…})");
    }
    JsonNode op = envelope.get("op");
    String kind = op != null && op.isString() ? op.stringValue() : null;
    Object[] before = null;
    Object[] after = null;
    switch (kind == null ? "" : kind) {
      case "c", "r" -> after = row(envelope, "after", kind, where);
      case "u" -> {
        before = row(envelope, "before", kind, where);
        after = row(envelope, "after", kind, where);
      }
      case "d" -> before = row(envelope, "before", kind, where);
      default -> throw bad(where, "\"op\" must be \"c\", \"r\", \"u\" or \"d\", not " + (op == null ? "missing" : op));
    }
    if (before != null) {
      append(builder, before, true, timestampNanos);
    }
    if (after != null) {
      append(builder, after, false, timestampNanos);
    }
  }

  private Object[] row(JsonNode envelope, String name, String op, Supplier<String> where) {
    JsonNode row = envelope.get(name);
    if (!(row instanceof ObjectNode object)) {
      throw bad(where, "op \"" + op + "\" needs \"" + name + "\" to be the row object, not "
          + (row == null ? "missing" : row.toString()));
    }
    ObjectNode copy = object.deepCopy();
    for (Field field : fields) {
      copy.set(field.getName(), millisToNanos(copy.get(field.getName()), field));
    }
    return rows.values(copy, where.get() + " (\"" + name + "\")");
  }

  /** {@code value} with every integer in a TIMESTAMP position of {@code field} scaled from ms to ns. */
  private static JsonNode millisToNanos(JsonNode value, Field field) {
    if (value == null || value.isNull()) {
      return value;
    }
    TypeKind kind = ArrowTypes.kindOf(field);
    return switch (kind) {
      case TIMESTAMP -> value.isIntegralNumber() && value.canConvertToLong()
          ? MAPPER.getNodeFactory().numberNode(Math.multiplyExact(value.longValue(), NANOS_PER_MILLI))
          : value;
      case STRUCT -> {
        if (!(value instanceof ObjectNode object)) {
          yield value;
        }
        for (Field child : field.getChildren()) {
          object.set(child.getName(), millisToNanos(object.get(child.getName()), child));
        }
        yield object;
      }
      case LIST -> {
        if (!(value instanceof ArrayNode array)) {
          yield value;
        }
        for (int i = 0; i < array.size(); i++) {
          array.set(i, millisToNanos(array.get(i), field.getChildren().getFirst()));
        }
        yield array;
      }
      default -> value;
    };
  }

  private void append(BatchBuilder builder, Object[] values, boolean retract, long timestampNanos) {
    for (int c = 0; c < values.length; c++) {
      builder.set(c, values[c]);
    }
    builder.set(retractColumn, retract);
    builder.endRow(timestampNanos);
  }

  private static BadDataException bad(Supplier<String> where, String problem) {
    return new BadDataException("cannot read " + where.get() + " as debezium_json: " + problem);
  }
}
