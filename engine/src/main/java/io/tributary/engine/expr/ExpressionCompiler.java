package io.tributary.engine.expr;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.udf.UdfLibrary;
import io.tributary.proto.program.Expr;
import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.SimpleCompiler;

/**
 * Compiles filter conditions and projections into {@link Projector}s with Janino.
 *
 * <p>Compiled classes are cached by their generated source, which is a complete signature of
 * the expressions and the input and output types: the same query on every subtask (and every
 * restart within the JVM) compiles once. The cache is bounded so that a long-lived worker
 * running many different pipelines does not keep every class forever.
 */
public final class ExpressionCompiler {
  private static final ExpressionCompiler SHARED = new ExpressionCompiler(512);

  /** Compiled classes by source, shared by a compiler and the ones {@link #withUdfs} derives from it. */
  private static final class Cache {
    private final Map<String, Class<? extends ProjectionKernel>> classes;
    private int compilations;

    Cache(int size) {
      this.classes = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Class<? extends ProjectionKernel>> eldest) {
          return size() > size;
        }
      };
    }
  }

  private final Cache cache;
  private final UdfLibrary udfs;

  public ExpressionCompiler(int cacheSize) {
    if (cacheSize <= 0) {
      throw new IllegalArgumentException("cacheSize must be positive: " + cacheSize);
    }
    this.cache = new Cache(cacheSize);
    this.udfs = UdfLibrary.empty();
  }

  private ExpressionCompiler(Cache cache, UdfLibrary udfs) {
    this.cache = cache;
    this.udfs = udfs;
  }

  /** The UDFs expressions may call. */
  public UdfLibrary udfs() {
    return udfs;
  }

  /** A compiler whose expressions may call {@code udfs}, sharing this one's cache. */
  public ExpressionCompiler withUdfs(UdfLibrary udfs) {
    return new ExpressionCompiler(cache, requireNonNull(udfs, "udfs is null"));
  }

  /** The process-wide compiler with its shared class cache. */
  public static ExpressionCompiler shared() {
    return SHARED;
  }

  /**
   * A projector evaluating {@code projections} (one per field of {@code outputSchema}) over
   * rows of {@code inputSchema} for which {@code condition} is true.
   *
   * @throws ExpressionCompileException if an expression uses an unknown function or an
   *     unsupported type or cast
   */
  public Projector compile(
      Schema inputSchema, Optional<Expr> condition, List<Expr> projections, Schema outputSchema) {
    requireNonNull(inputSchema, "inputSchema is null");
    requireNonNull(condition, "condition is null");
    requireNonNull(projections, "projections is null");
    requireNonNull(outputSchema, "outputSchema is null");
    List<Field> inputs = inputSchema.getFields();
    String source = ProjectionCodegen.generate(inputs, condition, projections, outputSchema.getFields(), udfs);
    Class<? extends ProjectionKernel> kernelClass = kernelClass(source);
    try {
      ProjectionKernel kernel = kernelClass.getConstructor().newInstance();
      return new Projector(kernel, outputSchema);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof ExpressionException expressionError) {
        throw expressionError;
      }
      throw new ExpressionCompileException("cannot initialise generated expression code: " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new ExpressionCompileException("cannot instantiate generated expression code", e);
    }
  }

  /** How many sources this compiler has compiled (cache misses), for tests and metrics. */
  public int compilations() {
    synchronized (cache) {
      return cache.compilations;
    }
  }

  private Class<? extends ProjectionKernel> kernelClass(String source) {
    synchronized (cache) {
      Class<? extends ProjectionKernel> cached = cache.classes.get(source);
      if (cached != null) {
        return cached;
      }
    }
    // Compiled outside the lock: two threads may race to compile the same source, which
    // wastes a compilation but never blocks unrelated pipelines behind a slow one.
    Class<? extends ProjectionKernel> compiled = compileSource(source);
    synchronized (cache) {
      cache.compilations++;
      Class<? extends ProjectionKernel> raced = cache.classes.putIfAbsent(source, compiled);
      return raced != null ? raced : compiled;
    }
  }

  private Class<? extends ProjectionKernel> compileSource(String source) {
    SimpleCompiler compiler = new SimpleCompiler();
    compiler.setParentClassLoader(udfs.classLoader(ProjectionKernel.class.getClassLoader()));
    try {
      compiler.cook(source);
      return compiler.getClassLoader()
          .loadClass(ProjectionCodegen.CLASS_NAME)
          .asSubclass(ProjectionKernel.class);
    } catch (CompileException | ClassNotFoundException e) {
      throw new ExpressionCompileException(
          "generated expression code does not compile (an engine bug): " + e.getMessage()
              + "\n" + numbered(source), e);
    }
  }

  private static String numbered(String source) {
    StringBuilder out = new StringBuilder();
    String[] lines = source.split("\n");
    for (int i = 0; i < lines.length; i++) {
      out.append(i + 1).append(": ").append(lines[i]).append('\n');
    }
    return out.toString();
  }
}
