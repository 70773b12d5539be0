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
            // dependency: org.apache.commons:commons-lang3:3.17.0
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
        assertThat(new UdfArtifacts(artifacts).build(DOUBLE_IT).validation().dependencies())
                .containsExactly("org.apache.commons:commons-lang3:3.17.0");
        assertThat(UdfSource.of("/*\n * dependency: a.b:c:1.0\n */\nclass X {}").dependencies())
                .containsExactly("a.b:c:1.0");
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
}
