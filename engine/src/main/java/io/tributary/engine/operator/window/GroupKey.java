package io.tributary.engine.operator.window;

import io.tributary.engine.batch.VectorValues;
import java.util.Arrays;
import org.apache.arrow.vector.FieldVector;

/**
 * The values of a row's group-key columns, boxed as {@link VectorValues} reads them, with
 * value equality (binary keys compare by content).
 */
public final class GroupKey {
  private static final Object[] NONE = new Object[0];
  private final Object[] values;
  private final int hash;

  private GroupKey(Object[] values) {
    this.values = values;
    this.hash = Arrays.deepHashCode(values);
  }

  public static GroupKey of(FieldVector[] columns, int row) {
    if (columns.length == 0) {
      return new GroupKey(NONE);
    }
    Object[] values = new Object[columns.length];
    for (int i = 0; i < columns.length; i++) {
      values[i] = VectorValues.get(columns[i], row);
    }
    return new GroupKey(values);
  }

  public static GroupKey of(Object... values) {
    return new GroupKey(values.clone());
  }

  public int size() {
    return values.length;
  }

  public Object value(int index) {
    return values[index];
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof GroupKey key && hash == key.hash && Arrays.deepEquals(values, key.values);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return Arrays.deepToString(values);
  }
}
