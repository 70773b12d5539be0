package io.tributary.engine.expr;

import static io.tributary.engine.expr.Exprs.call;
import static io.tributary.engine.expr.Exprs.lit;
import static io.tributary.engine.expr.Exprs.nullLit;
import static io.tributary.engine.expr.Exprs.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tributary.proto.program.Expr;
import io.tributary.proto.program.TypeKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Arroyo's (DataFusion's) scalar functions: values and NULLs. */
class ArroyoFunctionsTest extends ExpressionTestSupport {


  private static final TypeKind TS = TypeKind.TIMESTAMP;
  private static final long T = 1_696_871_620_200_000_000L; // 2023-10-09T17:13:40.2Z (a Monday)

  @Test
  void dateTrunc() {
    assertThat(eval(call("DATE_TRUNC", TS, lit("minute"), lit(T, TS)))).isEqualTo(1_696_871_580_000_000_000L);
    assertThat(eval(call("DATE_TRUNC", TS, lit("hour"), lit(T, TS)))).isEqualTo(1_696_870_800_000_000_000L);
    assertThat(eval(call("DATE_TRUNC", TS, lit("day"), lit(T, TS)))).isEqualTo(1_696_809_600_000_000_000L);
    assertThat(eval(call("DATE_TRUNC", TS, lit("week"), lit(T, TS)))).isEqualTo(1_696_809_600_000_000_000L);
    assertThat(eval(call("DATE_TRUNC", TS, lit("month"), lit(T, TS)))).isEqualTo(1_696_118_400_000_000_000L);
    assertThat(eval(call("DATE_TRUNC", TS, lit("year"), lit(T, TS)))).isEqualTo(1_672_531_200_000_000_000L);
    assertThat(eval(call("DATE_TRUNC", TS, lit("hour"), nullLit(TS)))).isNull();
    assertThat(eval(call("DATE_TRUNC", TS, lit("hour"), ref(0, TS)), List.of(col("t", TS)), row((Object) null)))
        .containsExactly((Object) null);
    assertThatThrownBy(() -> eval(call("DATE_TRUNC", TS, lit("fortnight"), lit(T, TS))))
        .isInstanceOf(ExpressionCompileException.class).hasMessageContaining("fortnight");
  }

  @Test
  void epochConversions() {
    assertThat(eval(call("TO_TIMESTAMP", TS, lit(1_696_871_620L)))).isEqualTo(1_696_871_620_000_000_000L);
    assertThat(eval(call("TO_TIMESTAMP", TS, lit(1.5)))).isEqualTo(1_500_000_000L);
    assertThat(eval(call("TO_TIMESTAMP", TS, lit("2023-10-09T17:13:40.2Z")))).isEqualTo(T);
    assertThat(eval(call("TO_TIMESTAMP", TS, lit("2023-10-09T19:13:40.2+02:00")))).isEqualTo(T);
    assertThat(eval(call("TO_TIMESTAMP_MILLIS", TS, lit(1_500L)))).isEqualTo(1_500_000_000L);
    assertThat(eval(call("TO_TIMESTAMP_MICROS", TS, lit(1_500L)))).isEqualTo(1_500_000L);
    assertThat(eval(call("TO_TIMESTAMP_NANOS", TS, lit(1_500L)))).isEqualTo(1_500L);
    assertThat(eval(call("FROM_UNIXTIME", TS, lit(2L)))).isEqualTo(2_000_000_000L);
    assertThat(eval(call("TO_TIMESTAMP_MILLIS", TS, nullLit(I64)))).isNull();
    assertThat(eval(call("CAST", TS, lit("2023-10-09T17:13:40.2Z")))).isEqualTo(T);
  }

  @Test
  void nowIsOneInstantPerBatchAndRowTimeIsTheEventTime() {
    long before = System.currentTimeMillis() * 1_000_000L;
    List<Object> now = eval(call("NOW", TS), List.of(col("x", I64)), row(1L), row(2L));
    assertThat(now.get(0)).isEqualTo(now.get(1));
    assertThat((Long) now.get(0)).isGreaterThanOrEqualTo(before);
    assertThat(eval(call("CURRENT_TIMESTAMP", TS))).isNotNull();
    // eval() builds rows with event time 0.
    assertThat(eval(call("ROW_TIME", TS), List.of(col("x", I64)), row(1L))).containsExactly(0L);
  }

