package io.tributary.engine.operator.window;

import java.util.List;

/**
 * BIT_AND, BIT_OR and BIT_XOR of integers, and BOOL_AND and BOOL_OR (as AND and OR of one bit):
 * NULL when no non-null value was seen. The result keeps the input's integer type; values are
 * combined as sign-extended longs, which AND, OR and XOR keep within that type.
 *
 * <p>XOR undoes itself, so it always retracts; AND and OR retract only when built
 * {@code retractable}, by counting per bit how many values have it set (a bit is in the OR when
 * its count is positive, in the AND when it equals the number of values).
 */
final class Bitwise implements Accumulator {
  enum Op {
    AND, OR, XOR
  }

  private final Op op;
  private final boolean bool;
  private long n;
  private long value;
  /** Per bit, how many values have it set; null unless retractable (and not XOR). */
  private final long[] ones;

  Bitwise(Op op, boolean bool, boolean retractable) {
    this.op = op;
    this.bool = bool;
    this.ones = retractable && op != Op.XOR ? new long[Long.SIZE] : null;
  }

  private long bits(Object value) {
    return bool ? ((Boolean) value ? 1L : 0L) : ((Number) value).longValue();
  }

  @Override
  public void add(Object input) {
    if (input == null) {
      return;
    }
    long bits = bits(input);
    n++;
    if (ones != null) {
      count(bits, 1);
      return;
    }
    value = switch (op) {
      case AND -> n == 1 ? bits : value & bits;
      case OR -> value | bits;
      case XOR -> value ^ bits;
    };
  }

  private void count(long bits, long sign) {
    for (long rest = bits; rest != 0; rest &= rest - 1) {
      ones[Long.numberOfTrailingZeros(rest)] += sign;
    }
  }

  @Override
  public void retract(Object input) {
    if (input == null) {
      return;
    }
    if (ones == null && op != Op.XOR) {
      Accumulator.super.retract(input);
    }
    long bits = bits(input);
    n--;
    if (ones != null) {
      count(bits, -1);
    } else {
      value ^= bits;
    }
  }

  @Override
  public void merge(Accumulator other) {
    Bitwise that = (Bitwise) other;
    if (that.n == 0) {
      return;
    }
    if (ones != null) {
      for (int bit = 0; bit < Long.SIZE; bit++) {
        ones[bit] += that.ones[bit];
      }
    } else {
      value = switch (op) {
        case AND -> n == 0 ? that.value : value & that.value;
        case OR -> value | that.value;
        case XOR -> value ^ that.value;
      };
    }
    n += that.n;
  }

  @Override
  public Object result() {
    if (n == 0) {
      return null;
    }
    long bits = value;
    if (ones != null) {
      bits = 0;
      for (int bit = 0; bit < Long.SIZE; bit++) {
        if (op == Op.OR ? ones[bit] > 0 : ones[bit] == n) {
          bits |= 1L << bit;
        }
      }
    }
    return bool ? (Object) (bits != 0) : (Object) bits;
  }

  @Override
  public Object state() {
    return List.of(n, value, ones == null ? new long[0] : ones.clone());
  }

  @Override
  public void restoreState(Object state) {
    List<?> values = (List<?>) state;
    n = (Long) values.get(0);
    value = (Long) values.get(1);
    if (ones != null) {
      System.arraycopy((long[]) values.get(2), 0, ones, 0, Long.SIZE);
    }
  }
}
