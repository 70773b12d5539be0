package io.tributary.connectors.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds bytes in UTF-8 text eight at a time: a line's end, and the end of a JSON string that
 * can be taken as it is. Reading a word per step instead of a byte is what makes scanning the
 * long text fields of JSON lines cheap. The word tests are the usual "has a zero byte" ones
 * ({@code (v - 0x01..) & ~v & 0x80..}): they may flag bytes above the first real match (a
 * borrow runs upwards), never below it, so the lowest flagged byte is always a true match.
 */
public final class ByteScan {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long QUOTES = ONES * '"';
  private static final long BACKSLASHES = ONES * '\\';
  private static final long SPACES = ONES * 0x20;

  private ByteScan() {}

  /** The first index of {@code b} in {@code bytes[from, to)}, or -1. */
  public static int indexOf(byte[] bytes, int from, int to, byte b) {
    long pattern = ONES * (b & 0xff);
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long found = zeroBytes((long) LONGS.get(bytes, i) ^ pattern);
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The first index in {@code bytes[from, to)} of a byte that ends plain string content: a
   * quote, a backslash, a control character or any non-ASCII byte; -1 if there is none. The
   * string is plain (its bytes are its value, and valid UTF-8) when that byte is its closing
   * quote.
   */
  public static int plainStringStop(byte[] bytes, int from, int to) {
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long word = (long) LONGS.get(bytes, i);
      // below 0x20 (a borrow out of the byte, from a byte under 0x80), or 0x80 and above
      long special = ((word - SPACES) & ~word & HIGHS) | (word & HIGHS)
          | zeroBytes(word ^ QUOTES) | zeroBytes(word ^ BACKSLASHES);
      if (special != 0) {
        return i + (Long.numberOfTrailingZeros(special) >>> 3);
      }
    }
    for (; i < to; i++) {
      byte b = bytes[i];
      if (b == '"' || b == '\\' || b < 0x20) {
        return i;
      }
    }
    return -1;
  }

  /**
   * A short byte string, compared with a range a word at a time: the key names of a JSON
   * object (with their closing quote) and repeated values. For such short strings {@code
   * Arrays.equals} over ranges spends more on its set-up than on comparing.
   */
  public static final class Needle {
    private final byte[] bytes;
    private final long[] words;
    /** The bytes of the last word that belong to the string. */
    private final long lastMask;
    /** The first word, and the bytes of it that belong to the string: most keys fit in one word. */
    private final long first;
    private final long firstMask;

    public Needle(byte[] bytes) {
      this.bytes = bytes.clone();
      int count = Math.max(1, (bytes.length + Long.BYTES - 1) / Long.BYTES);
      byte[] padded = java.util.Arrays.copyOf(bytes, count * Long.BYTES);
      this.words = new long[count];
      for (int w = 0; w < count; w++) {
        words[w] = (long) LONGS.get(padded, w * Long.BYTES);
      }
      int tail = bytes.length - (count - 1) * Long.BYTES;
      this.lastMask = tail == Long.BYTES ? -1L : (1L << (tail * Byte.SIZE)) - 1;
      this.firstMask = count == 1 ? lastMask : -1L;
      this.first = words[0];
    }

    public int length() {
      return bytes.length;
    }

    /** Whether {@code in[at, at + length())} holds this string (the range must lie in {@code in}). */
    public boolean isAt(byte[] in, int at) {
      int last = words.length - 1;
      if (at + (last + 1) * Long.BYTES > in.length) {
        return java.util.Arrays.equals(bytes, 0, bytes.length, in, at, at + bytes.length);
      }
      if (((long) LONGS.get(in, at) & firstMask) != first) {
        return false;
      }
      for (int w = 1; w < last; w++) {
        if ((long) LONGS.get(in, at + w * Long.BYTES) != words[w]) {
          return false;
        }
      }
      return last == 0 || ((long) LONGS.get(in, at + last * Long.BYTES) & lastMask) == words[last];
    }
  }

  /** The high bit of each byte of {@code v} that may be zero; the lowest one set is zero. */
  private static long zeroBytes(long v) {
    return (v - ONES) & ~v & HIGHS;
  }
}