  @Test
  void stringFunctions() {
    assertThat(eval(call("CONCAT_WS", STR, lit(","), lit("a"), nullLit(STR), lit(1L)))).isEqualTo("a,1");
    assertThat(eval(call("CONCAT_WS", STR, nullLit(STR), lit("a")))).isNull();
    assertThat(eval(call("SPLIT_PART", STR, lit("a,b,c"), lit(","), lit(2L)))).isEqualTo("b");
    assertThat(eval(call("SPLIT_PART", STR, lit("a,b,c"), lit(","), lit(-1L)))).isEqualTo("c");
    assertThat(eval(call("SPLIT_PART", STR, lit("a,b,c"), lit(","), lit(5L)))).isEqualTo("");
    assertThat(eval(call("SPLIT_PART", STR, nullLit(STR), lit(","), lit(5L)))).isNull();
    assertThat(eval(call("ENDS_WITH", BOOL, lit("hello"), lit("lo")))).isEqualTo(true);
    assertThat(eval(call("BTRIM", STR, lit("xxhixx"), lit("x")))).isEqualTo("hi");
    assertThat(eval(call("LTRIM", STR, lit("xxhixx"), lit("x")))).isEqualTo("hixx");
    assertThat(eval(call("RTRIM", STR, lit("xxhixx"), lit("x")))).isEqualTo("xxhi");
    assertThat(eval(call("TRANSLATE", STR, lit("12345"), lit("143"), lit("ax")))).isEqualTo("a2x5");
    assertThat(eval(call("ASCII", I32, lit("A")))).isEqualTo(65);
    assertThat(eval(call("CHR", STR, lit(65L)))).isEqualTo("A");
    assertThat(eval(call("OCTET_LENGTH", I32, lit("é")))).isEqualTo(2);
    assertThat(eval(call("TO_HEX", STR, lit(255L)))).isEqualTo("ff");
    assertThat((String) eval(call("SHA224", STR, lit("")))).startsWith("d14a028c");
    assertThat((String) eval(call("SHA384", STR, lit("")))).startsWith("38b060a7");
    assertThat((String) eval(call("SHA512", STR, lit("")))).startsWith("cf83e135");
    assertThat(eval(call("SHA512", STR, nullLit(STR)))).isNull();
    assertThat(eval(call("REGEXP_REPLACE", STR, lit("a1b22"), lit("[0-9]+"), lit("#")))).isEqualTo("a#b22");
    assertThat(eval(call("REGEXP_REPLACE", STR, lit("a1b22"), lit("[0-9]+"), lit("#"), lit("g")))).isEqualTo("a#b#");
    assertThat(eval(call("REGEXP_REPLACE", STR, lit("John Smith"), lit("(\\w+) (\\w+)"), lit("\\2, \\1"))))
        .isEqualTo("Smith, John");
    assertThat(eval(call("REGEXP_REPLACE", STR, lit("ABC"), lit("b"), lit("$"), lit("gi")))).isEqualTo("A$C");
    assertThat(eval(call("REGEXP_LIKE", BOOL, lit("hello"), lit("l+")))).isEqualTo(true);
    assertThat(eval(call("REGEXP_LIKE", BOOL, lit("HELLO"), lit("^h"), lit("i")))).isEqualTo(true);
    assertThat(eval(call("REGEXP_MATCH", STR, lit("key=value"), lit("=(\\w+)")))).isEqualTo("value");
    assertThat(eval(call("REGEXP_MATCH", STR, lit("abc"), lit("b.")))).isEqualTo("bc");
    assertThat(eval(call("REGEXP_MATCH", STR, lit("abc"), lit("x")))).isNull();
    assertThat(eval(call("REGEXP_MATCH", STR, nullLit(STR), lit("x")))).isNull();
    assertThatThrownBy(() -> eval(call("REGEXP_LIKE", BOOL, lit("a"), lit("("))))
        .hasMessageContaining("invalid regular expression");
  }

  @Test
  void mathFunctions() {
    assertThat(eval(call("LOG", F64, lit(100.0)))).isEqualTo(2.0);
    assertThat((Double) eval(call("LOG", F64, lit(2L), lit(8.0)))).isCloseTo(3.0, within(1e-12));
    assertThat(eval(call("LOG2", F64, lit(8.0)))).isEqualTo(3.0);
    assertThat(eval(call("CBRT", F64, lit(27.0)))).isEqualTo(3.0);
    assertThat(eval(call("SIGNUM", F64, lit(-3L)))).isEqualTo(-1.0);
    assertThat(eval(call("TRUNC", F64, lit(-2.7)))).isEqualTo(-2.0);
    assertThat(eval(call("TRUNC", F64, lit(2.789), lit(2L)))).isEqualTo(2.78);
    assertThat(eval(call("PI", F64))).isEqualTo(Math.PI);
    assertThat(eval(call("SIN", F64, lit(0.0)))).isEqualTo(0.0);
    assertThat(eval(call("COS", F64, lit(0.0)))).isEqualTo(1.0);
    assertThat(eval(call("ATAN2", F64, lit(1.0), lit(1.0)))).isEqualTo(Math.PI / 4);
    assertThat(eval(call("DEGREES", F64, lit(Math.PI)))).isEqualTo(180.0);
    assertThat(eval(call("RADIANS", F64, lit(180.0)))).isEqualTo(Math.PI);
    assertThat(eval(call("ASIN", F64, nullLit(F64)))).isNull();
    double r = (Double) eval(call("RANDOM", F64));
    assertThat(r).isBetween(0.0, 1.0);
    assertThatThrownBy(() -> eval(call("LOG2", F64, lit(0.0)))).hasMessageContaining("logarithm");
  }

