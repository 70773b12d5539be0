package io.tributary.compiler.udf;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.model.UdfBuild;
import io.tributary.api.model.UdfSignature;
import io.tributary.api.model.UdfSignature.UdfAggregate;
import io.tributary.api.model.UdfSignature.UdfType;
import io.tributary.api.udf.AggregateUdf;
import java.net.URI;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Aggregate UDFs: classes implementing {@link AggregateUdf}, and the signatures derived from them. */
class AggregateUdfBuildTest {
    static final String LONGEST_WORD = """
            package com.example;
            import io.tributary.api.udf.AggregateUdf;
            import java.util.TreeMap;

            public class LongestWord implements AggregateUdf<TreeMap<String, Integer>, String, String> {
                public TreeMap<String, Integer> create() { return new TreeMap<>(); }
                public TreeMap<String, Integer> add(TreeMap<String, Integer> words, String word) {
                    words.merge(word, 1, Integer::sum);
                    return words;
                }
                public TreeMap<String, Integer> merge(TreeMap<String, Integer> words, TreeMap<String, Integer> other) {
                    other.forEach((word, count) -> words.merge(word, count, Integer::sum));
                    return words;
                }
                public String result(TreeMap<String, Integer> words) {
                    return words.keySet().stream().max(java.util.Comparator.comparingInt(String::length)
                            .thenComparing(java.util.Comparator.reverseOrder())).orElse(null);
                }
            }
            """;

    @TempDir
    Path artifacts;

    @Test
    void anAggregateClassIsCalledByItsSnakeCaseNameWithItsArgumentAndResultTypes() throws Exception {
        UdfBuild build = new UdfArtifacts(artifacts).build(LONGEST_WORD);

        assertThat(build.validation().errors()).isEmpty();
        assertThat(build.signature()).contains(new UdfSignature("longest_word", "com.example.LongestWord", "add",
                List.of(new UdfType("TEXT", true)), new UdfType("TEXT", true), Optional.empty(),
                Optional.of(new UdfAggregate(false))));
        try (var loader = new URLClassLoader(new java.net.URL[] {URI.create(build.artifactUrl().orElseThrow()).toURL()},
                AggregateUdf.class.getClassLoader())) {
            @SuppressWarnings("unchecked")
            AggregateUdf<java.io.Serializable, String, String> udaf = (AggregateUdf<java.io.Serializable, String, String>)
                    loader.loadClass("com.example.LongestWord").getConstructor().newInstance();
            java.io.Serializable words = udaf.add(udaf.add(udaf.create(), "ab"), "abc");
            assertThat(udaf.result(words)).isEqualTo("abc");
        }
    }

    @Test
    void aClassDeclaringRetractRetracts() {
        UdfBuild build = new UdfArtifacts(artifacts).build("""
                import io.tributary.api.udf.AggregateUdf;
                public class SumOfSquares implements AggregateUdf<long[], Long, Long> {
                    public long[] create() { return new long[1]; }
                    public long[] add(long[] sum, Long x) { sum[0] += x * x; return sum; }
                    public long[] retract(long[] sum, Long x) { sum[0] -= x * x; return sum; }
                    public long[] merge(long[] sum, long[] other) { sum[0] += other[0]; return sum; }
                    public Long result(long[] sum) { return sum[0]; }
                }
                """);

        assertThat(build.signature()).hasValueSatisfying(signature -> {
            assertThat(signature.name()).isEqualTo("sum_of_squares");
            assertThat(signature.arguments()).containsExactly(new UdfType("BIGINT", true));
            assertThat(signature.result()).isEqualTo(new UdfType("BIGINT", true));
            assertThat(signature.aggregate()).contains(new UdfAggregate(true));
        });
    }

    @Test
    void unsupportedAggregatesAreLocatedErrors() {
        UdfArtifacts store = new UdfArtifacts(artifacts);

        assertThat(store.build("""
                import io.tributary.api.udf.AggregateUdf;
                public class Lists implements AggregateUdf<java.util.ArrayList<String>, java.util.List<String>, Long> {
                    public java.util.ArrayList<String> create() { return new java.util.ArrayList<>(); }
                    public java.util.ArrayList<String> add(java.util.ArrayList<String> a, java.util.List<String> x) { return a; }
                    public java.util.ArrayList<String> merge(java.util.ArrayList<String> a, java.util.ArrayList<String> b) { return a; }
                    public Long result(java.util.ArrayList<String> a) { return 0L; }
                }
                """).validation().errors()).singleElement().asString()
                .startsWith("2:").contains("argument type java.util.List<java.lang.String>").contains("no SQL type");
        assertThat(store.build("""
                import io.tributary.api.udf.AggregateUdf;
                public class NeedsSeed implements AggregateUdf<long[], Long, Long> {
                    public NeedsSeed(long seed) {}
                    public long[] create() { return new long[1]; }
                    public long[] add(long[] sum, Long x) { return sum; }
                    public long[] merge(long[] sum, long[] other) { return sum; }
                    public Long result(long[] sum) { return sum[0]; }
                }
                """).validation().errors()).singleElement().asString()
                .startsWith("2:").contains("'NeedsSeed' needs a public constructor without arguments");
        assertThat(store.build("""
                import io.tributary.api.udf.AggregateUdf;
                import io.tributary.api.udf.Udf;
                public class Both implements AggregateUdf<long[], Long, Long> {
                    @Udf public static long f(long x) { return x; }
                    public long[] create() { return new long[1]; }
                    public long[] add(long[] sum, Long x) { return sum; }
                    public long[] merge(long[] sum, long[] other) { return sum; }
                    public Long result(long[] sum) { return sum[0]; }
                }
                """).validation().errors()).singleElement().asString()
                .startsWith("4:").contains("one @Udf method or one AggregateUdf class");
    }

    @Test
    void snakeCaseSplitsWordsAndAcronyms() {
        assertThat(UdfSignatures.snakeCase("WeightedMedian")).isEqualTo("weighted_median");
        assertThat(UdfSignatures.snakeCase("HLLSketch")).isEqualTo("hll_sketch");
        assertThat(UdfSignatures.snakeCase("Top3")).isEqualTo("top3");
    }
}
