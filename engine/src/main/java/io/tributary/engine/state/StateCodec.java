package io.tributary.engine.state;

import io.tributary.engine.batch.Interval;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compact, self-describing binary form of the boxed values operators hold (as
 * {@link io.tributary.engine.batch.VectorValues} represents them, plus lists, maps and
 * {@code long[]}), for state that is no column of a fixed type: accumulators, rows of varying
 * shape. The type of each value is kept exactly, so that decoded values compare equal.
 */
public final class StateCodec {
  private static final byte NULL = 0;
  private static final byte BOOLEAN = 1;
  private static final byte BYTE = 2;
  private static final byte SHORT = 3;
  private static final byte INT = 4;
  private static final byte LONG = 5;
  private static final byte FLOAT = 6;
  private static final byte DOUBLE = 7;
  private static final byte DECIMAL = 8;
  private static final byte STRING = 9;
  private static final byte BYTES = 10;
  private static final byte BYTE_BUFFER = 11;
  private static final byte INTERVAL = 12;
  private static final byte LIST = 13;
  private static final byte MAP = 14;
  private static final byte LONGS = 15;

  private StateCodec() {}

  public static byte[] encode(Object value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      write(out, value);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode state value", e);
    }
    return bytes.toByteArray();
  }

  public static Object decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      return read(in);
    } catch (IOException e) {
      throw new IllegalArgumentException("corrupt state value: " + e.getMessage(), e);
    }
  }

  public static long decodeLong(byte[] bytes) {
    return (Long) decode(bytes);
  }

  private static void write(DataOutputStream out, Object value) throws IOException {
    switch (value) {
      case null -> out.writeByte(NULL);
      case Boolean b -> {
        out.writeByte(BOOLEAN);
        out.writeBoolean(b);
      }
      case Byte b -> {
        out.writeByte(BYTE);
        out.writeByte(b);
      }
      case Short s -> {
        out.writeByte(SHORT);
        out.writeShort(s);
      }
      case Integer i -> {
        out.writeByte(INT);
        out.writeInt(i);
      }
      case Long l -> {
        out.writeByte(LONG);
        out.writeLong(l);
      }
      case Float f -> {
        out.writeByte(FLOAT);
        out.writeInt(Float.floatToRawIntBits(f));
      }
      case Double d -> {
        out.writeByte(DOUBLE);
        out.writeLong(Double.doubleToRawLongBits(d));
      }
      case BigDecimal d -> {
        out.writeByte(DECIMAL);
        out.writeInt(d.scale());
        writeBytes(out, d.unscaledValue().toByteArray());
      }
      case String s -> {
        out.writeByte(STRING);
        writeBytes(out, s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      case byte[] b -> {
        out.writeByte(BYTES);
        writeBytes(out, b);
      }
      case ByteBuffer b -> {
        out.writeByte(BYTE_BUFFER);
        byte[] content = new byte[b.remaining()];
        b.duplicate().get(content);
        writeBytes(out, content);
      }
      case Interval i -> {
        out.writeByte(INTERVAL);
        out.writeInt(i.months());
        out.writeInt(i.days());
        out.writeLong(i.nanos());
      }
      case List<?> list -> {
        out.writeByte(LIST);
        out.writeInt(list.size());
        for (Object element : list) {
          write(out, element);
        }
      }
      case Map<?, ?> map -> {
        out.writeByte(MAP);
        out.writeInt(map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          write(out, entry.getKey());
          write(out, entry.getValue());
        }
      }
      case long[] longs -> {
        out.writeByte(LONGS);
        out.writeInt(longs.length);
        for (long l : longs) {
          out.writeLong(l);
        }
      }
      default -> throw new IllegalArgumentException(
          "cannot keep a " + value.getClass().getName() + " in checkpointed state");
    }
  }

  private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return bytes;
  }

  private static Object read(DataInputStream in) throws IOException {
    byte tag = in.readByte();
    return switch (tag) {
      case NULL -> null;
      case BOOLEAN -> in.readBoolean();
      case BYTE -> in.readByte();
      case SHORT -> in.readShort();
      case INT -> in.readInt();
      case LONG -> in.readLong();
      case FLOAT -> Float.intBitsToFloat(in.readInt());
      case DOUBLE -> Double.longBitsToDouble(in.readLong());
      case DECIMAL -> {
        int scale = in.readInt();
        yield new BigDecimal(new BigInteger(readBytes(in)), scale);
      }
      case STRING -> new String(readBytes(in), java.nio.charset.StandardCharsets.UTF_8);
      case BYTES -> readBytes(in);
      case BYTE_BUFFER -> ByteBuffer.wrap(readBytes(in));
      case INTERVAL -> new Interval(in.readInt(), in.readInt(), in.readLong());
      case LIST -> {
        int size = in.readInt();
        List<Object> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          list.add(read(in));
        }
        yield list;
      }
      case MAP -> {
        int size = in.readInt();
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
          map.put(read(in), read(in));
        }
        yield map;
      }
      case LONGS -> {
        long[] longs = new long[in.readInt()];
        for (int i = 0; i < longs.length; i++) {
          longs[i] = in.readLong();
        }
        yield longs;
      }
      default -> throw new IOException("unknown value tag " + tag);
    };
  }
}
