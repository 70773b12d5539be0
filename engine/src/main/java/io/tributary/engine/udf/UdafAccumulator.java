package io.tributary.engine.udf;

import static java.util.Objects.requireNonNull;

import io.tributary.api.udf.AggregateUdf;
import io.tributary.engine.operator.window.Accumulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An aggregate UDF's running state for one group (and window): the UDAF's own accumulator, fed
 * the non-null values of its argument. Its {@link #state} is the accumulator in Java
 * serialization, read back through the UDAF's class loader, as {@link AggregateUdf} explains.
 */
public final class UdafAccumulator implements Accumulator {
  private final String name;
  private final AggregateUdf<Serializable, Object, Object> udaf;
  private final Function<Object, Object> argument;
  private Serializable accumulator;

  private UdafAccumulator(String name, AggregateUdf<Serializable, Object, Object> udaf, Function<Object, Object> argument) {
    this.name = name;
    this.udaf = udaf;
    this.argument = argument;
    this.accumulator = requireNonNull(udaf.create(), () -> "aggregate UDF '" + name + "' created a null accumulator");
  }

  /**
   * Accumulators of the UDAF class {@code type}, one instance of it each.
   *
   * @param retractable whether the aggregate must {@link #retract} (an updating aggregate over
   *     retracting input)
   * @throws IllegalArgumentException if the class is no UDAF SQL can call, or cannot retract
   *     when it must
   */
  public static Supplier<Accumulator> factory(String name, Class<?> type, boolean retractable) {
    if (!AggregateUdf.class.isAssignableFrom(type)) {
      throw new IllegalArgumentException("aggregate UDF '" + name + "': " + type.getName() + " does not implement "
          + AggregateUdf.class.getName());
    }
    if (retractable && !retracts(type)) {
      throw new IllegalArgumentException("aggregate UDF '" + name + "' cannot retract values (" + type.getName()
          + " does not override retract), which an updating aggregate over changing input needs");
    }
    Function<Object, Object> argument = widening(argumentType(type));
    var constructor = constructor(name, type);
    return () -> {
      try {
        @SuppressWarnings("unchecked")
        var udaf = (AggregateUdf<Serializable, Object, Object>) constructor.newInstance();
        return new UdafAccumulator(name, udaf, argument);
      } catch (InvocationTargetException e) {
        throw UdafException.failed(name, "create", e.getCause());
      } catch (ReflectiveOperationException e) {
        throw UdafException.failed(name, "create", e);
      }
    };
  }

  /** Whether the class (or a superclass other than the interface) implements {@code retract}. */
  static boolean retracts(Class<?> type) {
    try {
      return type.getMethod("retract", Serializable.class, Object.class).getDeclaringClass() != AggregateUdf.class;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  @Override
  public void add(Object value) {
    if (value != null) {
      accumulator = call("add", () -> udaf.add(accumulator, argument.apply(value)));
    }
  }

  @Override
  public void retract(Object value) {
    if (value != null) {
      accumulator = call("retract", () -> udaf.retract(accumulator, argument.apply(value)));
    }
  }

  @Override
  public void merge(Accumulator other) {
    Serializable others = ((UdafAccumulator) other).accumulator;
    accumulator = call("merge", () -> udaf.merge(accumulator, others));
  }

  @Override
  public Object result() {
    try {
      return udaf.result(accumulator);
    } catch (RuntimeException e) {
      throw UdafException.failed(name, "result", e);
    }
  }

  @Override
  public Object state() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(accumulator);
    } catch (IOException e) {
      throw new UdafException("cannot checkpoint the accumulator of aggregate UDF '" + name + "' (is it Serializable?)", e);
    }
    return bytes.toByteArray();
  }

  @Override
  public void restoreState(Object state) {
    try (ObjectInputStream in = new UdafObjectInput(new ByteArrayInputStream((byte[]) state), udaf.getClass().getClassLoader())) {
      accumulator = (Serializable) in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw new UdafException("cannot restore the accumulator of aggregate UDF '" + name + "' from a checkpoint", e);
    }
  }

  private Serializable call(String method, Supplier<Serializable> call) {
    Serializable next;
    try {
      next = call.get();
    } catch (RuntimeException e) {
      throw UdafException.failed(name, method, e);
    }
    if (next == null) {
      throw UdafException.failed(name, method, new NullPointerException(method + " returned no accumulator"));
    }
    return next;
  }

  /** Reads classes through the UDAF's loader: the engine's own cannot see the UDF's jar. */
  private static final class UdafObjectInput extends ObjectInputStream {
    private final ClassLoader loader;

    UdafObjectInput(InputStream in, ClassLoader loader) throws IOException {
      super(in);
      this.loader = loader;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
      try {
        return Class.forName(description.getName(), false, loader);
      } catch (ClassNotFoundException e) {
        return super.resolveClass(description);
      }
    }
  }

  private static java.lang.reflect.Constructor<?> constructor(String name, Class<?> type) {
    try {
      return type.getConstructor();
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException("aggregate UDF '" + name + "': " + type.getName()
          + " has no public constructor without arguments", e);
    }
  }

  /** The {@code T} of the {@code AggregateUdf<A, T, R>} the class implements, as a class. */
  private static Class<?> argumentType(Class<?> type) {
    for (Class<?> current = type; current != null; current = current.getSuperclass()) {
      for (Type implemented : current.getGenericInterfaces()) {
        if (implemented instanceof ParameterizedType parameterized && parameterized.getRawType() == AggregateUdf.class
            && parameterized.getActualTypeArguments()[1] instanceof Class<?> argument) {
          return argument;
        }
      }
    }
    return Object.class;
  }

  /**
   * Engine values in the argument's Java type: the planner lets an integer column feed a wider
   * integer argument (INT into {@code Long}), and the engine may read narrower boxes than declared.
   */
  private static Function<Object, Object> widening(Class<?> argument) {
    if (argument == Long.class) {
      return value -> ((Number) value).longValue();
    }
    if (argument == Integer.class) {
      return value -> ((Number) value).intValue();
    }
    if (argument == Short.class) {
      return value -> ((Number) value).shortValue();
    }
    if (argument == Byte.class) {
      return value -> ((Number) value).byteValue();
    }
    if (argument == Double.class) {
      return value -> ((Number) value).doubleValue();
    }
    if (argument == Float.class) {
      return value -> ((Number) value).floatValue();
    }
    if (argument == byte[].class) {
      return value -> value instanceof java.nio.ByteBuffer buffer
          ? Arrays.copyOfRange(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.arrayOffset() + buffer.limit())
          : value;
    }
    return value -> value;
  }
}