  @Test
  void jsonFunctions() {
    Expr doc = lit("{\"a\": {\"b\": [1, 2.5, \"x\", true]}, \"s\": \"str\", \"n\": null}");
    assertThat(eval(call("JSON_GET_STR", STR, doc, lit("s")))).isEqualTo("str");
    assertThat(eval(call("JSON_GET_STR", STR, doc, lit("a")))).isNull();
    assertThat(eval(call("JSON_GET_INT", I64, doc, lit("a"), lit("b"), lit(0L)))).isEqualTo(1L);
    assertThat(eval(call("JSON_GET_INT", I64, doc, lit("a"), lit("b"), lit(1L)))).isNull();
    assertThat(eval(call("JSON_GET_FLOAT", F64, doc, lit("a"), lit("b"), lit(1L)))).isEqualTo(2.5);
    assertThat(eval(call("JSON_GET_BOOL", BOOL, doc, lit("a"), lit("b"), lit(-1L)))).isEqualTo(true);
    assertThat(eval(call("JSON_GET_JSON", STR, doc, lit("a")))).isEqualTo("{\"b\":[1,2.5,\"x\",true]}");
    assertThat(eval(call("JSON_CONTAINS", BOOL, doc, lit("n")))).isEqualTo(true);
    assertThat(eval(call("JSON_CONTAINS", BOOL, doc, lit("zz")))).isEqualTo(false);
    assertThat(eval(call("JSON_LENGTH", I64, doc))).isEqualTo(3L);
    assertThat(eval(call("JSON_LENGTH", I64, doc, lit("a"), lit("b")))).isEqualTo(4L);
    assertThat(eval(call("JSON_LENGTH", I64, doc, lit("s")))).isNull();
    assertThat(eval(call("JSON_GET_STR", STR, lit("not json"), lit("s")))).isNull();
    assertThat(eval(call("JSON_GET_STR", STR, nullLit(STR), lit("s")))).isNull();
    assertThat(eval(call("JSON_GET_STR", STR, doc, nullLit(STR)))).isNull();
    assertThat(eval(call("EXTRACT_JSON_STRING", STR, doc, lit("$.s")))).isEqualTo("str");
    assertThat(eval(call("EXTRACT_JSON_STRING", STR, doc, lit("$.a.b[2]")))).isEqualTo("x");
    assertThat(eval(call("EXTRACT_JSON_STRING", STR, doc, lit("$.a.b[0]")))).isNull();
    assertThat(eval(call("GET_FIRST_JSON_OBJECT", STR, doc, lit("$.a.b[0]")))).isEqualTo("1");
    assertThat(eval(call("GET_FIRST_JSON_OBJECT", STR, doc, lit("$['a'].b")))).isEqualTo("[1,2.5,\"x\",true]");
    assertThat(eval(call("GET_FIRST_JSON_OBJECT", STR, doc, lit("$.missing")))).isNull();
    assertThat(eval(call("EXTRACT_JSON", STR, doc, lit("$.a.b[*]")))).isEqualTo("[1,2.5,\"x\",true]");
    assertThat(eval(call("EXTRACT_JSON", STR, doc, lit("$.s")))).isEqualTo("[\"str\"]");
    List<Object> column = eval(call("JSON_GET_INT", I64, ref(0, STR), lit("k")), List.of(col("j", STR)),
        row("{\"k\": 7}"), row((Object) null), row("{\"k\": \"7\"}"));
    assertThat(column).containsExactly(7L, null, null);
  }

  /** {@code ->>} as datafusion-functions-json's json_as_text: text for every JSON value but null. */
  @Test
  void jsonAsTextGivesEveryValueButNullAsText() {
    Expr doc = lit("{\"s\": \"str\", \"i\": 42, \"d\": 1.50, \"t\": true, \"n\": null,"
        + " \"o\": {\"k\": [1, \"x\"]}}");
    assertThat(eval(call("JSON_AS_TEXT", STR, doc, lit("s")))).isEqualTo("str");
    assertThat(eval(call("JSON_AS_TEXT", STR, doc, lit("i")))).isEqualTo("42");
    assertThat(eval(call("JSON_AS_TEXT", STR, doc, lit("d")))).isEqualTo("1.50");
    assertThat(eval(call("JSON_AS_TEXT", STR, doc, lit("t")))).isEqualTo("true");
    assertThat(eval(call("JSON_AS_TEXT", STR, doc, lit("o")))).isEqualTo("{\"k\":[1,\"x\"]}");
    assertThat(eval(call("JSON_AS_TEXT", STR, doc, lit("o"), lit("k"), lit(1L)))).isEqualTo("x");
    assertThat(eval(call("JSON_AS_TEXT", STR, doc, lit("n")))).isNull();
    assertThat(eval(call("JSON_AS_TEXT", STR, doc, lit("missing")))).isNull();
    assertThat(eval(call("JSON_AS_TEXT", STR, doc, lit("s"), lit("deeper")))).isNull();
    assertThat(eval(call("JSON_AS_TEXT", STR, lit("{not json"), lit("s")))).isNull();
  }
}
