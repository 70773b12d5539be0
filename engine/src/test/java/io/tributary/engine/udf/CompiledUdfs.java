package io.tributary.engine.udf;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.udf.AggregateUdf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.tools.ToolProvider;

/**
 * UDF classes as a worker has them: compiled from source apart from the engine and loaded by a
 * class loader of their own that sees only the JDK, so the engine cannot find them by itself.
 */
public final class CompiledUdfs {
  private CompiledUdfs() {}

  /** Compiles {@code source} (class {@code className}) under {@code directory} and returns its public static {@code method}. */
  public static Method compile(Path directory, String className, String source, String method) {
    return Arrays.stream(compileClass(directory, className, source, ClassLoader.getPlatformClassLoader()).getMethods())
        .filter(candidate -> candidate.getName().equals(method)).findFirst().orElseThrow();
  }

  /**
   * Compiles an {@link AggregateUdf} class against the UDF API and loads it, as a worker does, in
   * a loader whose parent sees the API but not the engine.
   */
  public static Class<?> compileAggregate(Path directory, String className, String source) {
    return compileClass(directory, className, source, AggregateUdf.class.getClassLoader());
  }

  private static Class<?> compileClass(Path directory, String className, String source, ClassLoader parent) {
    try {
      Path sources = Files.createDirectories(directory.resolve("src"));
      Path classes = Files.createDirectories(directory.resolve("classes"));
      Path file = sources.resolve(className.substring(className.lastIndexOf('.') + 1) + ".java");
      Files.writeString(file, source);
      String api = Path.of(AggregateUdf.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
      int status = ToolProvider.getSystemJavaCompiler().run(null, null, null,
          "-cp", api, "-d", classes.toString(), file.toString());
      assertThat(status).as("javac of %s", className).isZero();
      URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, parent);
      return loader.loadClass(className);
    } catch (MalformedURLException | ClassNotFoundException | java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static UdfLibrary library(String name, Method method) {
    return UdfLibrary.of(List.of(new UdfLibrary.Function(name, "hash-of-" + name, method)));
  }
}
