package io.tributary.engine.expr;

import com.google.protobuf.ByteString;
import io.tributary.proto.program.Call;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Expr;
import io.tributary.proto.program.IntervalValue;
import io.tributary.proto.program.Literal;
import io.tributary.proto.program.TypeKind;

/** Builds program expressions tersely for tests. */
final class Exprs {
  private Exprs() {}

  static DataType type(TypeKind kind) {
    return DataType.newBuilder().setKind(kind).build();
  }

  static DataType decimal(int precision, int scale) {
    return DataType.newBuilder().setKind(TypeKind.DECIMAL).setPrecision(precision).setScale(scale).build();
  }

  static Expr ref(int index, TypeKind kind) {
    return Expr.newBuilder().setType(type(kind)).setNullable(true).setInputRef(index).build();
  }

  static Expr lit(long value, TypeKind kind) {
    return literal(type(kind), Literal.newBuilder().setIntValue(value));
  }

  static Expr lit(long value) {
    return lit(value, TypeKind.INT64);
  }

  static Expr lit(int value) {
    return lit(value, TypeKind.INT32);
  }

  static Expr lit(double value) {
    return literal(type(TypeKind.FLOAT64), Literal.newBuilder().setDoubleValue(value));
  }

  static Expr lit(float value) {
    return literal(type(TypeKind.FLOAT32), Literal.newBuilder().setDoubleValue(value));
  }

  static Expr lit(String value) {
    return literal(type(TypeKind.UTF8), Literal.newBuilder().setStringValue(value));
  }

  static Expr lit(boolean value) {
    return literal(type(TypeKind.BOOLEAN), Literal.newBuilder().setBoolValue(value));
  }

  static Expr decimalLit(String value, int precision, int scale) {
    return literal(decimal(precision, scale), Literal.newBuilder().setDecimalValue(value));
  }

  static Expr bytesLit(byte[] value) {
    return literal(type(TypeKind.BINARY), Literal.newBuilder().setBytesValue(ByteString.copyFrom(value)));
  }

  static Expr intervalLit(int months, int days, long nanos) {
    return literal(type(TypeKind.INTERVAL), Literal.newBuilder().setIntervalValue(
        IntervalValue.newBuilder().setMonths(months).setDays(days).setNanos(nanos)));
  }

  static Expr nullLit(TypeKind kind) {
    return literal(type(kind), Literal.newBuilder());
  }

  static Expr literal(DataType type, Literal.Builder literal) {
    return Expr.newBuilder().setType(type).setLiteral(literal).build();
  }

  static Expr call(String function, TypeKind result, Expr... operands) {
    return call(function, type(result), operands);
  }

  static Expr call(String function, DataType result, Expr... operands) {
    Call.Builder call = Call.newBuilder().setFunction(function);
    for (Expr operand : operands) {
      call.addOperands(operand);
    }
    return Expr.newBuilder().setType(result).setNullable(true).setCall(call).build();
  }
}
