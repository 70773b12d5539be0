package io.tributary.engine.runtime;

import java.util.List;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.memory.ArrowBuf;

/**
 * A stable 64-bit hash of a row's key columns, and the range partitioning built on it. Stable
 * means independent of JVM, process and batch layout, because a key's hash decides which
 * subtask holds its state, also after a restart with a different parallelism: subtask
 * {@code i} of {@code n} owns hashes in {@code [i * 2^64 / n, (i + 1) * 2^64 / n)}.
 */
public final class KeyHasher {
  private static final long SEED = 0x9E3779B97F4A7C15L;
  private static final long NULL_HASH = 0x2545F4914F6CDD1DL;

  private KeyHasher() {}

  public static long hash(List<FieldVector> keys, int row) {
    long hash = SEED;
    for (FieldVector key : keys) {
      hash = mix(hash * 31 + columnHash(key, row));
    }
    return hash;
  }

  /** The subtask of {@code parallelism} that owns {@code hash}. */
  public static int partition(long hash, int parallelism) {
    return (int) Math.unsignedMultiplyHigh(hash, parallelism);
  }

  private static long columnHash(FieldVector vector, int row) {
    if (vector.isNull(row)) {
      return NULL_HASH;
    }
    return switch (vector) {
      case BitVector v -> mix(v.get(row) + 1L);
      // -0.0 and 0.0 are equal keys, as are all NaNs.
      case Float4Vector v -> mix(Double.doubleToLongBits(v.get(row) == 0.0f ? 0.0 : v.get(row)));
      case Float8Vector v -> mix(Double.doubleToLongBits(v.get(row) == 0.0 ? 0.0 : v.get(row)));
      case BaseFixedWidthVector v -> bytes(v.getDataBuffer(), (long) row * v.getTypeWidth(), v.getTypeWidth());
      case BaseVariableWidthVector v -> {
        long start = v.getStartOffset(row);
        long end = v.getEndOffset(row);
        yield bytes(v.getDataBuffer(), start, (int) (end - start));
      }
      default -> {
        Object value = vector.getObject(row);
        yield bytes(String.valueOf(value).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    };
  }

  private static long bytes(ArrowBuf buffer, long offset, int length) {
    long h = SEED ^ length;
    for (int i = 0; i < length; i++) {
      h = (h ^ (buffer.getByte(offset + i) & 0xFF)) * 0x100000001B3L;
    }
    return mix(h);
  }

  private static long bytes(byte[] value) {
    long h = SEED ^ value.length;
    for (byte b : value) {
      h = (h ^ (b & 0xFF)) * 0x100000001B3L;
    }
    return mix(h);
  }

  /** MurmurHash3's 64-bit finaliser. */
  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    h ^= h >>> 33;
    return h;
  }
}
