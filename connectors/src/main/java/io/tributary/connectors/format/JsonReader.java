package io.tributary.connectors.format;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.batch.UnreadFields;
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
import io.tributary.engine.batch.VectorValues;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.StructVector;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.BufferRecycler;
import tools.jackson.core.util.RecyclerPool;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses JSON objects into rows of a schema (the json format's reading side). Fields are
 * matched by name; a missing field or JSON null is SQL NULL; fields the schema does not have
 * are ignored. Into a TIMESTAMP column an integer is nanoseconds since the epoch and a string
 * is ISO-8601 / RFC 3339 text. A value of the wrong type is an error naming the field and the
 * value, never silently converted. One instance reads one line at a time (not thread-safe).
 */
public final class JsonReader {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private final List<Field> fields;
  private final Map<String, Integer> columns = new HashMap<>();
  private final Node[] nodes;
  /** Defaults as MAPPER, but recycling one set of buffers for this reader's parsers. */
  private final JsonMapper streamMapper =
      JsonMapper.builder(JsonFactory.builder().recyclerPool(new OneSlotPool()).build()).build();
  private final boolean[] seen;
  private final FieldNames names;
  /** The one-pass byte path, tried first on UTF-8 input. */
  private final Utf8JsonRows plain;
  /** Scratch for {@link #writeText}. */
  private final byte[] ascii = new byte[256];

  /** @param schema the rows to produce, ending with {@code _timestamp} (which is not read) */
  public JsonReader(Schema schema) {
    this(schema, UnreadFields.none());
  }

  /**
   * @param schema the rows to produce, ending with {@code _timestamp} (which is not read)
   * @param unread fields of {@code schema} to leave NULL: their values are skipped, unchecked
   */
  public JsonReader(Schema schema, UnreadFields unread) {
    requireNonNull(schema, "schema is null");
    requireNonNull(unread, "unread is null");
    List<Field> all = schema.getFields();
    this.fields = all.subList(0, all.size() - 1);
    for (int i = 0; i < fields.size(); i++) {
      columns.put(fields.get(i).getName(), i);
    }
    this.nodes = new Node[fields.size()];
    for (int i = 0; i < fields.size(); i++) {
      nodes[i] = new Node(fields.get(i), fields.get(i).getName(), List.of(i), unread);
    }
    this.seen = new boolean[fields.size()];
    this.names = new FieldNames(fields.stream().map(Field::getName).toList());
    this.plain = new Utf8JsonRows(fields, unread);
  }

  /**
   * Parses one JSON object into the builder's current row (which the caller then ends or
   * discards).
   *
   * @param where the words naming the input position for errors, e.g. "line 12 of /in.json"
   * @throws BadDataException when the text is not a JSON object matching the schema
   */
  public void read(String text, String where, BatchBuilder builder) {
    read(text, () -> where, builder);
  }

  /** As {@link #read(String, String, BatchBuilder)}, building the position words only if needed. */
  public void read(String text, Supplier<String> where, BatchBuilder builder) {
    read(() -> streamMapper.createParser(text), () -> text, where, builder);
  }

  /**
   * As {@link #read(String, Supplier, BatchBuilder)} for the UTF-8 text {@code
   * utf8[offset, offset + length)}: parsed from the bytes, with no String made for the line
   * unless it needs the tree path.
   */
  public void read(byte[] utf8, int offset, int length, Supplier<String> where, BatchBuilder builder) {
    if (plain.usable()) {
      if (plain.read(utf8, offset, length, builder)) {
        return;
      }
      builder.discardRow();
    }
    read(() -> streamMapper.createParser(utf8, offset, length),
        () -> new String(utf8, offset, length, StandardCharsets.UTF_8), where, builder);
  }

  /**
   * Reads the line that starts at {@code utf8[offset]}, when it is a plain JSON object, into the
   * builder's current row and answers the index of the '\n' ending it, found along the way: the
   * caller need not search for it first. -1 when the line is not plain or not whole before
   * {@code limit}: nothing is written, and the caller reads the line the usual way.
   */
  public int readLine(byte[] utf8, int offset, int limit, BatchBuilder builder) {
    if (!plain.usable()) {
      return -1;
    }
    int newline = plain.readLine(utf8, offset, limit, builder);
    if (newline < 0) {
      builder.discardRow();
    }
    return newline;
  }

  private void read(Supplier<JsonParser> parse, Supplier<String> text, Supplier<String> where, BatchBuilder builder) {
    try (JsonParser parser = parse.get()) {
      if (readStreaming(parser, where, builder)) {
        return;
      }
    } catch (RuntimeException e) {
      // bad or unusual input: the tree path below gives the exact error (or value)
    }
    builder.discardRow();
    readTree(text.get(), where.get(), builder);
  }

  /** A recycler pool holding one buffer set: a reader parses one line at a time. */
  private static final class OneSlotPool implements RecyclerPool<BufferRecycler> {
    private final AtomicReference<BufferRecycler> slot = new AtomicReference<>();

    @Override
    public BufferRecycler acquirePooled() {
      BufferRecycler recycler = slot.getAndSet(null);
      return recycler != null ? recycler : new BufferRecycler();
    }

    @Override
    public void releasePooled(BufferRecycler recycler) {
      slot.set(recycler);
    }
  }

  /**
   * The fast path: tokens straight into the builder's vectors. Returns false or throws (any
   * exception, messages not meant for users) whenever the line is not a plain object the
   * schema can take; the caller then discards the row and reads it again as a tree, so errors
   * and unusual cases (duplicate keys, trailing tokens, big numbers) behave exactly as before.
   */
  private boolean readStreaming(JsonParser parser, Supplier<String> where, BatchBuilder builder) {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      return false;
    }
    int row = builder.rowCount();
    boolean[] seen = this.seen;
    java.util.Arrays.fill(seen, false);
    JsonToken token;
    int position = 0;
    while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
      int column = names.indexOf(parser.currentName(), position++);
      token = parser.nextToken();
      if (column < 0 || nodes[column].unread) {
        parser.skipChildren();
        continue;
      }
      if (seen[column]) {
        throw Fallback.INSTANCE;
      }
      seen[column] = true;
      if (token == JsonToken.VALUE_NULL) {
        continue; // the row's slot starts null
      }
      write(parser, token, nodes[column], builder.vectorForWrite(column), row, where);
    }
    return token == JsonToken.END_OBJECT && parser.nextToken() == null;
  }

  private void write(JsonParser parser, JsonToken token, Node node, FieldVector vector, int index, Supplier<String> where) {
    switch (node.kind) {
      case BOOLEAN -> {
        if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
          throw Fallback.INSTANCE;
        }
        ((BitVector) vector).setSafe(index, token == JsonToken.VALUE_TRUE ? 1 : 0);
      }
      case INT8 -> ((TinyIntVector) vector).setSafe(index, (byte) integer(parser, token, Byte.MIN_VALUE, Byte.MAX_VALUE));
      case INT16 -> ((SmallIntVector) vector).setSafe(index, (short) integer(parser, token, Short.MIN_VALUE, Short.MAX_VALUE));
      case INT32 -> ((IntVector) vector).setSafe(index, (int) integer(parser, token, Integer.MIN_VALUE, Integer.MAX_VALUE));
      case INT64 -> ((BigIntVector) vector).setSafe(index, integer(parser, token, Long.MIN_VALUE, Long.MAX_VALUE));
      case UINT8 -> ((UInt1Vector) vector).setSafe(index, (int) integer(parser, token, 0, 255));
      case UINT16 -> ((UInt2Vector) vector).setSafe(index, (int) integer(parser, token, 0, 65535));
      case UINT32 -> ((UInt4Vector) vector).setSafe(index, (int) integer(parser, token, 0, 4294967295L));
      case FLOAT32 -> ((Float4Vector) vector).setSafe(index, (float) floating(parser, token));
      case FLOAT64 -> ((Float8Vector) vector).setSafe(index, floating(parser, token));
      case UTF8 -> {
        if (token != JsonToken.VALUE_STRING) {
          throw Fallback.INSTANCE;
        }
        writeText(parser, (VarCharVector) vector, index);
      }
      case TIMESTAMP -> {
        long nanos;
        if (token == JsonToken.VALUE_STRING) {
          nanos = parseTimestamp(parser.getString());
        } else {
          nanos = integer(parser, token, Long.MIN_VALUE, Long.MAX_VALUE);
        }
        if (vector instanceof TimeStampNanoVector v) {
          v.setSafe(index, nanos);
        } else {
          VectorValues.set(vector, index, nanos);
        }
      }
      case STRUCT -> {
        if (token != JsonToken.START_OBJECT || !(vector instanceof StructVector struct)) {
          throw Fallback.INSTANCE;
        }
        struct.setIndexDefined(index);
        boolean[] seen = node.seen;
        java.util.Arrays.fill(seen, false);
        JsonToken next;
        int position = 0;
        while ((next = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
          int child = node.names.indexOf(parser.currentName(), position++);
          next = parser.nextToken();
          if (child < 0 || node.childNodes[child].unread) {
            parser.skipChildren();
            continue;
          }
          if (seen[child]) {
            throw Fallback.INSTANCE;
          }
          seen[child] = true;
          FieldVector childVector = (FieldVector) struct.getChildByOrdinal(child);
          if (next == JsonToken.VALUE_NULL) {
            if (node.childNodes[child].explicitNull) {
              VectorValues.setNull(childVector, index);
            }
            continue; // otherwise the row's slot starts null
          }
          write(parser, next, node.childNodes[child], childVector, index, where);
        }
        if (next != JsonToken.END_OBJECT) {
          throw Fallback.INSTANCE;
        }
        if (node.anyExplicitNull) {
          for (int i = 0; i < seen.length; i++) {
            if (!seen[i] && node.childNodes[i].explicitNull) {
              VectorValues.setNull((FieldVector) struct.getChildByOrdinal(i), index);
            }
          }
        }
      }
      default -> {
        // rarer kinds: the value as a tree, converted as the tree path does
        JsonNode value = parser.readValueAsTree();
        VectorValues.set(vector, index, convert(value, node.field, node.path, where.get()));
      }
    }
  }

  /** ASCII text's bytes, encoded without a String; a longer or non-ASCII value goes through one. */
  private void writeText(JsonParser parser, VarCharVector vector, int index) {
    char[] chars = parser.getStringCharacters();
    int from = parser.getStringOffset();
    int length = parser.getStringLength();
    if (length <= ascii.length) {
      int i = 0;
      while (i < length && chars[from + i] < 0x80) {
        ascii[i] = (byte) chars[from + i];
        i++;
      }
      if (i == length) {
        vector.setSafe(index, ascii, 0, length);
        return;
      }
    }
    vector.setSafe(index, parser.getString().getBytes(StandardCharsets.UTF_8));
  }

  private static long integer(JsonParser parser, JsonToken token, long min, long max) {
    if (token != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw Fallback.INSTANCE;
    }
    long value = parser.getLongValue();
    if (value < min || value > max) {
      throw Fallback.INSTANCE;
    }
    return value;
  }

  private static double floating(JsonParser parser, JsonToken token) {
    if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      return parser.getLongValue();
    }
    if (token == JsonToken.VALUE_NUMBER_FLOAT) {
      double value = parser.getDoubleValue();
      if (!Double.isNaN(value) && !Double.isInfinite(value)) {
        return value;
      }
    }
    throw Fallback.INSTANCE;
  }

  /** ISO-8601 text to epoch nanoseconds: the common shapes by hand, the rest via java.time. */
  static long parseTimestamp(String text) {
    // Latin-1 keeps one byte per char; a char beyond it becomes '?', which no shape accepts.
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    long nanos = fastTimestamp(bytes, 0, bytes.length);
    if (nanos != Long.MIN_VALUE) {
      return nanos;
    }
    return Timestamps.parse(text).orElseThrow(() -> Fallback.INSTANCE);
  }

  /**
   * {@code s[from, to)} as {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}][Z|±HH:MM]} (upper-case T and Z,
   * no surrounding space), read from ASCII bytes; anything else, or a value java.time would
   * resolve differently (day past the month's end, leap second, overflow), gives {@code
   * Long.MIN_VALUE} so that the caller falls back to {@link Timestamps#parse}.
   */
  static long fastTimestamp(byte[] s, int from, int to) {
    int n = to - from;
    if (n < 19 || s[from + 4] != '-' || s[from + 7] != '-' || s[from + 10] != 'T'
        || s[from + 13] != ':' || s[from + 16] != ':') {
      return Long.MIN_VALUE;
    }
    int year = digits(s, from, 4);
    int month = digits(s, from + 5, 2);
    int day = digits(s, from + 8, 2);
    int hour = digits(s, from + 11, 2);
    int minute = digits(s, from + 14, 2);
    int second = digits(s, from + 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23
        || minute < 0 || minute > 59 || second < 0 || second > 59
        || day > monthLength(year, month)) {
      return Long.MIN_VALUE;
    }
    int i = from + 19;
    long fraction = 0;
    if (i < to && s[i] == '.') {
      int start = ++i;
      while (i < to && i - start < 10) {
        byte c = s[i];
        if (c < '0' || c > '9') {
          break;
        }
        fraction = fraction * 10 + (c - '0');
        i++;
      }
      int count = i - start;
      if (count == 0 || count > 9) {
        return Long.MIN_VALUE;
      }
      for (int k = count; k < 9; k++) {
        fraction *= 10;
      }
    }
    int offsetSeconds = 0;
    if (i < to) {
      byte c = s[i];
      if (c == 'Z' && i + 1 == to) {
        i++;
      } else if ((c == '+' || c == '-') && i + 6 == to && s[i + 3] == ':') {
        int oh = digits(s, i + 1, 2);
        int om = digits(s, i + 4, 2);
        if (oh < 0 || oh > 17 || om < 0 || om > 59) {
          return Long.MIN_VALUE;
        }
        offsetSeconds = (c == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        i += 6;
      } else {
        return Long.MIN_VALUE;
      }
    }
    long days = epochDay(year, month, day);
    long seconds = days * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
    // |seconds| < 2^39 here, so only the scaling can overflow
    if (seconds > Long.MAX_VALUE / 1_000_000_000L - 1 || seconds < Long.MIN_VALUE / 1_000_000_000L + 1) {
      return Long.MIN_VALUE;
    }
    return seconds * 1_000_000_000L + fraction;
  }

  /** The value of {@code count} ASCII digits at {@code from}, or -1. */
  private static int digits(byte[] s, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      byte c = s[i];
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** As YearMonth.lengthOfMonth, without making a YearMonth per timestamp. */
  private static int monthLength(int year, int month) {
    return switch (month) {
      case 2 -> java.time.Year.isLeap(year) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (as LocalDate.toEpochDay). */
  private static long epochDay(int year, int month, int day) {
    long y = year;
    long total = 365 * y;
    if (y >= 0) {
      total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
    } else {
      total -= y / -4 - y / -100 + y / -400;
    }
    total += (367 * month - 362) / 12;
    total += day - 1;
    if (month > 2) {
      total--;
      if (!java.time.Year.isLeap(year)) {
        total--;
      }
    }
    return total - 719_528L;
  }

  /** A line the fast path leaves to the tree path; no stack trace, no message. */
  private static final class Fallback extends RuntimeException {
    static final Fallback INSTANCE = new Fallback();

    private Fallback() {
      super(null, null, false, false);
    }
  }

  /** A schema field, prepared for the fast path. */
  private static final class Node {
    final Field field;
    final TypeKind kind;
    final String path;
    /** Nobody reads it: left NULL, its value skipped. */
    final boolean unread;
    /** Whether a field below it is unread. */
    final boolean anyUnread;
    final Map<String, Integer> children = new HashMap<>();
    /** The same names for the streaming path. */
    final FieldNames names;
    final Node[] childNodes;
    final boolean[] seen;
    /** Whether a null must be written (lists keep offsets per row); others start null. */
    final boolean explicitNull;
    final boolean anyExplicitNull;

    /** @param indexes the field's column index, then its child index at each struct level */
    Node(Field field, String path, List<Integer> indexes, UnreadFields unread) {
      this.field = field;
      this.kind = ArrowTypes.kindOf(field);
      this.path = path;
      this.unread = unread.contains(indexes);
      List<Field> kids = kind == TypeKind.STRUCT ? field.getChildren() : List.of();
      this.childNodes = new Node[kids.size()];
      this.seen = new boolean[kids.size()];
      boolean anyUnreadBelow = false;
      for (int i = 0; i < kids.size(); i++) {
        children.put(kids.get(i).getName(), i);
        List<Integer> childIndexes = new ArrayList<>(indexes);
        childIndexes.add(i);
        childNodes[i] = new Node(kids.get(i), path + "." + kids.get(i).getName(), childIndexes, unread);
        anyUnreadBelow |= childNodes[i].unread || childNodes[i].anyUnread;
      }
      this.anyUnread = anyUnreadBelow;
      this.names = new FieldNames(kids.stream().map(Field::getName).toList());
      boolean any = false;
      for (Node child : childNodes) {
        any |= child.explicitNull;
      }
      this.anyExplicitNull = any;
      this.explicitNull = switch (kind) {
        case BOOLEAN, INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, FLOAT32, FLOAT64,
            DECIMAL, UTF8, JSON, BINARY, TIMESTAMP, DATE, TIME, NULL -> false;
        case STRUCT -> any;
        default -> true;
      };
    }
  }

  /**
   * The row a parsed JSON object holds, one value per column (in the forms {@link BatchBuilder#set}
   * takes), read as {@link #read} reads a line; for formats that wrap rows in an envelope.
   *
   * @throws BadDataException when the object does not match the schema
   */
  public Object[] values(JsonNode object, String where) {
    Object[] values = new Object[fields.size()];
    for (Map.Entry<String, JsonNode> property : object.properties()) {
      Integer column = columns.get(property.getKey());
      if (column != null) {
        values[column] = convert(property.getValue(), nodes[column], where);
      }
    }
    return values;
  }

  private void readTree(String text, String where, BatchBuilder builder) {
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
      builder.set(column, convert(property.getValue(), nodes[column], where));
    }
  }

  /** As {@link #convert(JsonNode, Field, String, String)}, leaving unread fields NULL and unchecked. */
  private static Object convert(JsonNode value, Node node, String where) {
    if (node.unread) {
      return null;
    }
    if (node.anyUnread && value != null && value.isObject()) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (Node child : node.childNodes) {
        values.put(child.field.getName(), convert(value.get(child.field.getName()), child, where));
      }
      return values;
    }
    return convert(value, node.field, node.path, where);
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
