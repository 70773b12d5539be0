package io.tributary.engine.operator.window;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * APPROX_DISTINCT: a HyperLogLog sketch of the distinct non-null values (BIGINT, 0 for none).
 *
 * <p>Error: with 2^14 registers (as DataFusion) the relative standard error is 1.04/√16384 ≈ 0.81%.
 * Up to {@link #EXACT_LIMIT} distinct values the sketch keeps their 64-bit hashes instead, and so
 * is exact (bar hash collisions, about n²/2^65); this also keeps small groups small (16 KiB of
 * registers only once a group has more distinct values than that).
 */
final class ApproxDistinct implements Accumulator {
  static final int PRECISION = 14;
  static final int REGISTERS = 1 << PRECISION;
  static final int EXACT_LIMIT = 1024;
  private static final double ALPHA = 0.7213 / (1 + 1.079 / REGISTERS);

  /** Hashes of the values while there are few; null once {@link #registers} took over. */
  private Set<Long> hashes = new HashSet<>();
  private byte[] registers;

  @Override
  public void add(Object value) {
    if (value != null) {
      addHash(hash(value));
    }
  }

  private void addHash(long hash) {
    if (registers == null) {
      hashes.add(hash);
      if (hashes.size() > EXACT_LIMIT) {
        registers = new byte[REGISTERS];
        hashes.forEach(this::register);
        hashes = null;
      }
      return;
    }
    register(hash);
  }

  private void register(long hash) {
    int index = (int) (hash >>> (Long.SIZE - PRECISION));
    // The rank of the first set bit after the index bits; the sentinel bit caps it.
    int rank = Long.numberOfLeadingZeros((hash << PRECISION) | (1L << (PRECISION - 1))) + 1;
    if (rank > registers[index]) {
      registers[index] = (byte) rank;
    }
  }

  @Override
  public void merge(Accumulator other) {
    ApproxDistinct that = (ApproxDistinct) other;
    if (that.registers == null) {
      that.hashes.forEach(this::addHash);
      return;
    }
    if (registers == null) {
      registers = that.registers.clone();
      hashes.forEach(this::register);
      hashes = null;
      return;
    }
    for (int i = 0; i < REGISTERS; i++) {
      registers[i] = (byte) Math.max(registers[i], that.registers[i]);
    }
  }

  @Override
  public Object result() {
    if (registers == null) {
      return (long) hashes.size();
    }
    double sum = 0;
    int zeros = 0;
    for (byte register : registers) {
      sum += Math.scalb(1.0, -register);
      if (register == 0) {
        zeros++;
      }
    }
    double estimate = ALPHA * REGISTERS * REGISTERS / sum;
    if (estimate <= 2.5 * REGISTERS && zeros > 0) {
      // Linear counting is the better estimator while many registers are still empty.
      estimate = REGISTERS * Math.log((double) REGISTERS / zeros);
    }
    return Math.round(estimate);
  }

  @Override
  public Object state() {
    if (registers != null) {
      return List.of(true, registers.clone());
    }
    return List.of(false, hashes.stream().mapToLong(Long::longValue).toArray());
  }

  @Override
  public void restoreState(Object state) {
    List<?> values = (List<?>) state;
    if ((Boolean) values.get(0)) {
      registers = ((byte[]) values.get(1)).clone();
      hashes = null;
    } else {
      registers = null;
      hashes = new HashSet<>();
      for (long hash : (long[]) values.get(1)) {
        hashes.add(hash);
      }
    }
  }

  /** A well-mixed 64-bit hash of a value; values equal in SQL hash equally within one type. */
  static long hash(Object value) {
    return switch (value) {
      case Long l -> mix(l);
      case Integer i -> mix(i);
      case Short s -> mix(s);
      case Byte b -> mix(b);
      case Boolean b -> mix(b ? 1 : 0);
      // -0.0 equals 0.0 in SQL.
      case Double d -> mix(Double.doubleToLongBits(d == 0.0 ? 0.0 : d));
      case Float f -> mix(Double.doubleToLongBits(f == 0.0f ? 0.0 : f.doubleValue()));
      case BigDecimal d -> bytes(d.signum() == 0 ? new byte[0]
          : d.stripTrailingZeros().toString().getBytes(StandardCharsets.UTF_8));
      case String s -> bytes(s.getBytes(StandardCharsets.UTF_8));
      case byte[] b -> bytes(b);
      case ByteBuffer b -> bytes(Arrays.copyOfRange(b.array(), b.arrayOffset() + b.position(),
          b.arrayOffset() + b.limit()));
      default -> bytes(value.toString().getBytes(StandardCharsets.UTF_8));
    };
  }

  /** FNV-1a over the bytes, then {@link #mix}, since FNV alone leaves the high bits weak. */
  private static long bytes(byte[] bytes) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : bytes) {
      hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
    }
    return mix(hash);
  }

  /** MurmurHash3's 64-bit finalizer. */
  private static long mix(long value) {
    long h = value;
    h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
    h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }
}
