package io.tributary.engine.expr;

import static io.tributary.engine.expr.Exprs.call;
import static io.tributary.engine.expr.Exprs.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.engine.udf.CompiledUdfs;
import io.tributary.engine.udf.UdfLibrary;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UdfCallTest extends ExpressionTestSupport {
  @TempDir
  Path directory;

  private UdfLibrary udfs = UdfLibrary.empty();

  @Override
  ExpressionCompiler compiler() {
    return compiler.withUdfs(udfs);
  }

  @Test
  void aUdfInTheUnnamedPackageIsCalledWithWidenedArguments() {
    udfs = CompiledUdfs.library("double_it", CompiledUdfs.compile(directory, "Doubler", """
        public class Doubler {
          public static long double_it(long x) { return x * 2; }
        }
        """, "double_it"));

    // An INT column goes to the BIGINT argument; NULL never reaches the primitive parameter.
    assertThat(eval(call("UDF:double_it", I64, ref(0, I32)), List.of(col("x", I32)), row(21), row((Object) null)))
        .containsExactly(42L, null);
  }

  @Test
  void boxedParametersReceiveNullAndNullResultsAreNull() {
    udfs = CompiledUdfs.library("tag", CompiledUdfs.compile(directory, "com.example.Tags", """
        package com.example;
        public class Tags {
          public static String tag(String s, Integer n) { return n == null ? null : s + "#" + n; }
        }
        """, "tag"));

    assertThat(eval(call("UDF:tag", STR, ref(0, STR), ref(1, I32)), List.of(col("s", STR), col("n", I32)),
        row("a", 1), row("b", null), row(null, 3)))
        .containsExactly("a#1", null, "null#3");
  }

  @Test
  void whatTheUdfThrowsFailsTheRowNamingTheUdf() {
    udfs = CompiledUdfs.library("boom", CompiledUdfs.compile(directory, "Boom", """
        public class Boom {
          public static long boom(long x) { throw new IllegalStateException("bad input " + x); }
        }
        """, "boom"));

    assertThatThrownBy(() -> eval(call("UDF:boom", I64, ref(0, I64)), List.of(col("x", I64)), row(7L)))
        .isInstanceOf(ExpressionEvaluationException.class)
        .hasMessageContaining("UDF 'boom'")
        .hasMessageContaining("bad input 7");
  }

  @Test
  void aCallOfAnUndefinedUdfIsACompileError() {
    assertThatThrownBy(() -> eval(call("UDF:missing", I64, ref(0, I64)), List.of(col("x", I64)), row(7L)))
        .isInstanceOf(ExpressionCompileException.class)
        .hasMessageContaining("UDF 'missing'");
  }

  @Test
  void codeCompiledForOneBuildOfAUdfIsNotReusedForAnother() {
    udfs = UdfLibrary.of(List.of(new UdfLibrary.Function("f", "first", CompiledUdfs.compile(directory.resolve("a"), "F",
        "public class F { public static long f(long x) { return x + 1; } }", "f"))));
    assertThat(eval(call("UDF:f", I64, ref(0, I64)), List.of(col("x", I64)), row(1L))).containsExactly(2L);

    udfs = UdfLibrary.of(List.of(new UdfLibrary.Function("f", "second", CompiledUdfs.compile(directory.resolve("b"), "F",
        "public class F { public static long f(long x) { return x + 100; } }", "f"))));
    assertThat(eval(call("UDF:f", I64, ref(0, I64)), List.of(col("x", I64)), row(1L))).containsExactly(101L);
  }
}
