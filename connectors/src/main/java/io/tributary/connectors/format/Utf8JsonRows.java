package io.tributary.connectors.format;

import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.batch.UnreadFields;
import io.tributary.proto.program.TypeKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The first path for a JSON line: one pass over its UTF-8 bytes straight into the row's
 * vectors, for the plain lines generated data consists of. It takes only what it can read
 * exactly as the Jackson path does: an object of known or skippable fields, integers, booleans,
 * ASCII strings without escapes, timestamps, and nested objects of those; fields it need not
 * read (unknown, or unread by the query) it skips, checking only their grammar. On anything else
 * in a field it reads (an escape, non-ASCII text, a fraction, an array), a duplicate key or bad
 * JSON, it answers false and the caller discards the row and reads the line the general way, so values
 * and error messages are those of that path. Usable only when every column of the schema is
 * of a kind it reads ({@link #usable()}).
 */
final class Utf8JsonRows {
  /** A column or struct field: its kind, its name's bytes and, for a struct, its fields. */
  private static final class Column {
    final TypeKind kind;
    /** Nobody reads it: its value is skipped, and may be of any kind. */
    final boolean unread;
    final byte[] name;
    final Column[] children;
    final boolean[] seen;
    /** Which field came at each key position of the last object (the usual order repeats). */
    final int[] lastAt = new int[32];
    /** The key (and its closing quote) at each position of the last object where it named no field (else null). */
    final ByteScan.Needle[] unknownAt = new ByteScan.Needle[32];
    /**
     * The name and the closing quote, when the name has no quote or backslash, so that a key's
     * raw bytes can match it; else null.
     */
    final ByteScan.Needle key;
    /** A TIMESTAMP's last text (with its closing quote) and value: consecutive events often share one. */
    private ByteScan.Needle lastTime;
    private long lastNanos;

    /** @param path the field's indexes from the row down (empty: the row itself) */
    Column(Field field, List<Integer> path, UnreadFields unreadFields) {
      this.kind = ArrowTypes.kindOf(field);
      this.unread = !path.isEmpty() && unreadFields.contains(path);
      this.name = field.getName().getBytes(StandardCharsets.UTF_8);
      List<Field> kids = kind == TypeKind.STRUCT ? field.getChildren() : List.of();
      this.children = new Column[kids.size()];
      for (int i = 0; i < kids.size(); i++) {
        List<Integer> childPath = new java.util.ArrayList<>(path);
        childPath.add(i);
        children[i] = new Column(kids.get(i), childPath, unreadFields);
      }
      this.seen = new boolean[children.length];
      byte[] quoted = java.util.Arrays.copyOf(name, name.length + 1);
      quoted[name.length] = '"';
      this.key = ByteScan.plainStringStop(name, 0, name.length) < 0 ? new ByteScan.Needle(quoted) : null;
    }

    /** The TIMESTAMP written as the plain text {@code in[start, stop)}, {@code in[stop]} its closing quote. */
    long timestamp(byte[] in, int start, int stop) {
      if (lastTime != null && lastTime.length() == stop + 1 - start && lastTime.isAt(in, start)) {
        return lastNanos;
      }
      long nanos = JsonReader.fastTimestamp(in, start, stop);
      if (nanos == Long.MIN_VALUE) {
        nanos = JsonReader.parseTimestamp(new String(in, start, stop - start, StandardCharsets.ISO_8859_1));
      }
      lastTime = new ByteScan.Needle(java.util.Arrays.copyOfRange(in, start, stop + 1));
      lastNanos = nanos;
      return nanos;
    }

    boolean readable() {
      if (unread) {
        return true;
      }
      return switch (kind) {
        case BOOLEAN, INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UTF8, TIMESTAMP -> true;
        case STRUCT -> {
          for (Column child : children) {
            if (!child.readable()) {
              yield false;
            }
          }
          yield true;
        }
        default -> false;
      };
    }
  }

  /** Thrown inside a line to leave this path; carries no stack. */
  private static final class NotPlain extends RuntimeException {
    static final NotPlain INSTANCE = new NotPlain();

    private NotPlain() {
      super("not a plain line", null, false, false);
    }
  }

  /** {@link #sameKeyAsLast}: the key must be read and looked up. */
  private static final int NOT_THE_SAME = -2;

  private final Column row;
  private final boolean usable;
  private byte[] in;
  private int at;
  private int end;
  /**
   * Reading a line whose end is not yet known ({@link #readLine}): a '\n' ends the line, so it
   * is no white space there.
   */
  private boolean lineMode;

  Utf8JsonRows(List<Field> fields, UnreadFields unread) {
    Field struct = new Field("row", org.apache.arrow.vector.types.pojo.FieldType.nullable(
        org.apache.arrow.vector.types.pojo.ArrowType.Struct.INSTANCE), fields);
    this.row = new Column(struct, List.of(), unread);
    this.usable = row.readable();
  }

  boolean usable() {
    return usable;
  }

  /**
   * Reads {@code utf8[offset, offset + length)} into the builder's current row; false when
   * the line needs the general path (what was written is then the caller's to discard).
   */
  boolean read(byte[] utf8, int offset, int length, BatchBuilder builder) {
    return readRow(utf8, offset, offset + length, false, builder) == offset + length;
  }

  /**
   * As {@link #read} for a line that starts at {@code offset} and ends at the first '\n' in
   * {@code utf8[offset, limit)}, which need not have been looked for: this finds it, as the
   * byte after the object and its trailing white space. Answers its index; -1 when the line
   * needs the general path or has no '\n' before {@code limit} (what was written is then the
   * caller's to discard). A plain line holds no '\n' (strings stop at control characters), so
   * the line found is the one a search for the '\n' would find.
   */
  int readLine(byte[] utf8, int offset, int limit, BatchBuilder builder) {
    int after = readRow(utf8, offset, limit, true, builder);
    return after >= 0 && after < limit && utf8[after] == '\n' ? after : -1;
  }

  /**
   * Reads the object at {@code utf8[offset]} (after white space) into the builder's current row:
   * the index after it and the white space that follows, or -1 when it is not plain (or a value
   * the general path must judge: that path decides).
   *
   * @param oneLine whether the line's end is not yet known ({@link #lineMode})
   */
  private int readRow(byte[] utf8, int offset, int limit, boolean oneLine, BatchBuilder builder) {
    in = utf8;
    at = offset;
    end = limit;
    lineMode = oneLine;
    try {
      skipSpace();
      expect('{');
      readObject(row, builder.rowCount(), builder, null);
      skipSpace();
      return at;
    } catch (RuntimeException e) {
      return -1;
    } finally {
      in = null;
      lineMode = false;
    }
  }

  /** The fields of an object whose '{' was read: top-level columns, or a struct's fields. */
  private void readObject(Column column, int index, BatchBuilder builder, StructVector struct) {
    java.util.Arrays.fill(column.seen, false);
    skipSpace();
    if (peek() == '}') {
      at++;
      return;
    }
    int position = 0;
    while (true) {
      skipSpace();
      expect('"');
      int field = sameKeyAsLast(column, position);
      if (field == NOT_THE_SAME) {
        int nameStart = at;
        int nameEnd = stringEnd();
        field = field(column, nameStart, nameEnd - nameStart, position);
        at = nameEnd + 1;
      }
      position++;
      skipSpace();
      expect(':');
      skipSpace();
      if (field < 0) {
        skipValue(0);
      } else if (column.children[field].unread) {
        skipUnread(column.children[field], index, builder);
      } else {
        if (column.seen[field]) {
          throw NotPlain.INSTANCE;
        }
        column.seen[field] = true;
        if (peek() == 'n') {
          literal("null"); // the slot starts null
        } else {
          FieldVector vector = struct == null
              ? builder.vectorForWrite(field)
              : (FieldVector) struct.getChildByOrdinal(field);
          value(column.children[field], vector, index, builder);
        }
      }
      skipSpace();
      byte next = peek();
      at++;
      if (next == '}') {
        return;
      }
      if (next != ',') {
        throw NotPlain.INSTANCE;
      }
    }
  }

  /**
   * Skips the value of a field nobody reads. An object for an unread struct is walked as one that
   * is read, though all its fields are unread: its keys are then matched against the last line's
   * a word at a time instead of being scanned; nothing is written.
   */
  private void skipUnread(Column column, int index, BatchBuilder builder) {
    if (column.kind == TypeKind.STRUCT && peek() == '{') {
      at++;
      readObject(column, index, builder, null);
    } else {
      skipValue(0);
    }
  }

  private void value(Column column, FieldVector vector, int index, BatchBuilder builder) {
    switch (column.kind) {
      case BOOLEAN -> {
        boolean value = peek() == 't';
        literal(value ? "true" : "false");
        ((BitVector) vector).setSafe(index, value ? 1 : 0);
      }
      case INT8 -> ((TinyIntVector) vector).setSafe(index, (byte) integer(Byte.MIN_VALUE, Byte.MAX_VALUE));
      case INT16 -> ((SmallIntVector) vector).setSafe(index, (short) integer(Short.MIN_VALUE, Short.MAX_VALUE));
      case INT32 -> ((IntVector) vector).setSafe(index, (int) integer(Integer.MIN_VALUE, Integer.MAX_VALUE));
      case INT64 -> ((BigIntVector) vector).setSafe(index, integer(Long.MIN_VALUE, Long.MAX_VALUE));
      case UINT8 -> ((UInt1Vector) vector).setSafe(index, (int) integer(0, 255));
      case UINT16 -> ((UInt2Vector) vector).setSafe(index, (int) integer(0, 65535));
      case UINT32 -> ((UInt4Vector) vector).setSafe(index, (int) integer(0, 4294967295L));
      case UTF8 -> {
        expect('"');
        int start = at;
        int stop = stringEnd();
        text((VarCharVector) vector, index, start, stop - start);
        at = stop + 1;
      }
      case TIMESTAMP -> {
        if (!(vector instanceof TimeStampNanoVector timestamps)) {
          throw NotPlain.INSTANCE;
        }
        long nanos;
        if (peek() == '"') {
          at++;
          int start = at;
          int stop = stringEnd();
          nanos = column.timestamp(in, start, stop);
          at = stop + 1;
        } else {
          nanos = integer(Long.MIN_VALUE, Long.MAX_VALUE);
        }
        timestamps.setSafe(index, nanos);
      }
      case STRUCT -> {
        if (!(vector instanceof StructVector struct)) {
          throw NotPlain.INSTANCE;
        }
        expect('{');
        struct.setIndexDefined(index);
        readObject(column, index, builder, struct);
      }
      default -> throw NotPlain.INSTANCE;
    }
  }

  /**
   * Writes text at {@code index}. The rows skipped since the vector's last value (rows whose
   * struct was null or had no such field) become empty in one pass over the offsets; Arrow's
   * setSafe would fill them one call at a time, and a struct absent from most lines leaves a
   * hole in each of its text fields on every line.
   */
  private void text(VarCharVector vector, int index, int start, int length) {
    int last = vector.getLastSet();
    if (last < index - 1) {
      while (index >= vector.getValueCapacity()) {
        vector.reallocValidityAndOffsetBuffers();
      }
      ArrowBuf offsets = vector.getOffsetBuffer();
      int offset = offsets.getInt((long) (last + 1) * BaseVariableWidthVector.OFFSET_WIDTH);
      for (int i = last + 2; i <= index; i++) {
        offsets.setInt((long) i * BaseVariableWidthVector.OFFSET_WIDTH, offset);
      }
      vector.setLastSet(index - 1);
    }
    vector.setSafe(index, in, start, length);
  }

  /**
   * When the key starting at {@link #at} is, byte for byte, the one at this position in the
   * last object, reads past its closing quote and answers its field (-1: a field nobody
   * reads); else {@link #NOT_THE_SAME}. This skips both scanning the key for its end and
   * looking it up. Raw bytes are compared, so it needs a name without quote or backslash: the
   * key then has no escape and is exactly that name.
   */
  private int sameKeyAsLast(Column column, int position) {
    if (position >= column.lastAt.length) {
      return NOT_THE_SAME;
    }
    int guess = column.lastAt[position];
    ByteScan.Needle key = guess >= 0 && guess < column.children.length
        ? column.children[guess].key
        : guess < 0 ? column.unknownAt[position] : null;
    if (key == null) {
      return NOT_THE_SAME;
    }
    int after = at + key.length();
    if (after > end || !key.isAt(in, at)) {
      return NOT_THE_SAME;
    }
    at = after;
    return guess;
  }

  /** The field named by {@code in[start, start + length)}: the one at this position last time, or a scan. */
  private int field(Column column, int start, int length, int position) {
    Column[] children = column.children;
    if (position < column.lastAt.length) {
      int guess = column.lastAt[position];
      if (guess >= 0 && guess < children.length && named(children[guess], start, length)) {
        return guess;
      }
    }
    int found = -1;
    for (int i = 0; i < children.length; i++) {
      if (named(children[i], start, length)) {
        found = i;
        break;
      }
    }
    if (position < column.lastAt.length) {
      column.lastAt[position] = found;
      // a plain key (stringEnd passed it), so its bytes are its name
      column.unknownAt[position] = found < 0 ? new ByteScan.Needle(java.util.Arrays.copyOfRange(in, start, start + length + 1)) : null;
    }
    return found;
  }

  private boolean named(Column column, int start, int length) {
    return java.util.Arrays.equals(column.name, 0, column.name.length, in, start, start + length);
  }

  /**
   * The index of the closing quote of the string starting at {@link #at}; only printable ASCII
   * without escapes is plain (so the bytes are the value, and valid UTF-8).
   */
  private int stringEnd() {
    int stop = ByteScan.plainStringStop(in, at, end);
    if (stop < 0 || in[stop] != '"') {
      throw NotPlain.INSTANCE;
    }
    return stop;
  }

  /** An integer in JSON's grammar (no fraction or exponent) within {@code [min, max]}. */
  private long integer(long min, long max) {
    boolean negative = peek() == '-';
    if (negative) {
      at++;
    }
    int start = at;
    // Accumulated negatively, as Long.parseLong does, so that Long.MIN_VALUE is reachable.
    long value = 0;
    while (at < end && in[at] >= '0' && in[at] <= '9') {
      int digit = in[at] - '0';
      if (value < Long.MIN_VALUE / 10) {
        throw NotPlain.INSTANCE;
      }
      value *= 10;
      if (value < Long.MIN_VALUE + digit) {
        throw NotPlain.INSTANCE;
      }
      value -= digit;
      at++;
    }
    int digits = at - start;
    if (digits == 0 || (digits > 1 && in[start] == '0') || (at < end && isNumberTail(in[at]))) {
      throw NotPlain.INSTANCE;
    }
    if (!negative) {
      if (value == Long.MIN_VALUE) {
        throw NotPlain.INSTANCE;
      }
      value = -value;
    }
    if (value < min || value > max) {
      throw NotPlain.INSTANCE;
    }
    return value;
  }

  private static boolean isNumberTail(byte b) {
    return b == '.' || b == 'e' || b == 'E' || (b >= '0' && b <= '9');
  }

  /**
   * Skips a value nobody reads (an unknown or unread field), checking its grammar as a parser
   * would, so that a line is no more accepted here than on the general path. Text must be ASCII;
   * escapes are checked, not decoded. Very deep nesting is left to the general path's limits.
   */
  private void skipValue(int depth) {
    if (depth > MAX_SKIPPED_DEPTH) {
      throw NotPlain.INSTANCE;
    }
    byte first = peek();
    switch (first) {
      case '"' -> {
        at++;
        skipString();
      }
      case '{' -> skipContainer('}', depth);
      case '[' -> skipContainer(']', depth);
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> skipNumber();
    }
  }

  private static final int MAX_SKIPPED_DEPTH = 256;

  /** Skips an object (its keys and values) or an array, from its opening bracket. */
  private void skipContainer(char close, int depth) {
    at++;
    skipSpace();
    if (peek() == close) {
      at++;
      return;
    }
    while (true) {
      skipSpace();
      if (close == '}') {
        expect('"');
        skipString();
        skipSpace();
        expect(':');
        skipSpace();
      }
      skipValue(depth + 1);
      skipSpace();
      byte next = peek();
      at++;
      if (next == close) {
        return;
      }
      if (next != ',') {
        throw NotPlain.INSTANCE;
      }
    }
  }

  /** Past the closing quote of the string whose opening quote was read; escapes checked, ASCII only. */
  private void skipString() {
    while (true) {
      int stop = ByteScan.plainStringStop(in, at, end);
      if (stop < 0) {
        throw NotPlain.INSTANCE;
      }
      byte b = in[stop];
      if (b == '"') {
        at = stop + 1;
        return;
      }
      if (b != '\\' || stop + 1 >= end) {
        throw NotPlain.INSTANCE;
      }
      byte escaped = in[stop + 1];
      switch (escaped) {
        case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> at = stop + 2;
        case 'u' -> {
          if (stop + 6 > end) {
            throw NotPlain.INSTANCE;
          }
          for (int i = stop + 2; i < stop + 6; i++) {
            if (Character.digit(in[i], 16) < 0) {
              throw NotPlain.INSTANCE;
            }
          }
          at = stop + 6;
        }
        default -> throw NotPlain.INSTANCE;
      }
    }
  }

  /** Skips a number in JSON's grammar: {@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?}. */
  private void skipNumber() {
    if (peek() == '-') {
      at++;
    }
    if (peek() == '0') {
      at++;
    } else if (skipDigits() == 0) {
      throw NotPlain.INSTANCE;
    }
    if (peek() == '.') {
      at++;
      if (skipDigits() == 0) {
        throw NotPlain.INSTANCE;
      }
    }
    if (peek() == 'e' || peek() == 'E') {
      at++;
      if (peek() == '+' || peek() == '-') {
        at++;
      }
      if (skipDigits() == 0) {
        throw NotPlain.INSTANCE;
      }
    }
    if (at < end && isNumberTail(in[at])) {
      throw NotPlain.INSTANCE;
    }
  }

  /** Skips ASCII digits; how many. */
  private int skipDigits() {
    int start = at;
    while (at < end && in[at] >= '0' && in[at] <= '9') {
      at++;
    }
    return at - start;
  }

  private void literal(String word) {
    if (at + word.length() > end) {
      throw NotPlain.INSTANCE;
    }
    for (int i = 0; i < word.length(); i++) {
      if (in[at + i] != word.charAt(i)) {
        throw NotPlain.INSTANCE;
      }
    }
    at += word.length();
    if (at < end && (Character.isLetterOrDigit(in[at]) || in[at] == '_')) {
      throw NotPlain.INSTANCE;
    }
  }

  private void skipSpace() {
    while (at < end) {
      byte b = in[at];
      if (b != ' ' && b != '\t' && b != '\r' && (b != '\n' || lineMode)) {
        return;
      }
      at++;
    }
  }

  /** The byte at {@link #at}, or 0 past the line's end (the array goes on with the next line). */
  private byte peek() {
    return at < end ? in[at] : 0;
  }

  private void expect(char c) {
    if (peek() != c) {
      throw NotPlain.INSTANCE;
    }
    at++;
  }
}
