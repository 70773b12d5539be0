package io.tributary.compiler.udf;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.model.UdfBuild;
import io.tributary.api.model.UdfSignature;
import java.net.URI;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UdfArtifactsTest {
    static final String DOUBLE_IT = """
            import io.tributary.api.udf.Udf;

            public class Doubler {
                @Udf
                public static long double_it(long x) {
                    return x * 2;
                }
            }
            """;

    @TempDir
    Path artifacts;

    @Test
    void validSourceBuildsAJarNamedAfterItsFunction() throws Exception {
        UdfBuild build = new UdfArtifacts(artifacts).build(DOUBLE_IT);

        assertThat(build.validation().errors()).isEmpty();
        assertThat(build.validation().udfName()).contains("double_it");
        assertThat(build.signature()).contains(new UdfSignature("double_it", "Doubler", "double_it",
                List.of(new UdfSignature.UdfType("BIGINT", false)), new UdfSignature.UdfType("BIGINT", false)));
        assertThat(build.hash()).contains(UdfSource.of(DOUBLE_IT).hash());
        assertThat(build.cached()).isFalse();
        assertThat(build.artifactUrl()).hasValueSatisfying(url -> assertThat(url).endsWith(".jar"));
        try (var loader = new URLClassLoader(new java.net.URL[] {URI.create(build.artifactUrl().orElseThrow()).toURL()})) {
            Object doubled = loader.loadClass("Doubler").getMethod("double_it", long.class).invoke(null, 21L);
            assertThat(doubled).isEqualTo(42L);
        }
    }

    @Test
    void theSameSourceIsCompiledOnlyOnce() {
        UdfArtifacts store = new UdfArtifacts(artifacts);
        UdfBuild first = store.build(DOUBLE_IT);

        UdfBuild second = store.build(DOUBLE_IT);

        assertThat(store.compilations()).isEqualTo(1);
        assertThat(second.cached()).isTrue();
        assertThat(second.artifactUrl()).isEqualTo(first.artifactUrl());
        assertThat(second.validation().udfName()).contains("double_it");
        assertThat(second.signature()).isEqualTo(first.signature());
        // A fresh store over the same directory (a restarted service) finds the jar too.
        UdfArtifacts restarted = new UdfArtifacts(artifacts);
        assertThat(restarted.build(DOUBLE_IT).cached()).isTrue();
        assertThat(restarted.compilations()).isZero();
    }

    @Test
    void dependenciesInTheHeaderAreListed() {
        assertThat(UdfSource.of("// dependency: a.b:c:1.0\nimport x.Y;\n// dependency: d:e:2\nclass X {}").dependencies())
                .containsExactly("a.b:c:1.0");
        assertThat(UdfSource.of("/*\n * dependency: a.b:c:1.0\n */\nclass X {}").dependencies())
                .containsExactly("a.b:c:1.0");
    }

    @Test
    void dependenciesAndTheirsAreResolvedFromTheRepositoryAndCarriedInTheJar() throws Exception {
        TestMavenRepository repository = new TestMavenRepository(artifacts.resolve("repository"));
        Path words = repository.publish("com.example", "words", "1.0", "com.example.words.Words",
                "package com.example.words; public class Words { public static String hello() { return \"hello\"; } }",
                List.of(), List.of());
        repository.publish("com.example", "greetings", "2.1", "com.example.greetings.Greetings", """
                package com.example.greetings;
                public class Greetings {
                    public static String greet(String name) { return com.example.words.Words.hello() + ", " + name; }
                }
                """, List.of("com.example:words:1.0"), List.of(words));

        UdfBuild build = new UdfArtifacts(artifacts.resolve("store"), repository.url()).build("""
                // dependency: com.example:greetings:2.1
                import io.tributary.api.udf.Udf;
                public class Greeter {
                    @Udf public static String greet(String name) { return com.example.greetings.Greetings.greet(name); }
                }
                """);

        assertThat(build.validation().errors()).isEmpty();
        assertThat(build.validation().dependencies()).containsExactly("com.example:greetings:2.1");
        // The jar alone runs the UDF: no class path but the JDK.
        try (var loader = new URLClassLoader(new java.net.URL[] {URI.create(build.artifactUrl().orElseThrow()).toURL()},
                ClassLoader.getPlatformClassLoader())) {
            assertThat(loader.loadClass("Greeter").getMethod("greet", String.class).invoke(null, "Ada"))
                    .isEqualTo("hello, Ada");
        }
    }

    @Test
    void aDependencyTheRepositoryLacksIsAnErrorAtItsLine() {
        TestMavenRepository repository = new TestMavenRepository(artifacts.resolve("empty-repository"));

        UdfBuild build = new UdfArtifacts(artifacts.resolve("store"), repository.url()).build("""
                // Needs a library nobody published.
                // dependency: com.example:missing:9.9
                import io.tributary.api.udf.Udf;
                public class Lonely { @Udf public static long f(long x) { return x; } }
                """);

        assertThat(build.artifactUrl()).isEmpty();
        assertThat(build.validation().errors()).singleElement().asString()
                .startsWith("2:1: ").contains("com.example:missing:9.9").contains("empty-repository");
    }

    @Test
    void compileErrorsCarryLineAndColumn() {
        UdfBuild build = new UdfArtifacts(artifacts).build("""
                import io.tributary.api.udf.Udf;
                public class Broken {
                    @Udf
                    public static long f(long x) {
                        return y;
                    }
                }
                """);

        assertThat(build.artifactUrl()).isEmpty();
        assertThat(build.validation().udfName()).isEmpty();
        assertThat(build.validation().errors()).singleElement().asString().startsWith("5:16: ").contains("y");
        assertThat(build.validation().diagnostics()).singleElement().satisfies(error ->
                assertThat(error.span()).hasValueSatisfying(span -> assertThat(span.start().line()).isEqualTo(5)));
    }

    @Test
    void aUdfNeedsOnePublicStaticAnnotatedMethod() {
        UdfArtifacts store = new UdfArtifacts(artifacts);

        assertThat(store.build("public class None { public static int f() { return 1; } }").validation().errors())
                .singleElement().asString().contains("no method is annotated");
        assertThat(store.build("""
                import io.tributary.api.udf.Udf;
                public class NotStatic {
                    @Udf public int f() { return 1; }
                }
                """).validation().errors()).singleElement().asString().startsWith("3:").contains("public and static");
        assertThat(store.build("""
                import io.tributary.api.udf.Udf;
                public class Two {
                    @Udf public static int f() { return 1; }
                    @Udf public static int g() { return 2; }
                }
                """).validation().errors()).singleElement().asString().startsWith("4:").contains("one @Udf method");
    }

    @Test
    void nullabilityFollowsTheJavaTypesAndUnmappableTypesAreLocated() {
        UdfArtifacts store = new UdfArtifacts(artifacts);

        UdfBuild boxed = store.build("""
                package com.example;
                import io.tributary.api.udf.Udf;
                public class Texts {
                    @Udf public static String tag(String s, Integer n, byte[] raw) { return s + n; }
                }
                """);
        assertThat(boxed.signature()).hasValueSatisfying(signature -> {
            assertThat(signature.className()).isEqualTo("com.example.Texts");
            assertThat(signature.arguments()).containsExactly(new UdfSignature.UdfType("TEXT", true),
                    new UdfSignature.UdfType("INT", true), new UdfSignature.UdfType("BYTEA", true));
            assertThat(signature.result()).isEqualTo(new UdfSignature.UdfType("TEXT", true));
        });
        assertThat(store.build("""
                import io.tributary.api.udf.Udf;
                public class Lists {
                    @Udf public static long size(java.util.List<String> xs) { return xs.size(); }
                }
                """).validation().errors()).singleElement().asString()
                .startsWith("3:").contains("java.util.List<java.lang.String>").contains("'xs'").contains("no SQL type");
    }

    @Test
    void aMethodReturningAFutureIsAnAsyncUdfWithItsAnnotationsOptions() {
        UdfBuild build = new UdfArtifacts(artifacts).build("""
                import io.tributary.api.udf.Udf;
                import java.util.concurrent.CompletableFuture;
                public class Lookup {
                    @Udf(ordered = true, allowedInFlight = 7, timeoutMillis = 250)
                    public static CompletableFuture<Double> price(String sku) {
                        return CompletableFuture.completedFuture(1.0);
                    }
                }
                """);

        assertThat(build.signature()).hasValueSatisfying(signature -> {
            assertThat(signature.result()).isEqualTo(new UdfSignature.UdfType("DOUBLE", true));
            assertThat(signature.async()).contains(new UdfSignature.UdfAsync(true, 7, 250));
        });
        assertThat(new UdfArtifacts(artifacts).build(DOUBLE_IT).signature().orElseThrow().async()).isEmpty();
    }
}
