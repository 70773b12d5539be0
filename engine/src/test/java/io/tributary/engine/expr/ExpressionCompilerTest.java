package io.tributary.engine.expr;

import static io.tributary.engine.expr.Exprs.call;
import static io.tributary.engine.expr.Exprs.decimal;
import static io.tributary.engine.expr.Exprs.decimalLit;
import static io.tributary.engine.expr.Exprs.lit;
import static io.tributary.engine.expr.Exprs.nullLit;
import static io.tributary.engine.expr.Exprs.ref;
import static io.tributary.engine.expr.Exprs.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.batch.Interval;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.batch.VectorValues;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Expr;
import io.tributary.proto.program.TypeKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class ExpressionCompilerTest extends ExpressionTestSupport {

  @Test
  void readsInputColumnsOfEveryScalarKind() {
    List<Column> columns = List.of(
        col("b", BOOL), col("i8", TypeKind.INT8), col("i16", TypeKind.INT16), col("i32", I32),
        col("i64", I64), col("u8", TypeKind.UINT8), col("u16", TypeKind.UINT16),
        col("u32", TypeKind.UINT32), col("u64", TypeKind.UINT64), col("f32", TypeKind.FLOAT32),
        col("f64", F64), col("d", decimal(10, 2)), col("s", STR), col("bin", TypeKind.BINARY),
        col("ts", TypeKind.TIMESTAMP), col("date", TypeKind.DATE), col("time", TypeKind.TIME),
        col("iv", TypeKind.INTERVAL), col("j", TypeKind.JSON));
    Object[] values = {
        true, (byte) -3, (short) 300, 70000, 5_000_000_000L, 250, 65000, 4_000_000_000L, 7L,
        1.5f, 2.25, new BigDecimal("12.50"), "héllo", new byte[] {1, 2}, 1_700_000_000_000_000_000L,
        19000, 3_600_000_000_000L, new Interval(1, 2, 3), "{\"a\":1}"};
    for (int i = 0; i < columns.size(); i++) {
      Object result = eval(ref(i, columns.get(i).type().getKind()).toBuilder().setType(columns.get(i).type()).build(),
          columns, values).getFirst();
      if (values[i] instanceof byte[] bytes) {
        assertThat((byte[]) result).containsExactly(bytes);
      } else {
        assertThat(result).as(columns.get(i).name()).isEqualTo(values[i]);
      }
    }
  }

  @Test
  void nullInputsStayNull() {
    assertThat(eval(ref(0, I64), List.of(col("a", I64)), row((Object) null), row(5L)))
        .containsExactly(null, 5L);
  }

  @Test
  void literalsOfEveryKind() {
    assertThat(eval(lit(true))).isEqualTo(true);
    assertThat(eval(lit(7L, TypeKind.INT8))).isEqualTo((byte) 7);
    assertThat(eval(lit(7L, TypeKind.INT16))).isEqualTo((short) 7);
    assertThat(eval(lit(7))).isEqualTo(7);
    assertThat(eval(lit(7L))).isEqualTo(7L);
    assertThat(eval(lit(200L, TypeKind.UINT8))).isEqualTo(200);
    assertThat(eval(lit(60000L, TypeKind.UINT16))).isEqualTo(60000);
    assertThat(eval(lit(4_000_000_000L, TypeKind.UINT32))).isEqualTo(4_000_000_000L);
    assertThat(eval(lit(-1L, TypeKind.UINT64))).isEqualTo(-1L);
    assertThat(eval(lit(1.5f))).isEqualTo(1.5f);
    assertThat(eval(lit(2.5))).isEqualTo(2.5);
    assertThat(eval(decimalLit("12.5", 10, 2))).isEqualTo(new BigDecimal("12.50"));
    assertThat(eval(lit("text"))).isEqualTo("text");
    assertThat((byte[]) eval(Exprs.bytesLit(new byte[] {9, 8}))).containsExactly(9, 8);
    assertThat(eval(lit(1_000_000_000L, TypeKind.TIMESTAMP))).isEqualTo(1_000_000_000L);
    assertThat(eval(lit(3L, TypeKind.DATE))).isEqualTo(3);
    assertThat(eval(lit(5L, TypeKind.TIME))).isEqualTo(5L);
    assertThat(eval(Exprs.intervalLit(1, 2, 3))).isEqualTo(new Interval(1, 2, 3));
    assertThat(eval(Exprs.literal(type(TypeKind.JSON), io.tributary.proto.program.Literal.newBuilder().setStringValue("[1]"))))
        .isEqualTo("[1]");
    assertThat(eval(nullLit(I64))).isNull();
    assertThat(eval(nullLit(STR))).isNull();
    assertThat(eval(lit("quote \" and \\ and \n newline"))).isEqualTo("quote \" and \\ and \n newline");
  }

  @Test
  void integerArithmeticFollowsSql() {
    List<Column> ab = List.of(col("a", I64), col("b", I64));
    assertThat(eval(call("PLUS", I64, ref(0, I64), ref(1, I64)), ab, row(7L, 2L), row(null, 2L)))
        .containsExactly(9L, null);
    assertThat(eval(call("MINUS", I64, ref(0, I64), ref(1, I64)), ab, row(7L, 2L))).containsExactly(5L);
    assertThat(eval(call("TIMES", I64, ref(0, I64), ref(1, I64)), ab, row(7L, -2L))).containsExactly(-14L);
    assertThat(eval(call("DIVIDE", I64, ref(0, I64), ref(1, I64)), ab, row(7L, 2L), row(-7L, 2L)))
        .containsExactly(3L, -3L);
    assertThat(eval(call("MOD", I64, ref(0, I64), ref(1, I64)), ab, row(7L, 3L), row(-7L, 3L)))
        .containsExactly(1L, -1L);
    assertThat(eval(call("PLUS", I32, lit(1), lit(2)))).isEqualTo(3);
  }

  @Test
  void mixedIntegerWidthsWiden() {
    List<Column> ab = List.of(col("a", I32), col("b", I64));
    assertThat(eval(call("PLUS", I64, ref(0, I32), ref(1, I64)), ab, row(2_000_000_000, 2_000_000_000L)))
        .containsExactly(4_000_000_000L);
  }

  @Test
  void divisionByZeroNamesTheExpression() {
    List<Column> ab = List.of(col("a", I64), col("b", I64));
    assertThatThrownBy(() -> eval(call("DIVIDE", I64, ref(0, I64), ref(1, I64)), ab, row(1L, 0L)))
        .isInstanceOf(ExpressionEvaluationException.class)
        .hasMessage("division by zero in (a / b)");
    assertThatThrownBy(() -> eval(call("MOD", I64, ref(0, I64), ref(1, I64)), ab, row(1L, 0L)))
        .isInstanceOf(ExpressionEvaluationException.class)
        .hasMessageContaining("division by zero in (a % b)");
  }

  @Test
  void overflowIsAnError() {
    assertThatThrownBy(() -> eval(call("PLUS", I64, lit(Long.MAX_VALUE), lit(1L))))
        .isInstanceOf(ExpressionEvaluationException.class)
        .hasMessageContaining("overflow");
    assertThatThrownBy(() -> eval(call("PLUS", I32, lit(Integer.MAX_VALUE), lit(1))))
        .isInstanceOf(ExpressionEvaluationException.class)
        .hasMessageContaining("out of range");
  }

  @Test
  void floatingAndDecimalArithmetic() {
    assertThat(eval(call("DIVIDE", F64, lit(7.0), lit(2.0)))).isEqualTo(3.5);
    assertThat(eval(call("TIMES", F64, lit(1.5), lit(2L)))).isEqualTo(3.0);
    assertThat(eval(call("DIVIDE", F64, lit(1.0), lit(0.0)))).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(eval(call("PLUS", decimal(10, 2), decimalLit("1.25", 10, 2), decimalLit("2.5", 10, 1))))
        .isEqualTo(new BigDecimal("3.75"));
    assertThat(eval(call("DIVIDE", decimal(10, 4), decimalLit("1", 10, 0), decimalLit("3", 10, 0))))
        .isEqualTo(new BigDecimal("0.3333"));
    assertThatThrownBy(() -> eval(call("DIVIDE", decimal(10, 2), decimalLit("1", 10, 0), decimalLit("0", 10, 0))))
        .hasMessageContaining("division by zero");
    assertThat(eval(call("PLUS", TypeKind.FLOAT32, lit(1.5f), lit(1.25f)))).isEqualTo(2.75f);
  }

  @Test
  void decimalTimesIntegerOnUnscaledLongsMatchesBigDecimal() {
    // Nexmark q1's 0.908 * price: the product is computed on longs, with BigDecimal's results.
    List<Column> price = List.of(col("price", I64));
    Expr q1 = call("TIMES", decimal(23, 3), decimalLit("0.908", 4, 3), ref(0, I64));
    assertThat(eval(q1, price, row(1000L), row(-7L), row(0L), row((Object) null), row(Long.MAX_VALUE)))
        .containsExactly(new BigDecimal("908.000"), new BigDecimal("-6.356"), new BigDecimal("0.000"), null,
            new BigDecimal("0.908").multiply(BigDecimal.valueOf(Long.MAX_VALUE)));
    Field out = ArrowTypes.toArrow(io.tributary.proto.program.Field.newBuilder()
        .setName("out").setType(q1.getType()).setNullable(true).build());
    assertThat(ProjectionCodegen.generate(schema(price).getFields(), Optional.empty(), List.of(q1), List.of(out)))
        .as("the product is written to the DECIMAL column as a long")
        .containsPattern("out0\\.setSafe\\(o, u\\d+\\)");
    // A sum of two such products, then a narrower type: overflow of the precision is an error.
    Expr sum = call("PLUS", decimal(6, 3), call("TIMES", decimal(6, 3), decimalLit("1.5", 2, 1), ref(0, I64)),
        call("TIMES", decimal(6, 3), decimalLit("0.25", 3, 2), ref(0, I64)));
    assertThat(eval(sum, price, row(4L), row(-4L))).containsExactly(new BigDecimal("7.000"), new BigDecimal("-7.000"));
    assertThatThrownBy(() -> eval(sum, price, row(1000L)))
        .isInstanceOf(ExpressionEvaluationException.class)
        .hasMessageContaining("does not fit DECIMAL(6, 3)");
    assertThat(eval(call("MINUS", decimal(20, 0), ref(0, I64), decimalLit("1", 1, 0)), price, row(Long.MIN_VALUE)))
        .containsExactly(BigDecimal.valueOf(Long.MIN_VALUE).subtract(BigDecimal.ONE));
  }

  @Test
  void comparisons() {
    List<Column> ab = List.of(col("a", I64), col("b", F64));
    Expr a = ref(0, I64);
    Expr b = ref(1, F64);
    assertThat(eval(call("LESS_THAN", BOOL, a, b), ab, row(1L, 1.5), row(2L, 1.5), row(null, 1.0)))
        .containsExactly(true, false, null);
    assertThat(eval(call("EQUALS", BOOL, a, b), ab, row(2L, 2.0))).containsExactly(true);
    assertThat(eval(call("NOT_EQUALS", BOOL, a, b), ab, row(2L, 2.0))).containsExactly(false);
    assertThat(eval(call("GREATER_THAN_OR_EQUAL", BOOL, a, b), ab, row(2L, 2.0))).containsExactly(true);
    assertThat(eval(call("LESS_THAN_OR_EQUAL", BOOL, lit("abc"), lit("abd")))).isEqualTo(true);
    assertThat(eval(call("GREATER_THAN", BOOL, lit("b"), lit("abc")))).isEqualTo(true);
    assertThat(eval(call("EQUALS", BOOL, decimalLit("1.50", 5, 2), decimalLit("1.5", 5, 1)))).isEqualTo(true);
    assertThat(eval(call("EQUALS", BOOL, lit(true), lit(true)))).isEqualTo(true);
    assertThat(eval(call("LESS_THAN", BOOL, lit(1L, TypeKind.TIMESTAMP), lit(2L, TypeKind.TIMESTAMP)))).isEqualTo(true);
    assertThat(eval(call("EQUALS", BOOL, lit(1L), nullLit(I64)))).isNull();
    assertThat(eval(call("IS_DISTINCT_FROM", BOOL, lit(1L), nullLit(I64)))).isEqualTo(true);
    assertThat(eval(call("IS_NOT_DISTINCT_FROM", BOOL, nullLit(I64), nullLit(I64)))).isEqualTo(true);
  }

  @Test
  void andOrNotUseThreeValuedLogic() {
    List<Column> ab = List.of(col("a", BOOL), col("b", BOOL));
    Boolean[] values = {true, false, null};
    Expr and = call("AND", BOOL, ref(0, BOOL), ref(1, BOOL));
    Expr or = call("OR", BOOL, ref(0, BOOL), ref(1, BOOL));
    Expr not = call("NOT", BOOL, ref(0, BOOL));
    List<Object[]> rows = new ArrayList<>();
    for (Boolean a : values) {
      for (Boolean b : values) {
        rows.add(row(a, b));
      }
    }
    Object[][] all = rows.toArray(new Object[0][]);
    assertThat(eval(and, ab, all)).containsExactly(
        true, false, null,
        false, false, false,
        null, false, null);
    assertThat(eval(or, ab, all)).containsExactly(
        true, true, true,
        true, false, null,
        true, null, null);
    assertThat(eval(not, ab, row(true, null), row(false, null), row(null, null)))
        .containsExactly(false, true, null);
  }

  @Test
  void andDoesNotEvaluateOperandsAfterFalse() {
    List<Column> ab = List.of(col("a", I64), col("b", I64));
    Expr guarded = call("AND", BOOL,
        call("NOT_EQUALS", BOOL, ref(1, I64), lit(0L)),
        call("GREATER_THAN", BOOL, call("DIVIDE", I64, ref(0, I64), ref(1, I64)), lit(1L)));
    assertThat(eval(guarded, ab, row(10L, 0L), row(10L, 2L))).containsExactly(false, true);
  }

  @Test
  void multiOperandAndOr() {
    assertThat(eval(call("AND", BOOL, lit(true), lit(true), nullLit(BOOL)))).isNull();
    assertThat(eval(call("AND", BOOL, lit(true), nullLit(BOOL), lit(false)))).isEqualTo(false);
    assertThat(eval(call("OR", BOOL, lit(false), nullLit(BOOL), lit(true)))).isEqualTo(true);
  }

  @Test
  void nullAndTruthTests() {
    List<Column> a = List.of(col("a", BOOL));
    Object[][] rows = {row(true), row(false), row((Object) null)};
    assertThat(eval(call("IS_NULL", BOOL, ref(0, BOOL)), a, rows)).containsExactly(false, false, true);
    assertThat(eval(call("IS_NOT_NULL", BOOL, ref(0, BOOL)), a, rows)).containsExactly(true, true, false);
    assertThat(eval(call("IS_TRUE", BOOL, ref(0, BOOL)), a, rows)).containsExactly(true, false, false);
    assertThat(eval(call("IS_FALSE", BOOL, ref(0, BOOL)), a, rows)).containsExactly(false, true, false);
    assertThat(eval(call("IS_NOT_TRUE", BOOL, ref(0, BOOL)), a, rows)).containsExactly(false, true, true);
    assertThat(eval(call("IS_NOT_FALSE", BOOL, ref(0, BOOL)), a, rows)).containsExactly(true, false, true);
    assertThat(eval(call("IS_NULL", BOOL, nullLit(TypeKind.NULL)))).isEqualTo(true);
  }

  @Test
  void castsBetweenNumbersStringsBooleansAndTimestamps() {
    assertThat(eval(call("CAST", I32, lit("42")))).isEqualTo(42);
    assertThat(eval(call("CAST", I64, lit(" -7 ")))).isEqualTo(-7L);
    assertThat(eval(call("CAST", F64, lit("2.5")))).isEqualTo(2.5);
    assertThat(eval(call("CAST", decimal(5, 2), lit("2.345")))).isEqualTo(new BigDecimal("2.35"));
    assertThat(eval(call("CAST", I64, lit(2.9)))).isEqualTo(2L);
    assertThat(eval(call("CAST", I64, decimalLit("-2.9", 5, 1)))).isEqualTo(-2L);
    assertThat(eval(call("CAST", F64, lit(3L)))).isEqualTo(3.0);
    assertThat(eval(call("CAST", TypeKind.FLOAT32, lit(0.1)))).isEqualTo(0.1f);
    assertThat(eval(call("CAST", STR, lit(12L)))).isEqualTo("12");
    assertThat(eval(call("CAST", STR, lit(1.5)))).isEqualTo("1.5");
    assertThat(eval(call("CAST", STR, lit(true)))).isEqualTo("true");
    assertThat(eval(call("CAST", STR, decimalLit("1.50", 5, 2)))).isEqualTo("1.50");
    assertThat(eval(call("CAST", BOOL, lit("TRUE")))).isEqualTo(true);
    assertThat(eval(call("CAST", BOOL, lit("f")))).isEqualTo(false);
    assertThat(eval(call("CAST", BOOL, lit(0L)))).isEqualTo(false);
    assertThat(eval(call("CAST", I32, lit(true)))).isEqualTo(1);
    assertThat(eval(call("CAST", TypeKind.TIMESTAMP, lit("2023-10-09T17:13:40.2"))))
        .isEqualTo(1_696_871_620_200_000_000L);
    assertThat(eval(call("CAST", TypeKind.TIMESTAMP, lit("2023-10-09 17:13:40+02:00"))))
        .isEqualTo(1_696_864_420_000_000_000L);
    assertThat(eval(call("CAST", STR, lit(1_696_871_620_200_000_000L, TypeKind.TIMESTAMP))))
        .isEqualTo("2023-10-09T17:13:40.200");
    assertThat(eval(call("CAST", I64, lit(1_000L, TypeKind.TIMESTAMP)))).isEqualTo(1_000L);
    assertThat(eval(call("CAST", TypeKind.TIMESTAMP, lit(1_000L)))).isEqualTo(1_000L);
    assertThat(eval(call("CAST", TypeKind.DATE, lit(86_400_000_000_000L * 3 + 5, TypeKind.TIMESTAMP)))).isEqualTo(3);
    assertThat(eval(call("CAST", TypeKind.TIMESTAMP, lit(2L, TypeKind.DATE)))).isEqualTo(2 * 86_400_000_000_000L);
    assertThat(eval(call("CAST", STR, lit(19_000L, TypeKind.DATE)))).isEqualTo("2022-01-08");
    assertThat(eval(call("CAST", TypeKind.INT8, lit(127L)))).isEqualTo((byte) 127);
    assertThat(eval(call("CAST", I64, nullLit(STR)))).isNull();
  }

  @Test
  void invalidCastsNameTheValueAndExpression() {
    assertThatThrownBy(() -> eval(call("CAST", I64, ref(0, STR)), List.of(col("s", STR)), row("abc")))
        .isInstanceOf(ExpressionEvaluationException.class)
        .hasMessage("cannot read 'abc' as an integer in CAST(s AS BIGINT)");
    assertThatThrownBy(() -> eval(call("CAST", TypeKind.INT8, lit(300L))))
        .isInstanceOf(ExpressionEvaluationException.class)
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> eval(call("CAST", TypeKind.TIMESTAMP, lit("yesterday"))))
        .hasMessageContaining("cannot read 'yesterday' as a timestamp");
    assertThatThrownBy(() -> eval(call("CAST", TypeKind.INTERVAL, lit(true))))
        .isInstanceOf(ExpressionCompileException.class)
        .hasMessageContaining("cannot CAST BOOLEAN to INTERVAL");
  }

  @Test
  void caseEvaluatesOnlyTheChosenBranch() {
    List<Column> a = List.of(col("a", I64));
    Expr expr = call("CASE", I64,
        call("EQUALS", BOOL, ref(0, I64), lit(0L)), lit(-1L),
        call("IS_NULL", BOOL, ref(0, I64)), lit(-2L),
        call("DIVIDE", I64, lit(100L), ref(0, I64)));
    assertThat(eval(expr, a, row(0L), row((Object) null), row(20L))).containsExactly(-1L, -2L, 5L);
    Expr noElse = call("CASE", STR, call("GREATER_THAN", BOOL, ref(0, I64), lit(1L)), lit("big"));
    assertThat(eval(noElse, a, row(5L), row(0L), row((Object) null))).containsExactly("big", null, null);
    Expr nullCondition = call("CASE", I32, nullLit(BOOL), lit(1), lit(2));
    assertThat(eval(nullCondition)).isEqualTo(2);
  }

  @Test
  void coalesceTakesTheFirstNonNull() {
    List<Column> ab = List.of(col("a", I64), col("b", I64));
    Expr expr = call("COALESCE", I64, ref(0, I64), ref(1, I64), lit(0L));
    assertThat(eval(expr, ab, row(1L, 2L), row(null, 2L), row(null, null))).containsExactly(1L, 2L, 0L);
    assertThat(eval(call("COALESCE", I64, nullLit(I64), nullLit(I64)))).isNull();
    assertThat(eval(call("NULLIF", I64, lit(3L), lit(3L)))).isNull();
    assertThat(eval(call("NULLIF", I64, lit(3L), lit(4L)))).isEqualTo(3L);
  }

  @Test
  void like() {
    List<Column> s = List.of(col("s", STR));
    Object[][] rows = {row("apple"), row("apricot"), row("banana"), row("a_b"), row((Object) null)};
    assertThat(eval(call("LIKE", BOOL, ref(0, STR), lit("ap%")), s, rows))
        .containsExactly(true, true, false, false, null);
    assertThat(eval(call("LIKE", BOOL, ref(0, STR), lit("_pple")), s, rows))
        .containsExactly(true, false, false, false, null);
    assertThat(eval(call("LIKE", BOOL, ref(0, STR), lit("a!_b"), lit("!")), s, rows))
        .containsExactly(false, false, false, true, null);
    assertThat(eval(call("LIKE", BOOL, ref(0, STR), lit("%.%")), s, rows))
        .containsExactly(false, false, false, false, null);
    List<Column> sp = List.of(col("s", STR), col("p", STR));
    assertThat(eval(call("LIKE", BOOL, ref(0, STR), ref(1, STR)), sp, row("abc", "a%"), row("abc", "b%")))
        .containsExactly(true, false);
  }

  @Test
  void stringFunctions() {
    assertThat(eval(call("UPPER", STR, lit("straße")))).isEqualTo("STRASSE");
    assertThat(eval(call("LOWER", STR, lit("HeLLo")))).isEqualTo("hello");
    assertThat(eval(call("||", STR, lit("a"), lit("b"), lit("c")))).isEqualTo("abc");
    assertThat(eval(call("||", STR, lit("a"), nullLit(STR)))).isNull();
    assertThat(eval(call("CONCAT", STR, lit("a"), nullLit(STR), lit("c")))).isNull();
    assertThat(eval(call("CONCAT", STR, lit("n="), lit(5L)))).isEqualTo("n=5");
    assertThat(eval(call("CONCAT_WITH_NULL", STR, lit("a"), nullLit(STR), lit("c")))).isEqualTo("ac");
    assertThat(eval(call("CHAR_LENGTH", I32, lit("héllo")))).isEqualTo(5);
    assertThat(eval(call("CHARACTER_LENGTH", I64, lit("")))).isEqualTo(0L);
    assertThat(eval(call("CHAR_LENGTH", I32, nullLit(STR)))).isNull();
    assertThat(eval(call("SUBSTRING", STR, lit("hello"), lit(2L)))).isEqualTo("ello");
    assertThat(eval(call("SUBSTRING", STR, lit("hello"), lit(2L), lit(3L)))).isEqualTo("ell");
    assertThat(eval(call("SUBSTRING", STR, lit("hello"), lit(0L), lit(3L)))).isEqualTo("he");
    assertThat(eval(call("SUBSTRING", STR, lit("hello"), lit(10L)))).isEqualTo("");
    assertThat(eval(call("TRIM", STR, lit("  hi  ")))).isEqualTo("hi");
    assertThat(eval(call("TRIM", STR, lit("BOTH"), lit("x"), lit("xxhixx")))).isEqualTo("hi");
    assertThat(eval(call("TRIM", STR, lit("LEADING"), lit("x"), lit("xxhixx")))).isEqualTo("hixx");
    assertThat(eval(call("TRIM", STR, lit("TRAILING"), lit(" "), lit("  hi  ")))).isEqualTo("  hi");
    assertThat(eval(call("LTRIM", STR, lit("  hi  ")))).isEqualTo("hi  ");
    assertThat(eval(call("RTRIM", STR, lit("  hi  ")))).isEqualTo("  hi");
  }

  @Test
  void mathFunctions() {
    assertThat(eval(call("ABS", I64, lit(-5L)))).isEqualTo(5L);
    assertThat(eval(call("ABS", F64, lit(-2.5)))).isEqualTo(2.5);
    assertThat(eval(call("ABS", decimal(5, 2), decimalLit("-1.25", 5, 2)))).isEqualTo(new BigDecimal("1.25"));
    assertThatThrownBy(() -> eval(call("ABS", I64, lit(Long.MIN_VALUE)))).hasMessageContaining("overflow");
    assertThat(eval(call("ROUND", F64, lit(2.5)))).isEqualTo(3.0);
    assertThat(eval(call("ROUND", F64, lit(-2.5)))).isEqualTo(-3.0);
    assertThat(eval(call("ROUND", F64, lit(1.2345), lit(2)))).isEqualTo(1.23);
    assertThat(eval(call("ROUND", decimal(5, 1), decimalLit("1.25", 5, 2), lit(1)))).isEqualTo(new BigDecimal("1.3"));
    assertThat(eval(call("ROUND", I64, lit(1234L), lit(-2)))).isEqualTo(1200L);
    assertThat(eval(call("FLOOR", F64, lit(-1.5)))).isEqualTo(-2.0);
    assertThat(eval(call("CEIL", F64, lit(-1.5)))).isEqualTo(-1.0);
    assertThat(eval(call("CEILING", F64, lit(1.2)))).isEqualTo(2.0);
    assertThat(eval(call("FLOOR", decimal(5, 0), decimalLit("1.7", 5, 1)))).isEqualTo(new BigDecimal("1"));
    assertThat(eval(call("FLOOR", I64, lit(7L)))).isEqualTo(7L);
    assertThat(eval(call("MINUS_PREFIX", I64, lit(5L)))).isEqualTo(-5L);
    assertThat(eval(call("MINUS_PREFIX", F64, lit(1.5)))).isEqualTo(-1.5);
    assertThat(eval(call("MINUS_PREFIX", I64, nullLit(I64)))).isNull();
    assertThat(eval(call("FLOOR", TypeKind.TIMESTAMP, lit(3_700_000_000_000L, TypeKind.TIMESTAMP), lit("HOUR"))))
        .isEqualTo(3_600_000_000_000L);
  }

  @Test
  void timestampIntervalArithmetic() {
    long ts = 1_696_871_620_000_000_000L;
    assertThat(eval(call("MINUS", TypeKind.TIMESTAMP, lit(ts, TypeKind.TIMESTAMP), Exprs.intervalLit(0, 0, 1_000_000_000L))))
        .isEqualTo(ts - 1_000_000_000L);
    assertThat(eval(call("PLUS", TypeKind.TIMESTAMP, lit(ts, TypeKind.TIMESTAMP), Exprs.intervalLit(0, 1, 0))))
        .isEqualTo(ts + 86_400_000_000_000L);
  }

  @Test
  void moreStringAndMathFunctions() {
    assertThat(eval(call("REPLACE", STR, lit("a-b-c"), lit("-"), lit("+")))).isEqualTo("a+b+c");
    assertThat(eval(call("POSITION", I64, lit("lo"), lit("hello")))).isEqualTo(4L);
    assertThat(eval(call("POSITION", I32, lit("x"), lit("hello")))).isEqualTo(0);
    assertThat(eval(call("STRPOS", I64, lit("hello"), lit("l")))).isEqualTo(3L);
    assertThat(eval(call("LEFT", STR, lit("hello"), lit(2L)))).isEqualTo("he");
    assertThat(eval(call("RIGHT", STR, lit("hello"), lit(-2L)))).isEqualTo("llo");
    assertThat(eval(call("LPAD", STR, lit("7"), lit(3L), lit("0")))).isEqualTo("007");
    assertThat(eval(call("RPAD", STR, lit("ab"), lit(5L)))).isEqualTo("ab   ");
    assertThat(eval(call("REPEAT", STR, lit("ab"), lit(3L)))).isEqualTo("ababab");
    assertThat(eval(call("REVERSE", STR, lit("abc")))).isEqualTo("cba");
    assertThat(eval(call("INITCAP", STR, lit("hello wORLD")))).isEqualTo("Hello World");
    assertThat(eval(call("STARTS_WITH", BOOL, lit("hello"), lit("he")))).isEqualTo(true);
    assertThat(eval(call("MD5", STR, lit("a")))).isEqualTo("0cc175b9c0f1b6a831c399e269772661");
    assertThat(eval(call("POWER", F64, lit(2L), lit(10L)))).isEqualTo(1024.0);
    assertThat(eval(call("SQRT", F64, lit(9.0)))).isEqualTo(3.0);
    assertThatThrownBy(() -> eval(call("SQRT", F64, lit(-1.0))))
        .hasMessage("cannot take the square root of -1.0 in SQRT(-1.0)");
    assertThat(eval(call("LN", F64, nullLit(F64)))).isNull();
  }

  @Test
  void ilikeIgnoresCase() {
    assertThat(eval(call("ILIKE", BOOL, lit("HeLLo"), lit("he%o")))).isEqualTo(true);
    assertThat(eval(call("LIKE", BOOL, lit("HeLLo"), lit("he%o")))).isEqualTo(false);
  }

  @Test
  void extractsTimestampParts() {
    Expr ts = lit(1_696_871_620_200_000_000L, TypeKind.TIMESTAMP);
    assertThat(eval(call("EXTRACT", I64, lit("YEAR"), ts))).isEqualTo(2023L);
    assertThat(eval(call("EXTRACT", I64, lit("MONTH"), ts))).isEqualTo(10L);
    assertThat(eval(call("EXTRACT", I64, lit("DAY"), ts))).isEqualTo(9L);
    assertThat(eval(call("EXTRACT", I64, lit("HOUR"), ts))).isEqualTo(17L);
    assertThat(eval(call("EXTRACT", I64, lit("MINUTE"), ts))).isEqualTo(13L);
    assertThat(eval(call("EXTRACT", I64, lit("SECOND"), ts))).isEqualTo(40L);
    assertThat(eval(call("EXTRACT", I64, lit("MILLISECOND"), ts))).isEqualTo(40_200L);
    assertThat(eval(call("EXTRACT", I64, lit("DOW"), ts))).isEqualTo(1L);
    assertThat(eval(call("EXTRACT", I64, lit("EPOCH"), ts))).isEqualTo(1_696_871_620L);
    assertThat(eval(call("EXTRACT", I64, lit("YEAR"), lit(0L, TypeKind.DATE)))).isEqualTo(1970L);
    assertThatThrownBy(() -> eval(call("EXTRACT", I64, lit("FORTNIGHT"), ts)))
        .isInstanceOf(ExpressionCompileException.class)
        .hasMessageContaining("unsupported EXTRACT unit 'FORTNIGHT'");
  }

  @Test
  void fieldAccessReadsNestedStructFields() {
    DataType inner = DataType.newBuilder().setKind(TypeKind.STRUCT)
        .addChildren(io.tributary.proto.program.Field.newBuilder().setName("price").setNullable(true).setType(type(I64)))
        .build();
    DataType outer = DataType.newBuilder().setKind(TypeKind.STRUCT)
        .addChildren(io.tributary.proto.program.Field.newBuilder().setName("bid").setNullable(true).setType(inner))
        .addChildren(io.tributary.proto.program.Field.newBuilder().setName("name").setNullable(true).setType(type(STR)))
        .build();
    List<Column> columns = List.of(col("event", outer));
    Expr event = ref(0, TypeKind.STRUCT).toBuilder().setType(outer).build();
    Expr bid = call("FIELD_ACCESS", inner, event, lit("bid"));
    Expr price = call("FIELD_ACCESS", I64, bid, lit("price"));
    Object[][] rows = {
        row(java.util.Map.of("bid", java.util.Map.of("price", 7L), "name", "x")),
        row((Object) null),
        row(java.util.Collections.singletonMap("bid", null))};
    assertThat(eval(call("TIMES", I64, price, lit(2L)), columns, rows)).containsExactly(14L, null, null);
    assertThat(eval(call("UPPER", STR, call("FIELD_ACCESS", STR, event, lit("name"))), columns, rows))
        .containsExactly("X", null, null);
    // Written unchanged, a text field's bytes are copied rather than read as a String.
    assertThat(eval(call("FIELD_ACCESS", STR, event, lit("name")), columns, rows)).containsExactly("x", null, null);
    assertThat(eval(call("IS_NOT_NULL", BOOL, event), columns, rows)).containsExactly(true, false, true);
    java.util.Map<String, Object> bidOnly = new java.util.HashMap<>();
    bidOnly.put("bid", null);
    bidOnly.put("name", null);
    assertThat(eval(event, columns, rows)).containsExactly(rows[0][0], null, bidOnly);
    assertThatThrownBy(() -> eval(call("FIELD_ACCESS", I64, event, lit("nope")), columns, rows))
        .isInstanceOf(ExpressionCompileException.class)
        .hasMessageContaining("STRUCT 'event' has no field 'nope'");
  }

  @Test
  void unknownFunctionIsATypedErrorNamingIt() {
    assertThatThrownBy(() -> eval(call("FROBNICATE", I64, lit(1L))))
        .isInstanceOf(ExpressionCompileException.class)
        .hasMessage("unknown function 'FROBNICATE' in FROBNICATE(1)");
  }

  @Test
  void filterKeepsOnlyRowsWhereTheConditionIsTrue() {
    Schema input = schema(List.of(col("a", I64)));
    Field out = ArrowTypes.toArrow(io.tributary.proto.program.Field.newBuilder()
        .setName("a").setType(type(I64)).setNullable(true).build());
    Projector projector = compiler.compile(input,
        Optional.of(call("GREATER_THAN", BOOL, ref(0, I64), lit(1L))),
        List.of(call("TIMES", I64, ref(0, I64), lit(10L))),
        new Schema(List.of(out)));
    try (BatchBuilder builder = new BatchBuilder(input, allocator)) {
      for (Long value : Arrays.asList(1L, 2L, null, 3L)) {
        builder.addRow(0L, value);
      }
      try (RecordBatch batch = builder.build();
          VectorSchemaRoot result = projector.evaluate(batch.root(), allocator)) {
        assertThat(result.getRowCount()).isEqualTo(2);
        assertThat(VectorValues.get(result.getVector(0), 0)).isEqualTo(20L);
        assertThat(VectorValues.get(result.getVector(0), 1)).isEqualTo(30L);
      }
    }
  }

  @Test
  void compiledClassesAreCachedBySignature() {
    Expr expr = call("PLUS", I64, ref(0, I64), lit(1L));
    List<Column> a = List.of(col("a", I64));
    eval(expr, a, row(1L));
    int after = compiler.compilations();
    assertThat(eval(expr, a, row(2L))).containsExactly(3L);
    assertThat(compiler.compilations()).isEqualTo(after);
    eval(call("PLUS", I64, ref(0, I64), lit(2L)), a, row(1L));
    assertThat(compiler.compilations()).isEqualTo(after + 1);
  }

  @Test
  void wrongOperandCountIsACompileError() {
    assertThatThrownBy(() -> eval(call("PLUS", I64, lit(1L))))
        .isInstanceOf(ExpressionCompileException.class)
        .hasMessageContaining("PLUS takes 2 operands, not 1");
  }

  @Test
  void inputRefOutOfRangeIsACompileError() {
    assertThatThrownBy(() -> eval(ref(3, I64), List.of(col("a", I64)), row(1L)))
        .isInstanceOf(ExpressionCompileException.class)
        .hasMessageContaining("input column 3");
  }
}
