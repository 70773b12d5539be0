package io.tributary.engine.operator.window;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The aggregates over the values in arrival order: ARRAY_AGG (a list, NULLs included, NULL when
 * no rows), STRING_AGG (argument {@code [x, separator]}, NULL x skipped: each value after the
 * first is preceded by its own row's separator; NULL when none), FIRST_VALUE and LAST_VALUE (the
 * first or last row's value, NULL included).
 *
 * <p>Retracting removes the earliest equal value still held, so the order stays that of arrival
 * of the values that remain. Only a retractable FIRST_VALUE or LAST_VALUE keeps every value: one
 * that never retracts keeps just the one it returns.
 */
final class Collected implements Accumulator {
  enum Kind {
    ARRAY_AGG, STRING_AGG, FIRST_VALUE, LAST_VALUE
  }

  private final Kind kind;
  private final boolean retractable;
  /** The values, binary ones wrapped so that equal ones are equal. */
  private final List<Object> values = new ArrayList<>();

  Collected(Kind kind, boolean retractable) {
    this.kind = kind;
    this.retractable = retractable;
  }

  private static Object wrap(Object value) {
    return value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value;
  }

  private static Object unwrap(Object value) {
    return value instanceof ByteBuffer buffer ? buffer.array() : value;
  }

  @Override
  public void add(Object value) {
    if (value == null && kind == Kind.STRING_AGG) {
      return;
    }
    if (!retractable) {
      if (kind == Kind.FIRST_VALUE && !values.isEmpty()) {
        return;
      }
      if (kind == Kind.LAST_VALUE) {
        values.clear();
      }
    }
    values.add(wrap(value));
  }

  @Override
  public void retract(Object value) {
    if (value == null && kind == Kind.STRING_AGG) {
      return;
    }
    values.remove(wrap(value));
  }

  @Override
  public void merge(Accumulator other) {
    for (Object value : ((Collected) other).values) {
      add(unwrap(value));
    }
  }

  @Override
  public Object result() {
    if (values.isEmpty()) {
      return null;
    }
    return switch (kind) {
      case ARRAY_AGG -> {
        List<Object> list = new ArrayList<>(values.size());
        values.forEach(value -> list.add(unwrap(value)));
        yield list;
      }
      case STRING_AGG -> {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
          List<?> pair = (List<?>) values.get(i);
          if (i > 0) {
            text.append(pair.get(1));
          }
          text.append(pair.get(0));
        }
        yield text.toString();
      }
      case FIRST_VALUE -> unwrap(values.getFirst());
      case LAST_VALUE -> unwrap(values.getLast());
    };
  }

  @Override
  public Object state() {
    return new ArrayList<>(values);
  }

  @Override
  public void restoreState(Object state) {
    values.clear();
    values.addAll((List<?>) state);
  }
}
