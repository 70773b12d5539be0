package io.tributary.engine.expr;

import static io.tributary.engine.expr.Exprs.call;
import static io.tributary.engine.expr.Exprs.lit;
import static io.tributary.engine.expr.Exprs.ref;
import static io.tributary.engine.expr.Exprs.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.batch.VectorValues;
import io.tributary.engine.testing.AllocatorTest;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Expr;
import io.tributary.proto.program.Field;
import io.tributary.proto.program.TypeKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class RowExpressionTest extends AllocatorTest {
  private final ExpressionCompiler compiler = new ExpressionCompiler(16);

  private static Field field(String name, DataType type) {
    return Field.newBuilder().setName(name).setNullable(true).setType(type).build();
  }

  private static DataType struct(Field... fields) {
    return DataType.newBuilder().setKind(TypeKind.STRUCT).addAllChildren(List.of(fields)).build();
  }

  /** Input: start TIMESTAMP, end TIMESTAMP, n INT32, _timestamp. */
  private static final Schema INPUT = ArrowTypes.toArrow(io.tributary.proto.program.Schema.newBuilder()
      .addFields(field("start", type(TypeKind.TIMESTAMP)))
      .addFields(field("end", type(TypeKind.TIMESTAMP)))
      .addFields(field("n", type(TypeKind.INT32)))
      .addFields(Field.newBuilder().setName("_timestamp").setType(type(TypeKind.TIMESTAMP)))
      .build());

  private List<Object> eval(Expr expr, Object[]... rows) {
    Schema output = new Schema(List.of(ArrowTypes.toArrow(field("out", expr.getType()))));
    Projector projector = compiler.compile(INPUT, Optional.empty(), List.of(expr), output);
    try (BatchBuilder builder = new BatchBuilder(INPUT, allocator)) {
      for (Object[] row : rows) {
        builder.addRow(0L, row);
      }
      try (RecordBatch batch = builder.build();
          VectorSchemaRoot result = projector.evaluate(batch.root(), allocator)) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < result.getRowCount(); i++) {
          values.add(VectorValues.get(result.getVector(0), i));
        }
        return values;
      }
    }
  }

  private static Map<String, Object> map(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  @Test
  void rowBuildsAStructFromItsOperands() {
    DataType window = struct(field("start", type(TypeKind.TIMESTAMP)), field("end", type(TypeKind.TIMESTAMP)));
    Expr row = call("ROW", window, ref(0, TypeKind.TIMESTAMP), ref(1, TypeKind.TIMESTAMP));
    assertThat(eval(row, new Object[] {10L, 20L, 1}, new Object[] {30L, null, 2}))
        .containsExactly(map("start", 10L, "end", 20L), map("start", 30L, "end", null));
  }

  @Test
  void rowOperandsAreComputedCastAndNested() {
    DataType inner = struct(field("x", type(TypeKind.INT64)));
    DataType outer = struct(field("sum", type(TypeKind.INT64)), field("inner", inner), field("label", type(TypeKind.UTF8)));
    Expr row = call("ROW", outer,
        call("PLUS", TypeKind.INT32, ref(2, TypeKind.INT32), lit(1)),
        call("ROW", inner, ref(2, TypeKind.INT32)),
        lit("w"));
    assertThat(eval(row, new Object[] {0L, 0L, 41}, new Object[] {0L, 0L, null})).containsExactly(
        map("sum", 42L, "inner", map("x", 41L), "label", "w"),
        map("sum", null, "inner", map("x", null), "label", "w"));
  }

  @Test
  void rowMustMatchItsStructAndStayAProjectedColumn() {
    DataType one = struct(field("a", type(TypeKind.INT64)));
    assertThatThrownBy(() -> eval(call("ROW", one, lit(1L), lit(2L))))
        .isInstanceOf(ExpressionCompileException.class)
        .hasMessageContaining("2 operands");
    assertThatThrownBy(() -> eval(call("IS_NULL", TypeKind.BOOLEAN, call("ROW", one, lit(1L)))))
        .isInstanceOf(ExpressionCompileException.class)
        .hasMessageContaining("ROW is supported as a projected column");
  }
}
