package io.tributary.engine.expr;

import io.tributary.proto.program.Call;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Expr;
import io.tributary.proto.program.Literal;
import io.tributary.proto.program.TypeKind;
import io.tributary.engine.time.Timestamps;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders an expression as SQL-like text, so that errors can name the expression. */
public final class ExprFormatter {
  private static final Map<String, String> INFIX =
      Map.ofEntries(
          Map.entry("PLUS", "+"),
          Map.entry("MINUS", "-"),
          Map.entry("TIMES", "*"),
          Map.entry("DIVIDE", "/"),
          Map.entry("MOD", "%"),
          Map.entry("EQUALS", "="),
          Map.entry("NOT_EQUALS", "<>"),
          Map.entry("LESS_THAN", "<"),
          Map.entry("LESS_THAN_OR_EQUAL", "<="),
          Map.entry("GREATER_THAN", ">"),
          Map.entry("GREATER_THAN_OR_EQUAL", ">="),
          Map.entry("AND", "AND"),
          Map.entry("OR", "OR"),
          Map.entry("LIKE", "LIKE"),
          Map.entry("||", "||"),
          Map.entry("IS_DISTINCT_FROM", "IS DISTINCT FROM"),
          Map.entry("IS_NOT_DISTINCT_FROM", "IS NOT DISTINCT FROM"));

  private static final Map<String, String> POSTFIX =
      Map.of(
          "IS_NULL", "IS NULL",
          "IS_NOT_NULL", "IS NOT NULL",
          "IS_TRUE", "IS TRUE",
          "IS_FALSE", "IS FALSE",
          "IS_NOT_TRUE", "IS NOT TRUE",
          "IS_NOT_FALSE", "IS NOT FALSE");

  private final List<String> inputNames;

  public ExprFormatter(List<String> inputNames) {
    this.inputNames = List.copyOf(inputNames);
  }

  public String format(Expr expr) {
    return switch (expr.getKindCase()) {
      case INPUT_REF -> {
        int index = expr.getInputRef();
        yield index >= 0 && index < inputNames.size() ? inputNames.get(index) : "$" + index;
      }
      case LITERAL -> literal(expr.getLiteral(), expr.getType());
      case CALL -> call(expr.getCall(), expr.getType());
      case KIND_NOT_SET -> "<empty expression>";
    };
  }

  private String call(Call call, DataType type) {
    String function = call.getFunction();
    List<Expr> operands = call.getOperandsList();
    String infix = INFIX.get(function);
    if (infix != null && operands.size() >= 2) {
      return operands.stream().map(this::format).collect(Collectors.joining(" " + infix + " ", "(", ")"));
    }
    String postfix = POSTFIX.get(function);
    if (postfix != null && operands.size() == 1) {
      return format(operands.getFirst()) + " " + postfix;
    }
    return switch (function) {
      case "NOT" -> "NOT " + args(operands);
      case "MINUS_PREFIX" -> "-" + args(operands);
      case "CAST" -> "CAST(" + args(operands) + " AS " + typeName(type) + ")";
      case "CASE" -> caseText(operands);
      default -> function + "(" + args(operands) + ")";
    };
  }

  private String caseText(List<Expr> operands) {
    StringBuilder out = new StringBuilder("CASE");
    int i = 0;
    for (; i + 1 < operands.size(); i += 2) {
      out.append(" WHEN ").append(format(operands.get(i)))
          .append(" THEN ").append(format(operands.get(i + 1)));
    }
    if (i < operands.size()) {
      out.append(" ELSE ").append(format(operands.get(i)));
    }
    return out.append(" END").toString();
  }

  private String args(List<Expr> operands) {
    return operands.stream().map(this::format).collect(Collectors.joining(", "));
  }

  static String typeName(DataType type) {
    return switch (type.getKind()) {
      case DECIMAL -> "DECIMAL(" + type.getPrecision() + ", " + type.getScale() + ")";
      case UTF8 -> "VARCHAR";
      case INT8 -> "TINYINT";
      case INT16 -> "SMALLINT";
      case INT32 -> "INT";
      case INT64 -> "BIGINT";
      case FLOAT32 -> "REAL";
      case FLOAT64 -> "DOUBLE";
      default -> type.getKind().name();
    };
  }

  private static String literal(Literal literal, DataType type) {
    return switch (literal.getValueCase()) {
      case BOOL_VALUE -> literal.getBoolValue() ? "TRUE" : "FALSE";
      case INT_VALUE ->
          switch (type.getKind()) {
            case TIMESTAMP -> "TIMESTAMP '" + Timestamps.format(literal.getIntValue()) + "'";
            case DATE -> "DATE '" + Timestamps.formatDate((int) literal.getIntValue()) + "'";
            case TIME -> "TIME '" + Timestamps.formatTime(literal.getIntValue()) + "'";
            default -> Long.toString(literal.getIntValue());
          };
      case DOUBLE_VALUE -> Double.toString(literal.getDoubleValue());
      case STRING_VALUE -> "'" + literal.getStringValue().replace("'", "''") + "'";
      case BYTES_VALUE -> "X'" + java.util.HexFormat.of().formatHex(literal.getBytesValue().toByteArray()) + "'";
      case DECIMAL_VALUE -> literal.getDecimalValue();
      case INTERVAL_VALUE ->
          "INTERVAL '" + literal.getIntervalValue().getMonths() + " months "
              + literal.getIntervalValue().getDays() + " days "
              + literal.getIntervalValue().getNanos() + " nanoseconds'";
      case VALUE_NOT_SET -> type.getKind() == TypeKind.NULL ? "NULL" : "CAST(NULL AS " + typeName(type) + ")";
    };
  }
}
