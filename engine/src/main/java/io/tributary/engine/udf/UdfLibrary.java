package io.tributary.engine.udf;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Java UDFs a job's expressions may call, as loaded methods. Generated expression code calls
 * them directly (no reflection per row), so it is compiled in a class loader that sees the UDFs'
 * classes besides the engine's: {@link #classLoader}.
 */
public final class UdfLibrary {
  private static final UdfLibrary EMPTY = new UdfLibrary(List.of(), List.of());

  /**
   * One UDF.
   *
   * @param name what the program calls it (lower case, without the {@code UDF:} prefix)
   * @param hash the identity of its jar: generated code compiled against one jar is reused only
   *     for that jar
   */
  public record Function(String name, String hash, Method method) {
    public Function {
      requireNonNull(name, "name is null");
      requireNonNull(hash, "hash is null");
      requireNonNull(method, "method is null");
      name = name.toLowerCase(Locale.ROOT);
      if (!Modifier.isStatic(method.getModifiers()) || !Modifier.isPublic(method.getModifiers())
          || !Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
        throw new IllegalArgumentException("UDF '" + name + "': " + method + " is not a public static method of a public class");
      }
    }
  }

  /**
   * One aggregate UDF.
   *
   * @param name what the program calls it (lower case, without the {@code UDF:} prefix)
   * @param type its class, implementing {@code io.tributary.api.udf.AggregateUdf}
   */
  public record Aggregate(String name, String hash, Class<?> type) {
    public Aggregate {
      requireNonNull(name, "name is null");
      requireNonNull(hash, "hash is null");
      requireNonNull(type, "type is null");
      name = name.toLowerCase(Locale.ROOT);
    }
  }

  private final Map<String, Function> functions = new LinkedHashMap<>();
  private final Map<String, Aggregate> aggregates = new LinkedHashMap<>();

  /**
   * @throws IllegalArgumentException if two UDFs share a name, or two different classes share a
   *     binary name: generated code names the classes it calls, so one name must mean one class
   */
  private UdfLibrary(List<Function> functions, List<Aggregate> aggregates) {
    for (Aggregate aggregate : aggregates) {
      if (this.aggregates.put(aggregate.name(), aggregate) != null) {
        throw new IllegalArgumentException("two aggregate UDFs are named '" + aggregate.name() + "'");
      }
    }
    Map<String, Function> byClass = new LinkedHashMap<>();
    for (Function function : functions) {
      if (this.functions.put(function.name(), function) != null) {
        throw new IllegalArgumentException("two UDFs are named '" + function.name() + "'");
      }
      Class<?> owner = function.method().getDeclaringClass();
      Function other = byClass.putIfAbsent(owner.getName(), function);
      if (other != null && other.method().getDeclaringClass() != owner) {
        throw new IllegalArgumentException("UDFs '" + other.name() + "' and '" + function.name()
            + "' are both implemented by a class named " + owner.getName()
            + ", which one pipeline cannot call at once: give one of the classes another name or package");
      }
    }
  }

  public static UdfLibrary empty() {
    return EMPTY;
  }

  public static UdfLibrary of(List<Function> functions) {
    return of(functions, List.of());
  }

  public static UdfLibrary of(List<Function> functions, List<Aggregate> aggregates) {
    return functions.isEmpty() && aggregates.isEmpty() ? EMPTY
        : new UdfLibrary(List.copyOf(functions), List.copyOf(aggregates));
  }

  public Optional<Aggregate> aggregate(String name) {
    return Optional.ofNullable(aggregates.get(name.toLowerCase(Locale.ROOT)));
  }

  public Optional<Function> function(String name) {
    return Optional.ofNullable(functions.get(name.toLowerCase(Locale.ROOT)));
  }

  /** Whether there are no scalar UDFs (aggregate UDFs never appear in generated code). */
  public boolean isEmpty() {
    return functions.isEmpty();
  }

  /** Names and jar hashes, which tell generated code compiled against one library from another's. */
  public String fingerprint() {
    return functions.values().stream().map(function -> function.name() + "=" + function.hash())
        .collect(Collectors.joining(", "));
  }

  /**
   * A loader that finds classes in {@code parent} (the engine's) and then in the UDFs' own loaders,
   * for compiling code that calls both.
   */
  public ClassLoader classLoader(ClassLoader parent) {
    if (functions.isEmpty()) {
      return parent;
    }
    List<ClassLoader> loaders = functions.values().stream()
        .map(function -> function.method().getDeclaringClass().getClassLoader()).distinct().toList();
    return new ClassLoader("udfs", parent) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        for (ClassLoader loader : loaders) {
          try {
            return Class.forName(name, false, loader);
          } catch (ClassNotFoundException e) {
            // Not in this UDF's jar; the next may have it.
          }
        }
        throw new ClassNotFoundException(name);
      }
    };
  }
}
