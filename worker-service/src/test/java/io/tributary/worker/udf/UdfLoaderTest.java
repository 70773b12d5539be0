package io.tributary.worker.udf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.udf.AggregateUdf;
import io.tributary.engine.operator.window.Accumulator;
import io.tributary.engine.udf.UdafAccumulator;
import io.tributary.engine.udf.UdfLibrary;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.TypeKind;
import io.tributary.proto.program.UdfDefinition;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UdfLoaderTest {
    @TempDir
    Path directory;

    /** Compiles {@code source} of class {@code name} into {@code artifacts/HASH.jar}, as the compiler service lays it out. */
    private Path jar(String name, String source, String hash) throws Exception {
        Path sources = Files.createDirectories(directory.resolve("src-" + hash));
        Path classes = Files.createDirectories(directory.resolve("classes-" + hash));
        Path file = sources.resolve(name + ".java");
        Files.writeString(file, source);
        String api = Path.of(AggregateUdf.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-cp", api, "-d", classes.toString(),
                file.toString())).isZero();
        Path jar = Files.createDirectories(directory.resolve("artifacts")).resolve(hash + ".jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream entries = new JarOutputStream(out)) {
            entries.putNextEntry(new JarEntry(name + ".class"));
            Files.copy(classes.resolve(name + ".class"), entries);
            entries.closeEntry();
        }
        return jar;
    }

    private static UdfDefinition definition(String name, Path jar, String hash, String className) {
        DataType int64 = DataType.newBuilder().setKind(TypeKind.INT64).build();
        return UdfDefinition.newBuilder().setName(name).setArtifactUrl(jar.toUri().toString()).setHash(hash)
                .setClassName(className).setMethod(name).addArguments(int64).setResult(int64).build();
    }

    @Test
    void loadsTheMethodFromItsJarInAnIsolatedClassLoader() throws Exception {
        Path jar = jar("Doubler", "public class Doubler { public static long double_it(long x) { return x * 2; } }", "h1");

        UdfLibrary library = new UdfLoader().load(List.of(definition("double_it", jar, "h1", "Doubler")));

        Method method = library.function("double_it").orElseThrow().method();
        assertThat(method.invoke(null, 21L)).isEqualTo(42L);
        ClassLoader loader = method.getDeclaringClass().getClassLoader();
        assertThatThrownBy(() -> Class.forName(UdfLibrary.class.getName(), false, loader))
                .as("the engine is invisible to UDFs").isInstanceOf(ClassNotFoundException.class);
        assertThat(Class.forName("java.util.List", false, loader)).isEqualTo(List.class);
    }

    @Test
    void eachJarHasItsOwnLoaderAndOneProgramCannotCallTwoClassesOfOneName() throws Exception {
        Path one = jar("F", "public class F { public static long one(long x) { return 1; } }", "h-one");
        Path two = jar("F", "public class F { public static long two(long x) { return 2; } }", "h-two");
        UdfLoader loader = new UdfLoader();

        assertThat(loader.load(List.of(definition("one", one, "h-one", "F"))).function("one").orElseThrow()
                .method().invoke(null, 0L)).isEqualTo(1L);
        assertThat(loader.load(List.of(definition("two", two, "h-two", "F"))).function("two").orElseThrow()
                .method().invoke(null, 0L)).isEqualTo(2L);
        assertThatThrownBy(() -> loader.load(List.of(definition("one", one, "h-one", "F"),
                definition("two", two, "h-two", "F"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'one' and 'two'");
    }

    @Test
    void loadsAnAggregateUdfsClassAgainstTheWorkersUdfApi() throws Exception {
        Path jar = jar("Spread", """
                public class Spread implements io.tributary.api.udf.AggregateUdf<long[], Long, Long> {
                    public long[] create() { return new long[] {Long.MAX_VALUE, Long.MIN_VALUE}; }
                    public long[] add(long[] r, Long v) { return new long[] {Math.min(r[0], v), Math.max(r[1], v)}; }
                    public long[] merge(long[] r, long[] o) { return new long[] {Math.min(r[0], o[0]), Math.max(r[1], o[1])}; }
                    public Long result(long[] r) { return r[0] > r[1] ? null : r[1] - r[0]; }
                }
                """, "h-spread");
        UdfDefinition spread = definition("spread", jar, "h-spread", "Spread").toBuilder().setMethod("add")
                .setAggregate(true).build();

        UdfLibrary library = new UdfLoader().load(List.of(spread));

        assertThat(library.function("spread")).as("not a scalar function").isEmpty();
        Class<?> type = library.aggregate("spread").orElseThrow().type();
        assertThat(AggregateUdf.class.isAssignableFrom(type)).as("the API is the worker's own").isTrue();
        Accumulator accumulator = UdafAccumulator.factory("spread", type, false).get();
        accumulator.add(4L);
        accumulator.add(-3L);
        assertThat(accumulator.result()).isEqualTo(7L);
    }

    @Test
    void aMissingJarOrMethodIsNamed() throws Exception {
        Path jar = jar("Doubler", "public class Doubler { public static long double_it(long x) { return x * 2; } }", "h1");

        assertThatThrownBy(() -> new UdfLoader().load(List.of(definition("gone", directory.resolve("artifacts/none.jar"),
                "none", "Doubler"))))
                .isInstanceOf(UdfLoadException.class).hasMessageContaining("'gone'").hasMessageContaining("none.jar");
        assertThatThrownBy(() -> new UdfLoader().load(List.of(definition("triple_it", jar, "h1", "Doubler"))))
                .isInstanceOf(UdfLoadException.class).hasMessageContaining("no public static method triple_it");
    }
}
