package io.tributary.engine.expr;

import static io.tributary.engine.expr.Exprs.type;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.batch.VectorValues;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Expr;
import io.tributary.proto.program.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Compiles one expression over rows of given columns and reads its values back, leaking nothing. */
abstract class ExpressionTestSupport {
  static final TypeKind I64 = TypeKind.INT64;
  static final TypeKind I32 = TypeKind.INT32;
  static final TypeKind F64 = TypeKind.FLOAT64;
  static final TypeKind STR = TypeKind.UTF8;
  static final TypeKind BOOL = TypeKind.BOOLEAN;

  BufferAllocator allocator;
  final ExpressionCompiler compiler = new ExpressionCompiler(64);

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    assertThat(allocator.getAllocatedMemory()).isZero();
    allocator.close();
  }

  /** The compiler {@link #eval} uses. */
  ExpressionCompiler compiler() {
    return compiler;
  }

  /** Input columns for a test: names and kinds. */
  record Column(String name, DataType type) {}

  static Column col(String name, TypeKind kind) {
    return new Column(name, type(kind));
  }

  static Column col(String name, DataType type) {
    return new Column(name, type);
  }

  Schema schema(List<Column> columns) {
    List<Field> fields = new ArrayList<>();
    for (Column c : columns) {
      fields.add(ArrowTypes.toArrow(io.tributary.proto.program.Field.newBuilder()
          .setName(c.name()).setType(c.type()).setNullable(true).build()));
    }
    return RecordBatch.schemaWithTimestamp(fields);
  }

  /** Evaluates {@code expr} over the given rows of the given columns. */
  List<Object> eval(Expr expr, List<Column> columns, Object[]... rows) {
    Schema input = schema(columns);
    Field out = ArrowTypes.toArrow(io.tributary.proto.program.Field.newBuilder()
        .setName("out").setType(expr.getType()).setNullable(true).build());
    Projector projector = compiler().compile(input, Optional.empty(), List.of(expr), new Schema(List.of(out)));
    try (BatchBuilder builder = new BatchBuilder(input, allocator)) {
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

  /** Evaluates an expression without input columns (one empty row). */
  Object eval(Expr expr) {
    return eval(expr, List.of(), new Object[0]).getFirst();
  }

  static Object[] row(Object... values) {
    return values;
  }
}
