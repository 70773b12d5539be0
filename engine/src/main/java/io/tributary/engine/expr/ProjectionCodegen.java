package io.tributary.engine.expr;

import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.udf.UdfLibrary;
import io.tributary.proto.program.Call;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Expr;
import io.tributary.proto.program.Literal;
import io.tributary.proto.program.TypeKind;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Turns a filter condition and projections into the Java source of a {@link ProjectionKernel}.
 *
 * <p>Each expression node becomes two locals per row, a null flag and a value of the node's
 * Java type, so the loop body is straight-line code with no virtual calls per row. Operators
 * whose operands may fail or are irrelevant once the result is known (AND, OR, CASE,
 * COALESCE) evaluate their operands lazily inside nested blocks, as SQL users expect
 * {@code CASE WHEN x <> 0 THEN 10 / x END} not to fail.
 */
final class ProjectionCodegen {
  static final String CLASS_NAME = "io.tributary.engine.expr.generated.GeneratedProjection";
  private static final String UDF_PREFIX = "UDF:";
  private static final String F = "io.tributary.engine.expr.SqlFunctions.";
  private static final String J = "io.tributary.engine.expr.JsonFunctions.";
  private static final String V = "org.apache.arrow.vector.";

  /** A node's value in the generated code: the names of its null flag and value locals. */
  private record Val(String isNull, String value, DataType type, Optional<Unscaled> unscaled) {
    Val(String isNull, String value, DataType type) {
      this(isNull, value, type, Optional.empty());
    }

    TypeKind kind() {
      return type.getKind();
    }
  }

  /**
   * A DECIMAL also held as its unscaled {@code long} at the node's scale: {@code value} is
   * meaningful where {@code fits} is true (no overflow, within the type's precision).
   */
  private record Unscaled(String value, String fits) {}

  /** 10^i for i in 0..18, the precisions whose bound fits a long. */
  private static final long[] POWERS_OF_TEN = {
    1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
    10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L,
    1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L, 1_000_000_000_000_000_000L
  };

  private final List<Field> inputFields;
  private final List<Field> outputFields;
  private final UdfLibrary udfs;
  private final ExprFormatter formatter;
  private final StringBuilder members = new StringBuilder();
  private final StringBuilder constructor = new StringBuilder();
  private final StringBuilder body = new StringBuilder();
  private final StringBuilder prologue = new StringBuilder();
  private final TreeSet<Integer> usedInputs = new TreeSet<>();
  private int counter;

  private ProjectionCodegen(List<Field> inputFields, List<Field> outputFields, UdfLibrary udfs) {
    this.inputFields = inputFields;
    this.outputFields = outputFields;
    this.udfs = udfs;
    this.formatter = new ExprFormatter(inputFields.stream().map(Field::getName).toList());
  }

  /**
   * Source of a kernel writing {@code projections} (one per output field, in order) for the
   * rows where {@code condition} is true.
   */
  static String generate(
      List<Field> inputFields, Optional<Expr> condition, List<Expr> projections, List<Field> outputFields) {
    return generate(inputFields, condition, projections, outputFields, UdfLibrary.empty());
  }

  /** As above, for expressions that may call the {@code udfs}. */
  static String generate(List<Field> inputFields, Optional<Expr> condition, List<Expr> projections,
      List<Field> outputFields, UdfLibrary udfs) {
    if (projections.size() != outputFields.size()) {
      throw new ExpressionCompileException(
          projections.size() + " projections for " + outputFields.size() + " output columns");
    }
    return new ProjectionCodegen(inputFields, outputFields, udfs).source(condition, projections);
  }

  private String source(Optional<Expr> condition, List<Expr> projections) {
    if (condition.isPresent()) {
      Expr expr = condition.get();
      Val c = gen(expr);
      if (c.kind() != TypeKind.BOOLEAN && c.kind() != TypeKind.NULL) {
        throw new ExpressionCompileException(
            "filter condition " + text(expr) + " is " + c.kind() + ", not BOOLEAN");
      }
      line("if (" + c.isNull() + (c.kind() == TypeKind.NULL ? "" : " || !" + c.value()) + ") continue;");
    }
    StringBuilder outputDecls = new StringBuilder();
    for (int i = 0; i < projections.size(); i++) {
      Expr expr = projections.get(i);
      Field out = outputFields.get(i);
      if (isPlainCopy(expr, out)) {
        usedInputs.add(expr.getInputRef());
        outputDecls.append("    final ").append(V).append("FieldVector out").append(i)
            .append(" = outputs[").append(i).append("];\n");
        line("out" + i + ".copyFromSafe(r, o, in" + expr.getInputRef() + ");");
        continue;
      }
      TypeKind outKind = ArrowTypes.kindOf(out);
      Optional<StructField> text = textFieldCopy(expr, out);
      if (text.isPresent()) {
        declareOutput(outputDecls, i, out);
        line("if (" + text.get().isNull() + ") out" + i + ".setNull(o); else out" + i + ".copyFromSafe(r, o, "
            + text.get().vector() + ");");
        continue;
      }
      if (outKind == TypeKind.STRUCT && isRow(expr)) {
        String struct = "out" + i;
        // In the prologue, ahead of the child vectors declared from it.
        prologue.append("    final ").append(V).append("complex.StructVector ").append(struct)
            .append(" = (").append(V).append("complex.StructVector) outputs[").append(i).append("];\n");
        line("{");
        row(expr, struct, out);
        line("}");
        continue;
      }
      if (outKind == TypeKind.STRUCT || outKind == TypeKind.LIST) {
        throw new ExpressionCompileException(
            "output column '" + out.getName() + "' is a " + outKind + " computed by " + text(expr)
                + "; only nested columns copied unchanged from the input are supported yet");
      }
      declareOutput(outputDecls, i, out);
      line("{");
      Val v = gen(expr);
      DataType outType = ArrowTypes.toProto(out).getType();
      if (v.unscaled().isPresent() && outKind == TypeKind.DECIMAL
          && outType.getPrecision() == v.type().getPrecision() && outType.getScale() == v.type().getScale()) {
        line("if (" + v.isNull() + ") out" + i + ".setNull(o); else if (" + v.unscaled().get().fits() + ") out" + i
            + ".setSafe(o, " + v.unscaled().get().value() + "); else "
            + write("out" + i, outKind, cast(v.value(), v.kind(), outType, text(expr))));
      } else if (outKind != TypeKind.NULL) {
        String value = cast(v.value(), v.kind(), outType, text(expr));
        line("if (" + v.isNull() + ") out" + i + ".setNull(o); else " + write("out" + i, outKind, value));
      }
      line("}");
    }
    StringBuilder src = new StringBuilder();
    src.append("package io.tributary.engine.expr.generated;\n\n");
    if (!udfs.isEmpty()) {
      // Part of the cache key: the same expressions over another build of a UDF are other code.
      src.append("// UDFs: ").append(udfs.fingerprint()).append("\n");
    }
    src.append("public final class GeneratedProjection implements io.tributary.engine.expr.ProjectionKernel {\n");
    src.append(members);
    src.append("  public GeneratedProjection() {\n").append(constructor).append("  }\n\n");
    src.append("  public int evaluate(").append(V).append("FieldVector[] inputs, int rowCount, ")
        .append(V).append("FieldVector[] outputs) {\n");
    for (int index : usedInputs) {
      Field field = inputFields.get(index);
      TypeKind kind = ArrowTypes.kindOf(field);
      String cls = vectorClass(kind, field);
      src.append("    final ").append(cls).append(" in").append(index).append(" = (").append(cls)
          .append(") inputs[").append(index).append("];\n");
    }
    src.append(prologue);
    src.append(outputDecls);
    src.append("    int o = 0;\n");
    src.append("    for (int r = 0; r < rowCount; r++) {\n");
    src.append(body);
    src.append("      o++;\n");
    src.append("    }\n");
    src.append("    return o;\n");
    src.append("  }\n");
    src.append("}\n");
    return src.toString();
  }

  /** Declares output {@code i} as its vector class, {@code out<i>}. */
  private static void declareOutput(StringBuilder outputDecls, int i, Field out) {
    String cls = vectorClass(ArrowTypes.kindOf(out), out);
    outputDecls.append("    final ").append(cls).append(" out").append(i).append(" = (").append(cls)
        .append(") outputs[").append(i).append("];\n");
  }

  private static boolean isRow(Expr expr) {
    return expr.getKindCase() == Expr.KindCase.CALL && expr.getCall().getFunction().equalsIgnoreCase("ROW");
  }

  /**
   * Writes {@code ROW(operands…)} into the struct vector named {@code struct} (of field
   * {@code field}) at row {@code o}: one operand per struct field, in order; nested ROWs
   * write into nested struct vectors. A ROW value itself is never NULL.
   */
  private void row(Expr expr, String struct, Field field) {
    String msg = text(expr);
    List<Expr> operands = expr.getCall().getOperandsList();
    List<Field> children = field.getChildren();
    if (operands.size() != children.size()) {
      throw new ExpressionCompileException(
          "ROW has " + operands.size() + " operands but column '" + field.getName() + "' has "
              + children.size() + " fields, in " + msg);
    }
    line(struct + ".setIndexDefined(o);");
    for (int j = 0; j < operands.size(); j++) {
      Expr operand = operands.get(j);
      Field child = children.get(j);
      TypeKind kind = ArrowTypes.kindOf(child);
      String childVar = "s" + counter++;
      String cls = kind == TypeKind.STRUCT && isRow(operand)
          ? V + "complex.StructVector"
          : vectorClass(kind, child);
      prologue.append("    final ").append(cls).append(' ').append(childVar).append(" = (").append(cls)
          .append(") ").append(struct).append(".getChildByOrdinal(").append(j).append(");\n");
      if (isPlainCopy(operand, child)) {
        usedInputs.add(operand.getInputRef());
        line(childVar + ".copyFromSafe(r, o, in" + operand.getInputRef() + ");");
        continue;
      }
      if (kind == TypeKind.STRUCT && isRow(operand)) {
        row(operand, childVar, child);
        continue;
      }
      if (kind == TypeKind.STRUCT || kind == TypeKind.LIST) {
        throw new ExpressionCompileException(
            "field '" + child.getName() + "' of " + msg + " is a " + kind
                + "; only ROWs and nested columns copied unchanged are supported there");
      }
      line("{");
      Val v = gen(operand);
      if (kind != TypeKind.NULL) {
        DataType childType = ArrowTypes.toProto(child).getType();
        String value = cast(v.value(), v.kind(), childType, text(operand));
        line("if (" + v.isNull() + ") " + childVar + ".setNull(o); else " + write(childVar, kind, value));
      }
      line("}");
    }
  }

  private boolean isPlainCopy(Expr expr, Field out) {
    if (expr.getKindCase() != Expr.KindCase.INPUT_REF) {
      return false;
    }
    int index = expr.getInputRef();
    if (index < 0 || index >= inputFields.size()) {
      return false;
    }
    Field in = inputFields.get(index);
    return in.getType().equals(out.getType()) && in.getChildren().equals(out.getChildren());
  }

  // ---------------------------------------------------------------- nodes

  private Val gen(Expr expr) {
    return switch (expr.getKindCase()) {
      case INPUT_REF -> inputRef(expr);
      case LITERAL -> literal(expr);
      case CALL -> call(expr);
      case KIND_NOT_SET -> throw new ExpressionCompileException("expression has no kind: " + expr);
    };
  }

  private Val inputRef(Expr expr) {
    int index = expr.getInputRef();
    if (index < 0 || index >= inputFields.size()) {
      throw new ExpressionCompileException(
          "expression refers to input column " + index + " but the input has "
              + inputFields.size() + " columns");
    }
    Field field = inputFields.get(index);
    TypeKind kind = ArrowTypes.kindOf(field);
    DataType type = ArrowTypes.toProto(field).getType();
    javaType(kind, field.getName());
    usedInputs.add(index);
    if (kind == TypeKind.NULL) {
      return declare(type, "true", null);
    }
    String in = "in" + index;
    if (kind == TypeKind.STRUCT || kind == TypeKind.LIST) {
      // Read where used, not per row: materialising a nested value builds a Map or List, and
      // the common use (a view's `WHERE s IS NOT NULL`) needs only the null flag.
      String isNull = "n" + counter++;
      line("boolean " + isNull + " = " + in + ".isNull(r);");
      return new Val(isNull, "(" + isNull + " ? null : " + read(in, kind) + ")", type);
    }
    return declare(type, in + ".isNull(r)", read(in, kind));
  }

  private static String read(String vector, TypeKind kind) {
    return switch (kind) {
      case BOOLEAN -> "(" + vector + ".get(r) != 0)";
      case UINT8 -> "(" + vector + ".get(r) & 0xFF)";
      case UINT16 -> "((int) " + vector + ".get(r))";
      case UINT32 -> "(" + vector + ".get(r) & 0xFFFFFFFFL)";
      case DECIMAL -> vector + ".getObject(r)";
      case UTF8, JSON -> F + "fromUtf8(" + vector + ".get(r))";
      case INTERVAL -> F + "readInterval(" + vector + ", r)";
      case STRUCT, LIST -> vector + ".getObject(r)";
      default -> vector + ".get(r)";
    };
  }

  private static String write(String vector, TypeKind kind, String value) {
    return switch (kind) {
      case BOOLEAN -> vector + ".setSafe(o, (" + value + ") ? 1 : 0);";
      case INT8 -> vector + ".setSafe(o, (byte) (" + value + "));";
      case INT16 -> vector + ".setSafe(o, (short) (" + value + "));";
      case UINT8, UINT16 -> vector + ".setSafe(o, (int) (" + value + "));";
      case UINT32 -> vector + ".setSafe(o, (int) (" + value + "));";
      case UTF8, JSON -> vector + ".setSafe(o, " + F + "utf8(" + value + "));";
      case INTERVAL ->
          "{ io.tributary.engine.batch.Interval iv = " + value + "; " + vector
              + ".setSafe(o, iv.months(), iv.days(), iv.nanos()); }";
      default -> vector + ".setSafe(o, " + value + ");";
    };
  }

  private Val literal(Expr expr) {
    Literal literal = expr.getLiteral();
    DataType type = expr.getType();
    TypeKind kind = type.getKind();
    if (kind != TypeKind.NULL) {
      javaType(kind, text(expr));
    }
    String message = text(expr);
    String value;
    switch (literal.getValueCase()) {
      case VALUE_NOT_SET -> {
        return declare(type, "true", null);
      }
      case BOOL_VALUE -> value = cast(Boolean.toString(literal.getBoolValue()), TypeKind.BOOLEAN, type, message);
      case INT_VALUE -> {
        long v = literal.getIntValue();
        // TIMESTAMP, DATE and TIME literals carry their raw representation.
        value = switch (kind) {
          case TIMESTAMP, TIME -> v + "L";
          case DATE -> "((int) " + v + "L)";
          default -> cast(v + "L", TypeKind.INT64, type, message);
        };
      }
      case DOUBLE_VALUE -> value = cast(doubleLiteral(literal.getDoubleValue()), TypeKind.FLOAT64, type, message);
      case STRING_VALUE -> value = cast(javaString(literal.getStringValue()), TypeKind.UTF8, type, message);
      case BYTES_VALUE -> {
        String name = member("byte[]",
            "java.util.Base64.getDecoder().decode(" + javaString(Base64.getEncoder().encodeToString(literal.getBytesValue().toByteArray())) + ")");
        value = cast(name, TypeKind.BINARY, type, message);
      }
      case DECIMAL_VALUE -> {
        String name = member("java.math.BigDecimal", "new java.math.BigDecimal(" + javaString(literal.getDecimalValue()) + ")");
        value = cast(name, TypeKind.DECIMAL, type, message);
      }
      case INTERVAL_VALUE -> {
        var iv = literal.getIntervalValue();
        String name = member("io.tributary.engine.batch.Interval",
            "new io.tributary.engine.batch.Interval(" + iv.getMonths() + ", " + iv.getDays() + ", " + iv.getNanos() + "L)");
        value = cast(name, TypeKind.INTERVAL, type, message);
      }
      default -> throw new ExpressionCompileException("unsupported literal " + message);
    }
    if (kind == TypeKind.NULL) {
      return declare(type, "true", null);
    }
    return declare(type, "false", value);
  }

  private Val call(Expr expr) {
    Call call = expr.getCall();
    String function = call.getFunction().toUpperCase(Locale.ROOT);
    List<Expr> operands = call.getOperandsList();
    return switch (function) {
      case "PLUS", "MINUS", "TIMES", "DIVIDE", "MOD" -> arithmetic(expr, function, operands);
      case "EQUALS", "NOT_EQUALS", "LESS_THAN", "LESS_THAN_OR_EQUAL", "GREATER_THAN",
          "GREATER_THAN_OR_EQUAL" -> comparison(expr, function, operands);
      case "IS_DISTINCT_FROM", "IS_NOT_DISTINCT_FROM" -> distinct(expr, function, operands);
      case "AND", "OR" -> logical(expr, function.equals("AND"), operands);
      case "NOT" -> {
        Val a = gen(single(expr, operands));
        requireBoolean(a, expr);
        yield strict(expr.getType(), List.of(a), "!" + a.value(), TypeKind.BOOLEAN, expr);
      }
      case "IS_NULL", "IS_NOT_NULL" -> {
        Val a = gen(single(expr, operands));
        String test = function.equals("IS_NULL") ? a.isNull() : "!" + a.isNull();
        yield declare(bool(), "false", test);
      }
      case "IS_TRUE", "IS_FALSE", "IS_NOT_TRUE", "IS_NOT_FALSE" -> {
        Val a = gen(single(expr, operands));
        requireBoolean(a, expr);
        String v = a.kind() == TypeKind.NULL ? "false" : a.value();
        String test = switch (function) {
          case "IS_TRUE" -> "!" + a.isNull() + " && " + v;
          case "IS_FALSE" -> "!" + a.isNull() + " && !" + v;
          case "IS_NOT_TRUE" -> a.isNull() + " || !" + v;
          default -> a.isNull() + " || " + v;
        };
        yield declare(bool(), "false", "(" + test + ")");
      }
      case "CAST" -> {
        Val a = gen(single(expr, operands));
        yield strict(expr.getType(), List.of(a), a.value(), a.kind(), expr);
      }
      case "CASE" -> caseWhen(expr, operands);
      case "COALESCE" -> coalesce(expr, operands);
      case "NULLIF" -> nullIf(expr, operands);
      case "LIKE" -> like(expr, operands, false);
      case "ILIKE" -> like(expr, operands, true);
      case "EXTRACT", "DATE_PART" -> extract(expr, operands);
      case "FIELD_ACCESS" -> fieldAccess(expr, operands);
      case "MINUS_PREFIX" -> negate(expr, operands);
      case "PLUS_PREFIX" -> {
        Val a = gen(single(expr, operands));
        yield strict(expr.getType(), List.of(a), a.value(), a.kind(), expr);
      }
      case "UPPER", "LOWER" -> {
        Val a = gen(single(expr, operands));
        String s = cast(a.value(), a.kind(), utf8(), text(expr));
        yield strict(expr.getType(), List.of(a), F + function.toLowerCase(Locale.ROOT) + "(" + s + ")", TypeKind.UTF8, expr);
      }
      // The planner names SQL's `||` CONCAT; Calcite's NULL-skipping concat() is CONCAT_WITH_NULL.
      case "||", "CONCAT" -> concat(expr, true, operands);
      case "CONCAT_WITH_NULL" -> concat(expr, false, operands);
      case "CHAR_LENGTH", "CHARACTER_LENGTH", "LENGTH" -> {
        Val a = gen(single(expr, operands));
        String s = cast(a.value(), a.kind(), utf8(), text(expr));
        yield strict(expr.getType(), List.of(a), F + "charLength(" + s + ")", TypeKind.INT32, expr);
      }
      case "SUBSTRING", "SUBSTR" -> substring(expr, operands);
      case "TRIM", "BTRIM", "LTRIM", "RTRIM" -> trim(expr, function, operands);
      case "ABS" -> abs(expr, operands);
      case "ROUND" -> round(expr, operands);
      case "FLOOR", "CEIL", "CEILING" -> floorCeil(expr, function.equals("FLOOR"), operands);
      case "DATE_TRUNC" -> dateTrunc(expr, operands);
      case "TO_TIMESTAMP", "TO_TIMESTAMP_SECONDS", "FROM_UNIXTIME" -> fromEpoch(expr, operands, 1_000_000_000L);
      case "TO_TIMESTAMP_MILLIS" -> fromEpoch(expr, operands, 1_000_000L);
      case "TO_TIMESTAMP_MICROS" -> fromEpoch(expr, operands, 1_000L);
      case "TO_TIMESTAMP_NANOS" -> fromEpoch(expr, operands, 1L);
      case "NOW", "CURRENT_TIMESTAMP" -> {
        requireOperands(expr, operands, 0, 0);
        // One instant per batch: the kernel reads the clock once per evaluate call.
        if (!prologue.toString().contains("final long batchNow")) {
          prologue.append("    final long batchNow = ").append(F).append("nowNanos();\n");
        }
        yield strict(expr.getType(), List.of(), "batchNow", TypeKind.TIMESTAMP, expr);
      }
      case "ROW_TIME" -> rowTime(expr, operands);
      case "PI" -> {
        requireOperands(expr, operands, 0, 0);
        yield strict(expr.getType(), List.of(), "Math.PI", TypeKind.FLOAT64, expr);
      }
      case "RANDOM", "RAND" -> {
        requireOperands(expr, operands, 0, 0);
        yield strict(expr.getType(), List.of(), F + "random()", TypeKind.FLOAT64, expr);
      }
      case "CONCAT_WS" -> concatWs(expr, operands);
      case "REGEXP_MATCH" -> {
        requireOperands(expr, operands, 2, 3);
        yield nullableResult(expr, operands, F + "regexpMatch", true, TypeKind.UTF8, "String");
      }
      case "JSON_GET_STR" -> json(expr, operands, "getStr", TypeKind.UTF8, "String");
      case "JSON_AS_TEXT" -> json(expr, operands, "asText", TypeKind.UTF8, "String");
      case "JSON_GET_JSON" -> json(expr, operands, "getJson", TypeKind.UTF8, "String");
      case "JSON_GET_INT" -> json(expr, operands, "getInt", TypeKind.INT64, "Long");
      case "JSON_GET_FLOAT" -> json(expr, operands, "getFloat", TypeKind.FLOAT64, "Double");
      case "JSON_GET_BOOL" -> json(expr, operands, "getBool", TypeKind.BOOLEAN, "Boolean");
      case "JSON_CONTAINS" -> json(expr, operands, "contains", TypeKind.BOOLEAN, "Boolean");
      case "JSON_LENGTH" -> json(expr, operands, "length", TypeKind.INT64, "Long");
      case "EXTRACT_JSON_STRING" -> {
        requireOperands(expr, operands, 2, 2);
        yield nullableResult(expr, operands, J + "extractString", false, TypeKind.UTF8, "String");
      }
      case "EXTRACT_JSON" -> {
        requireOperands(expr, operands, 2, 2);
        yield nullableResult(expr, operands, J + "extract", false, TypeKind.UTF8, "String");
      }
      case "GET_FIRST_JSON_OBJECT" -> {
        requireOperands(expr, operands, 2, 2);
        yield nullableResult(expr, operands, J + "firstObject", false, TypeKind.UTF8, "String");
      }
      case "ROW" -> throw new ExpressionCompileException(
          "ROW is supported as a projected column (or a field of one), not inside other expressions: "
              + text(expr));
      default -> {
        if (function.startsWith(UDF_PREFIX)) {
          yield udf(expr, call.getFunction().substring(UDF_PREFIX.length()), operands);
        }
        SimpleFunction simple = SimpleFunction.find(function, operands.size())
            .orElseThrow(() -> new ExpressionCompileException(
                "unknown function '" + call.getFunction() + "' in " + text(expr)));
        yield simpleFunction(expr, simple, operands);
      }
    };
  }

  // ---------------------------------------------------------------- Java UDFs

  /**
   * A call of a Java UDF, straight to its static method. A NULL operand for a primitive parameter
   * makes the result NULL without a call; a boxed parameter receives null. What the method throws
   * fails the row with a message naming the UDF.
   */
  private Val udf(Expr expr, String name, List<Expr> operands) {
    String msg = text(expr);
    Method method = udfs.function(name).map(UdfLibrary.Function::method)
        .orElseThrow(() -> new ExpressionCompileException(
            "the program calls UDF '" + name + "' but does not define it, in " + msg));
    Class<?>[] parameters = method.getParameterTypes();
    if (parameters.length != operands.size()) {
      throw new ExpressionCompileException("UDF '" + name + "' takes " + parameters.length + " arguments, not "
          + operands.size() + ", in " + msg);
    }
    List<String> flags = new ArrayList<>();
    List<String> arguments = new ArrayList<>();
    for (int i = 0; i < operands.size(); i++) {
      Class<?> parameter = parameters[i];
      TypeKind kind = udfKind(parameter, name);
      Val argument = gen(operands.get(i));
      if (argument.kind() == TypeKind.NULL) {
        if (parameter.isPrimitive()) {
          return declare(expr.getType(), "true", null);
        }
        arguments.add("null");
        continue;
      }
      String value = cast(argument.value(), argument.kind(), DataType.newBuilder().setKind(kind).build(), msg);
      if (parameter == short.class || parameter == Short.class || parameter == byte.class || parameter == Byte.class) {
        // The engine keeps small integers in ints; the method wants its own width (cast checked the range).
        value = "((" + (parameter == short.class || parameter == Short.class ? "short" : "byte") + ") " + value + ")";
      }
      if (parameter.isPrimitive()) {
        flags.add(argument.isNull());
        arguments.add(value);
      } else {
        arguments.add("(" + argument.isNull() + " ? null : " + box(parameter, value) + ")");
      }
    }
    DataType type = expr.getType();
    if (type.getKind() == TypeKind.NULL) {
      return declare(type, "true", null);
    }
    Class<?> returned = method.getReturnType();
    TypeKind computed = udfKind(returned, name);
    Val result = declare(type, flags.isEmpty() ? "false" : String.join(" || ", flags), null);
    String tmp = "u" + counter++;
    String invocation = method.getDeclaringClass().getCanonicalName() + "." + method.getName()
        + "(" + String.join(", ", arguments) + ")";
    line("if (!" + result.isNull() + ") {");
    line("  " + returned.getCanonicalName() + " " + tmp + ";");
    line("  try { " + tmp + " = " + invocation + "; } catch (Exception e) { throw " + F + "udfFailed("
        + javaString(name) + ", " + javaString(msg) + ", e); }");
    String value = cast(unboxUdf(tmp, returned), computed, type, msg);
    if (returned.isPrimitive()) {
      line("  " + result.value() + " = " + value + ";");
    } else {
      line("  if (" + tmp + " == null) " + result.isNull() + " = true; else " + result.value() + " = " + value + ";");
    }
    line("}");
    return result;
  }

  private static TypeKind udfKind(Class<?> type, String name) {
    if (type == long.class || type == Long.class) {
      return TypeKind.INT64;
    } else if (type == int.class || type == Integer.class || type == short.class || type == Short.class
        || type == byte.class || type == Byte.class) {
      return TypeKind.INT32;
    } else if (type == double.class || type == Double.class) {
      return TypeKind.FLOAT64;
    } else if (type == float.class || type == Float.class) {
      return TypeKind.FLOAT32;
    } else if (type == boolean.class || type == Boolean.class) {
      return TypeKind.BOOLEAN;
    } else if (type == String.class) {
      return TypeKind.UTF8;
    } else if (type == byte[].class) {
      return TypeKind.BINARY;
    }
    throw new ExpressionCompileException("UDF '" + name + "' uses the Java type " + type.getName()
        + ", which has no SQL type");
  }

  private static String box(Class<?> type, String value) {
    if (type == String.class || type == byte[].class) {
      return value;
    }
    return type.getName() + ".valueOf(" + value + ")";
  }

  /** A UDF's result as the engine's Java type of its kind (small integers widen to int). */
  private static String unboxUdf(String value, Class<?> type) {
    if (type.isPrimitive() || type == String.class || type == byte[].class) {
      return "(" + value + ")";
    }
    String primitive = switch (type.getSimpleName()) {
      case "Long" -> "long";
      case "Integer", "Short", "Byte" -> "int";
      case "Double" -> "double";
      case "Float" -> "float";
      default -> "boolean";
    };
    return value + "." + primitive + "Value()";
  }

  // ---------------------------------------------------------------- Arroyo's functions

  private Val dateTrunc(Expr expr, List<Expr> operands) {
    requireOperands(expr, operands, 2, 2);
    String msg = text(expr);
    String unit = stringLiteral(operands.get(0))
        .orElseThrow(() -> new ExpressionCompileException("DATE_TRUNC needs a literal unit in " + msg));
    if (!SqlFunctions.isDateTruncUnit(unit)) {
      throw new ExpressionCompileException("unsupported DATE_TRUNC unit '" + unit + "' in " + msg);
    }
    Val time = gen(operands.get(1));
    if (time.kind() == TypeKind.NULL) {
      return declare(expr.getType(), "true", null);
    }
    String nanos = toTimestamp(time, msg);
    return strict(expr.getType(), List.of(time),
        F + "dateTrunc(" + javaString(unit) + ", " + nanos + ", " + javaString(msg) + ")", TypeKind.TIMESTAMP, expr);
  }

  /** to_timestamp(seconds) and friends: numbers count units since the epoch, text is parsed. */
  private Val fromEpoch(Expr expr, List<Expr> operands, long unitNanos) {
    Val a = gen(single(expr, operands));
    String msg = text(expr);
    String m = javaString(msg);
    TypeKind k = a.kind();
    if (k == TypeKind.NULL) {
      return declare(expr.getType(), "true", null);
    }
    String value;
    if (isIntegral(k)) {
      value = F + "fromEpoch(" + toLong(a, msg) + ", " + unitNanos + "L, " + m + ")";
    } else if (isFloating(k) || k == TypeKind.DECIMAL) {
      value = F + "fromEpoch(" + toDouble(a, msg) + ", " + unitNanos + "L, " + m + ")";
    } else if (isText(k) || k == TypeKind.TIMESTAMP || k == TypeKind.DATE) {
      value = toTimestamp(a, msg);
    } else {
      throw new ExpressionCompileException("cannot convert " + k + " to a TIMESTAMP in " + msg);
    }
    return strict(expr.getType(), List.of(a), value, TypeKind.TIMESTAMP, expr);
  }

  /** row_time(): the row's event time, the input's {@code _timestamp} column. */
  private Val rowTime(Expr expr, List<Expr> operands) {
    requireOperands(expr, operands, 0, 0);
    for (int i = 0; i < inputFields.size(); i++) {
      if (inputFields.get(i).getName().equals(io.tributary.engine.batch.ArrowTypes.TIMESTAMP_FIELD)) {
        Expr ref = Expr.newBuilder().setType(DataType.newBuilder().setKind(TypeKind.TIMESTAMP))
            .setInputRef(i).build();
        Val v = gen(ref);
        return strict(expr.getType(), List.of(v), v.value(), v.kind(), expr);
      }
    }
    throw new ExpressionCompileException("ROW_TIME() needs the input's "
        + io.tributary.engine.batch.ArrowTypes.TIMESTAMP_FIELD + " column, in " + text(expr));
  }

  /** concat_ws(separator, value…): NULL only when the separator is; NULL values are skipped. */
  private Val concatWs(Expr expr, List<Expr> operands) {
    if (operands.isEmpty()) {
      throw new ExpressionCompileException("CONCAT_WS needs a separator in " + text(expr));
    }
    String msg = text(expr);
    Val separator = gen(operands.getFirst());
    List<String> values = new ArrayList<>();
    for (Expr operand : operands.subList(1, operands.size())) {
      Val v = gen(operand);
      values.add(v.kind() == TypeKind.NULL ? "null"
          : "(" + v.isNull() + " ? null : " + cast(v.value(), v.kind(), utf8(), msg) + ")");
    }
    String value = F + "concatWs(" + cast(separator.value(), separator.kind(), utf8(), msg)
        + ", new String[] {" + String.join(", ", values) + "})";
    return strict(expr.getType(), List.of(separator), value, TypeKind.UTF8, expr);
  }

  /** Arroyo's json_get_* family: a JSON text, then string keys or integer indexes. */
  private Val json(Expr expr, List<Expr> operands, String method, TypeKind computed, String boxed) {
    if (operands.isEmpty()) {
      throw new ExpressionCompileException(expr.getCall().getFunction() + " needs a JSON value in " + text(expr));
    }
    String msg = text(expr);
    List<Val> args = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    Val json = gen(operands.getFirst());
    args.add(json);
    for (Expr operand : operands.subList(1, operands.size())) {
      Val key = gen(operand);
      args.add(key);
      if (key.kind() == TypeKind.NULL) {
        keys.add("null");
      } else if (isIntegral(key.kind())) {
        keys.add("Long.valueOf(" + toLong(key, msg) + ")");
      } else {
        keys.add(cast(key.value(), key.kind(), utf8(), msg));
      }
    }
    String call = J + method + "(" + cast(json.value(), json.kind(), utf8(), msg)
        + ", new Object[] {" + String.join(", ", keys) + "})";
    return nullable(expr, args, call, computed, boxed);
  }

  /**
   * A function of text arguments that may itself return NULL (a Java null): NULL when any
   * argument is NULL or the function returns null.
   */
  private Val nullableResult(Expr expr, List<Expr> operands, String method, boolean withMessage,
      TypeKind computed, String boxed) {
    String msg = text(expr);
    List<Val> args = new ArrayList<>();
    List<String> converted = new ArrayList<>();
    for (Expr operand : operands) {
      Val v = gen(operand);
      args.add(v);
      converted.add(v.kind() == TypeKind.NULL ? "null" : cast(v.value(), v.kind(), utf8(), msg));
    }
    if (withMessage) {
      converted.add(javaString(msg));
    }
    return nullable(expr, args, method + "(" + String.join(", ", converted) + ")", computed, boxed);
  }

  private Val nullable(Expr expr, List<Val> args, String call, TypeKind computed, String boxed) {
    DataType type = expr.getType();
    if (type.getKind() == TypeKind.NULL || args.stream().anyMatch(a -> a.kind() == TypeKind.NULL)) {
      return declare(type, "true", null);
    }
    String flags = args.stream().map(Val::isNull).reduce((a, b) -> a + " || " + b).orElse("false");
    Val result = declare(type, flags, null);
    String tmp = "t" + counter++;
    line(boxed + " " + tmp + " = " + result.isNull() + " ? null : " + call + ";");
    line("if (" + tmp + " == null) " + result.isNull() + " = true; else " + result.value() + " = "
        + cast(unbox(tmp, computed), computed, type, text(expr)) + ";");
    return result;
  }

  private static String unbox(String boxed, TypeKind kind) {
    return switch (kind) {
      case INT64 -> boxed + ".longValue()";
      case FLOAT64 -> boxed + ".doubleValue()";
      case BOOLEAN -> boxed + ".booleanValue()";
      default -> boxed;
    };
  }

  /** A strict function implemented by one static method of {@link SqlFunctions}. */
  private Val simpleFunction(Expr expr, SimpleFunction function, List<Expr> operands) {
    String msg = text(expr);
    List<Val> args = new ArrayList<>();
    List<String> converted = new ArrayList<>();
    for (int i = 0; i < operands.size(); i++) {
      Val arg = gen(operands.get(i));
      args.add(arg);
      converted.add(cast(arg.value(), arg.kind(),
          DataType.newBuilder().setKind(function.parameters().get(i)).build(), msg));
    }
    if (function.needsMessage()) {
      converted.add(javaString(msg));
    }
    return strict(expr.getType(), args, F + function.method() + "(" + String.join(", ", converted) + ")",
        function.result(), expr);
  }

  private Val extract(Expr expr, List<Expr> operands) {
    requireOperands(expr, operands, 2, 2);
    String msg = text(expr);
    String unit = stringLiteral(operands.get(0))
        .orElseThrow(() -> new ExpressionCompileException("EXTRACT needs a literal unit in " + msg))
        .toUpperCase(Locale.ROOT);
    Val time = gen(operands.get(1));
    String nanos = switch (time.kind()) {
      case TIMESTAMP -> time.value();
      case DATE -> F + "dateToTimestamp(" + time.value() + ", " + javaString(msg) + ")";
      case TIME -> time.value();
      case NULL -> "0L";
      default -> throw new ExpressionCompileException("cannot EXTRACT from " + time.kind() + " in " + msg);
    };
    if (!SqlFunctions.isExtractUnit(unit)) {
      throw new ExpressionCompileException("unsupported EXTRACT unit '" + unit + "' in " + msg);
    }
    return strict(expr.getType(), List.of(time),
        F + "extract(" + javaString(unit) + ", " + nanos + ")", TypeKind.INT64, expr);
  }

  /**
   * A field of a STRUCT column ({@code FIELD_ACCESS(struct, 'name')}, possibly nested): read
   * straight from the child vector, NULL when the struct or the field is.
   */
  private Val fieldAccess(Expr expr, List<Expr> operands) {
    requireOperands(expr, operands, 2, 2);
    StructField resolved = structField(expr);
    TypeKind kind = ArrowTypes.kindOf(resolved.field());
    javaType(kind, text(expr));
    DataType type = ArrowTypes.toProto(resolved.field()).getType();
    if (kind == TypeKind.NULL) {
      return declare(type, "true", null);
    }
    return declare(type, resolved.isNull(), read(resolved.vector(), kind));
  }

  /** A struct's field as the generated code reads it: its vector's local, its null test, its field. */
  private record StructField(String vector, String isNull, Field field) {}

  private StructField structField(Expr expr) {
    String msg = text(expr);
    List<String> names = new ArrayList<>();
    Expr target = expr;
    while (target.getKindCase() == Expr.KindCase.CALL
        && target.getCall().getFunction().equalsIgnoreCase("FIELD_ACCESS")
        && target.getCall().getOperandsCount() == 2) {
      names.addFirst(stringLiteral(target.getCall().getOperands(1))
          .orElseThrow(() -> new ExpressionCompileException("FIELD_ACCESS needs a literal field name in " + msg)));
      target = target.getCall().getOperands(0);
    }
    if (target.getKindCase() != Expr.KindCase.INPUT_REF
        || target.getInputRef() < 0 || target.getInputRef() >= inputFields.size()) {
      throw new ExpressionCompileException("field access is only supported on input columns, in " + msg);
    }
    int index = target.getInputRef();
    usedInputs.add(index);
    Field field = inputFields.get(index);
    String parentVector = "in" + index;
    String parentExpr = "inputs[" + index + "]";
    List<String> nullChecks = new ArrayList<>();
    nullChecks.add(parentVector + ".isNull(r)");
    for (String name : names) {
      if (ArrowTypes.kindOf(field) != TypeKind.STRUCT) {
        throw new ExpressionCompileException(
            "'" + field.getName() + "' is not a STRUCT, so it has no field '" + name + "', in " + msg);
      }
      String structName = field.getName();
      Field child = field.getChildren().stream().filter(f -> f.getName().equals(name)).findFirst()
          .orElseThrow(() -> new ExpressionCompileException(
              "STRUCT '" + structName + "' has no field '" + name + "' in " + msg));
      String childVector = "f" + counter++;
      String cls = vectorClass(ArrowTypes.kindOf(child), child);
      String access = "((org.apache.arrow.vector.complex.StructVector) " + parentExpr + ").getChild("
          + javaString(name) + ")";
      prologue.append("    final ").append(cls).append(' ').append(childVector).append(" = (").append(cls)
          .append(") ").append(access).append(";\n");
      nullChecks.add(childVector + ".isNull(r)");
      field = child;
      parentVector = childVector;
      parentExpr = access;
    }
    return new StructField(parentVector, String.join(" || ", nullChecks), field);
  }

  /**
   * A text field of a struct written unchanged to a column of its type, as a view's
   * {@code s.name AS name} does: its bytes are copied, without the String that reading and
   * writing the value would make and encode again.
   */
  private Optional<StructField> textFieldCopy(Expr expr, Field out) {
    if (expr.getKindCase() != Expr.KindCase.CALL
        || !expr.getCall().getFunction().equalsIgnoreCase("FIELD_ACCESS")
        || expr.getCall().getOperandsCount() != 2) {
      return Optional.empty();
    }
    TypeKind kind = ArrowTypes.kindOf(out);
    if (kind != TypeKind.UTF8 && kind != TypeKind.JSON) {
      return Optional.empty();
    }
    StructField field = structField(expr);
    return ArrowTypes.kindOf(field.field()) == kind && field.field().getType().equals(out.getType())
        ? Optional.of(field)
        : Optional.empty();
  }

  // ---------------------------------------------------------------- arithmetic

  private Val arithmetic(Expr expr, String op, List<Expr> operands) {
    requireOperands(expr, operands, 2, 2);
    Val a = gen(operands.get(0));
    Val b = gen(operands.get(1));
    DataType type = expr.getType();
    TypeKind r = type.getKind();
    String msg = text(expr);
    if (a.kind() == TypeKind.NULL || b.kind() == TypeKind.NULL || r == TypeKind.NULL) {
      return declare(type, "true", null);
    }
    if (r == TypeKind.TIMESTAMP || r == TypeKind.DATE || r == TypeKind.INTERVAL) {
      return temporalArithmetic(expr, op, a, b);
    }
    String msgLit = javaString(msg);
    String value;
    TypeKind computed;
    if (isIntegral(r)) {
      String x = toLong(a, msg);
      String y = toLong(b, msg);
      value = switch (op) {
        case "PLUS" -> F + "add(" + x + ", " + y + ", " + msgLit + ")";
        case "MINUS" -> F + "subtract(" + x + ", " + y + ", " + msgLit + ")";
        case "TIMES" -> F + "multiply(" + x + ", " + y + ", " + msgLit + ")";
        case "DIVIDE" -> F + "divide(" + x + ", " + y + ", " + msgLit + ")";
        default -> F + "mod(" + x + ", " + y + ", " + msgLit + ")";
      };
      computed = TypeKind.INT64;
    } else if (isFloating(r)) {
      String x = toDouble(a, msg);
      String y = toDouble(b, msg);
      String javaOp = switch (op) {
        case "PLUS" -> "+";
        case "MINUS" -> "-";
        case "TIMES" -> "*";
        case "DIVIDE" -> "/";
        default -> "%";
      };
      value = "(" + x + " " + javaOp + " " + y + ")";
      computed = TypeKind.FLOAT64;
    } else if (r == TypeKind.DECIMAL) {
      Optional<Val> fast = unscaledArithmetic(expr, op, operands, a, b);
      if (fast.isPresent()) {
        return fast.get();
      }
      String x = toDecimal(a, msg);
      String y = toDecimal(b, msg);
      value = switch (op) {
        case "PLUS" -> x + ".add(" + y + ")";
        case "MINUS" -> x + ".subtract(" + y + ")";
        case "TIMES" -> x + ".multiply(" + y + ")";
        case "DIVIDE" -> F + "divide(" + x + ", " + y + ", " + type.getScale() + ", " + msgLit + ")";
        default -> F + "mod(" + x + ", " + y + ", " + msgLit + ")";
      };
      computed = TypeKind.DECIMAL;
    } else {
      throw new ExpressionCompileException(
          "cannot apply " + op + " to " + a.kind() + " and " + b.kind() + " in " + msg);
    }
    return strict(type, List.of(a, b), value, computed, expr);
  }

  /**
   * DECIMAL {@code +}, {@code -} and {@code *} on unscaled longs when both operands have one
   * (integers, DECIMAL literals, results of this same path) and the result's scale is the
   * exact one ({@code *}: the sum of the scales; {@code + -}: equal scales). Nexmark q1's
   * {@code 0.908 * price} is such a product. A row whose result overflows a long or the type's
   * precision takes the BigDecimal path, so values and errors are those of that path.
   */
  private Optional<Val> unscaledArithmetic(Expr expr, String op, List<Expr> operands, Val a, Val b) {
    if (!op.equals("PLUS") && !op.equals("MINUS") && !op.equals("TIMES")) {
      return Optional.empty();
    }
    Optional<Scaled> x = unscaled(operands.get(0), a);
    Optional<Scaled> y = unscaled(operands.get(1), b);
    DataType type = expr.getType();
    if (x.isEmpty() || y.isEmpty()) {
      return Optional.empty();
    }
    int scale = op.equals("TIMES") ? x.get().scale() + y.get().scale() : x.get().scale();
    if (scale != type.getScale() || (!op.equals("TIMES") && x.get().scale() != y.get().scale())) {
      return Optional.empty();
    }
    String msg = text(expr);
    String xv = x.get().value();
    String yv = y.get().value();
    String fitsX = x.get().fits();
    String fitsY = y.get().fits();
    int id = counter++;
    String u = "u" + id;
    String fits = "fits" + id;
    String isNull = a.isNull() + " || " + b.isNull();
    line("long " + u + " = 0L;");
    line("boolean " + fits + " = false;");
    line("if (!(" + isNull + ") && " + fitsX + " && " + fitsY + ") {");
    // Wrapping long arithmetic, then the exact overflow test of each operation.
    String result = switch (op) {
      case "PLUS" -> xv + " + " + yv;
      case "MINUS" -> xv + " - " + yv;
      default -> xv + " * " + yv;
    };
    String exact = switch (op) {
      case "PLUS" -> "((" + xv + " ^ " + u + ") & (" + yv + " ^ " + u + ")) >= 0L";
      case "MINUS" -> "((" + xv + " ^ " + yv + ") & (" + xv + " ^ " + u + ")) >= 0L";
      default -> "Math.multiplyHigh(" + xv + ", " + yv + ") == (" + u + " >> 63)";
    };
    line("  " + u + " = " + result + ";");
    String bound = type.getPrecision() > 0 && type.getPrecision() < POWERS_OF_TEN.length
        ? " && " + u + " > -" + POWERS_OF_TEN[type.getPrecision()] + "L && " + u + " < " + POWERS_OF_TEN[type.getPrecision()] + "L"
        : "";
    line("  " + fits + " = " + exact + bound + ";");
    line("}");
    String slow = switch (op) {
      case "PLUS" -> toDecimal(a, msg) + ".add(" + toDecimal(b, msg) + ")";
      case "MINUS" -> toDecimal(a, msg) + ".subtract(" + toDecimal(b, msg) + ")";
      default -> toDecimal(a, msg) + ".multiply(" + toDecimal(b, msg) + ")";
    };
    // The BigDecimal is made only where a consumer needs one; DECIMAL columns take the long.
    String value = "(" + fits + " ? java.math.BigDecimal.valueOf(" + u + ", " + scale + ") : "
        + cast(slow, TypeKind.DECIMAL, type, msg) + ")";
    String n = "n" + counter++;
    line("boolean " + n + " = " + isNull + ";");
    return Optional.of(new Val(n, value, type, Optional.of(new Unscaled(u, fits))));
  }

  /** An operand as an unscaled long at some scale, if it has one. */
  private record Scaled(String value, String fits, int scale) {}

  private Optional<Scaled> unscaled(Expr operand, Val v) {
    if (v.unscaled().isPresent()) {
      return Optional.of(new Scaled(v.unscaled().get().value(), v.unscaled().get().fits(), v.type().getScale()));
    }
    if (isIntegral(v.kind()) && v.kind() != TypeKind.UINT64) {
      return Optional.of(new Scaled("((long) " + v.value() + ")", "true", 0));
    }
    if (v.kind() == TypeKind.DECIMAL && operand.getKindCase() == Expr.KindCase.LITERAL
        && operand.getLiteral().getValueCase() == Literal.ValueCase.DECIMAL_VALUE) {
      try {
        java.math.BigDecimal exact = new java.math.BigDecimal(operand.getLiteral().getDecimalValue())
            .setScale(v.type().getScale(), java.math.RoundingMode.HALF_UP);
        return Optional.of(new Scaled(exact.unscaledValue().longValueExact() + "L", "true", exact.scale()));
      } catch (ArithmeticException | NumberFormatException e) {
        // Too large for a long (or not a number): that literal keeps the BigDecimal path.
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private Val temporalArithmetic(Expr expr, String op, Val a, Val b) {
    String msg = text(expr);
    String msgLit = javaString(msg);
    DataType type = expr.getType();
    Val time = a;
    Val interval = b;
    if (a.kind() == TypeKind.INTERVAL && op.equals("PLUS")) {
      time = b;
      interval = a;
    }
    if ((op.equals("PLUS") || op.equals("MINUS"))
        && interval.kind() == TypeKind.INTERVAL
        && (time.kind() == TypeKind.TIMESTAMP || time.kind() == TypeKind.DATE)) {
      String nanos = time.kind() == TypeKind.DATE
          ? F + "dateToTimestamp(" + time.value() + ", " + msgLit + ")"
          : time.value();
      String sum = F + "addInterval(" + nanos + ", " + interval.value() + ", "
          + (op.equals("PLUS") ? 1 : -1) + ", " + msgLit + ")";
      return strict(type, List.of(time, interval), sum, TypeKind.TIMESTAMP, expr);
    }
    if (op.equals("MINUS") && a.kind() == TypeKind.TIMESTAMP && b.kind() == TypeKind.TIMESTAMP
        && type.getKind() == TypeKind.INTERVAL) {
      return strict(type, List.of(a, b),
          F + "timestampDifference(" + a.value() + ", " + b.value() + ", " + msgLit + ")",
          TypeKind.INTERVAL, expr);
    }
    throw new ExpressionCompileException(
        "cannot apply " + op + " to " + a.kind() + " and " + b.kind() + " in " + msg);
  }

  private Val negate(Expr expr, List<Expr> operands) {
    Val a = gen(single(expr, operands));
    String msgLit = javaString(text(expr));
    TypeKind k = a.kind();
    if (k == TypeKind.NULL) {
      return declare(expr.getType(), "true", null);
    }
    if (isIntegral(k)) {
      return strict(expr.getType(), List.of(a), F + "negate(" + toLong(a, text(expr)) + ", " + msgLit + ")", TypeKind.INT64, expr);
    }
    if (isFloating(k)) {
      return strict(expr.getType(), List.of(a), "(-" + a.value() + ")", k, expr);
    }
    if (k == TypeKind.DECIMAL) {
      return strict(expr.getType(), List.of(a), a.value() + ".negate()", k, expr);
    }
    if (k == TypeKind.INTERVAL) {
      String v = a.value();
      return strict(expr.getType(), List.of(a),
          "new io.tributary.engine.batch.Interval(-" + v + ".months(), -" + v + ".days(), -" + v + ".nanos())",
          k, expr);
    }
    throw new ExpressionCompileException("cannot negate " + k + " in " + text(expr));
  }

  private Val abs(Expr expr, List<Expr> operands) {
    Val a = gen(single(expr, operands));
    TypeKind k = a.kind();
    String msg = text(expr);
    if (k == TypeKind.NULL) {
      return declare(expr.getType(), "true", null);
    }
    if (isIntegral(k)) {
      return strict(expr.getType(), List.of(a), F + "abs(" + toLong(a, msg) + ", " + javaString(msg) + ")", TypeKind.INT64, expr);
    }
    if (isFloating(k)) {
      return strict(expr.getType(), List.of(a), "Math.abs(" + a.value() + ")", k, expr);
    }
    if (k == TypeKind.DECIMAL) {
      return strict(expr.getType(), List.of(a), a.value() + ".abs()", k, expr);
    }
    throw new ExpressionCompileException("cannot apply ABS to " + k + " in " + msg);
  }

  private Val round(Expr expr, List<Expr> operands) {
    requireOperands(expr, operands, 1, 2);
    Val a = gen(operands.get(0));
    List<Val> args = new ArrayList<>(List.of(a));
    String digits = "0L";
    String msg = text(expr);
    if (operands.size() == 2) {
      Val d = gen(operands.get(1));
      args.add(d);
      digits = toLong(d, msg);
    }
    TypeKind k = a.kind();
    if (k == TypeKind.NULL) {
      return declare(expr.getType(), "true", null);
    }
    if (isIntegral(k)) {
      return strict(expr.getType(), args, F + "round(" + toLong(a, msg) + ", " + digits + ", " + javaString(msg) + ")", TypeKind.INT64, expr);
    }
    if (isFloating(k)) {
      return strict(expr.getType(), args, F + "round(" + toDouble(a, msg) + ", " + digits + ")", TypeKind.FLOAT64, expr);
    }
    if (k == TypeKind.DECIMAL) {
      return strict(expr.getType(), args, F + "round(" + a.value() + ", " + digits + ")", TypeKind.DECIMAL, expr);
    }
    throw new ExpressionCompileException("cannot apply ROUND to " + k + " in " + msg);
  }

  private Val floorCeil(Expr expr, boolean floor, List<Expr> operands) {
    requireOperands(expr, operands, 1, 2);
    Val a = gen(operands.get(0));
    TypeKind k = a.kind();
    String msg = text(expr);
    if (k == TypeKind.NULL) {
      return declare(expr.getType(), "true", null);
    }
    if (operands.size() == 2) {
      if (k != TypeKind.TIMESTAMP) {
        throw new ExpressionCompileException(
            (floor ? "FLOOR" : "CEIL") + " with a unit needs a TIMESTAMP, not " + k + ", in " + msg);
      }
      long unit = timeUnitNanos(operands.get(1), expr);
      return strict(expr.getType(), List.of(a),
          F + (floor ? "floorTimestamp(" : "ceilTimestamp(") + a.value() + ", " + unit + "L)",
          TypeKind.TIMESTAMP, expr);
    }
    if (isIntegral(k)) {
      return strict(expr.getType(), List.of(a), a.value(), k, expr);
    }
    if (isFloating(k)) {
      return strict(expr.getType(), List.of(a), "Math." + (floor ? "floor" : "ceil") + "(" + toDouble(a, msg) + ")", TypeKind.FLOAT64, expr);
    }
    if (k == TypeKind.DECIMAL) {
      return strict(expr.getType(), List.of(a),
          a.value() + ".setScale(0, java.math.RoundingMode." + (floor ? "FLOOR" : "CEILING") + ")",
          TypeKind.DECIMAL, expr);
    }
    throw new ExpressionCompileException("cannot apply " + (floor ? "FLOOR" : "CEIL") + " to " + k + " in " + msg);
  }

  private long timeUnitNanos(Expr unit, Expr expr) {
    if (unit.getKindCase() != Expr.KindCase.LITERAL || !unit.getLiteral().hasStringValue()) {
      throw new ExpressionCompileException("the time unit must be a literal in " + text(expr));
    }
    return switch (unit.getLiteral().getStringValue().toUpperCase(Locale.ROOT)) {
      case "NANOSECOND" -> 1L;
      case "MICROSECOND" -> 1_000L;
      case "MILLISECOND" -> 1_000_000L;
      case "SECOND" -> 1_000_000_000L;
      case "MINUTE" -> 60_000_000_000L;
      case "HOUR" -> 3_600_000_000_000L;
      case "DAY" -> 86_400_000_000_000L;
      case "WEEK" -> 7 * 86_400_000_000_000L;
      default -> throw new ExpressionCompileException(
          "unsupported time unit '" + unit.getLiteral().getStringValue() + "' in " + text(expr));
    };
  }

  // ---------------------------------------------------------------- comparison and logic

  private Val comparison(Expr expr, String op, List<Expr> operands) {
    requireOperands(expr, operands, 2, 2);
    Val a = gen(operands.get(0));
    Val b = gen(operands.get(1));
    if (a.kind() == TypeKind.NULL || b.kind() == TypeKind.NULL) {
      return declare(bool(), "true", null);
    }
    String javaOp = switch (op) {
      case "EQUALS" -> "==";
      case "NOT_EQUALS" -> "!=";
      case "LESS_THAN" -> "<";
      case "LESS_THAN_OR_EQUAL" -> "<=";
      case "GREATER_THAN" -> ">";
      default -> ">=";
    };
    return strict(bool(), List.of(a, b), compare(a, b, javaOp, expr), TypeKind.BOOLEAN, expr);
  }

  private Val distinct(Expr expr, String op, List<Expr> operands) {
    requireOperands(expr, operands, 2, 2);
    Val a = gen(operands.get(0));
    Val b = gen(operands.get(1));
    String equal;
    if (a.kind() == TypeKind.NULL || b.kind() == TypeKind.NULL) {
      equal = "(" + a.isNull() + " && " + b.isNull() + ")";
    } else {
      equal = "((" + a.isNull() + " && " + b.isNull() + ") || (!" + a.isNull() + " && !" + b.isNull()
          + " && " + compare(a, b, "==", expr) + "))";
    }
    return declare(bool(), "false", op.equals("IS_DISTINCT_FROM") ? "!" + equal : equal);
  }

  /** A Java boolean expression comparing two non-null values. */
  private String compare(Val a, Val b, String javaOp, Expr expr) {
    TypeKind x = a.kind();
    TypeKind y = b.kind();
    String msg = text(expr);
    if (x == TypeKind.BOOLEAN && y == TypeKind.BOOLEAN) {
      return "(Boolean.compare(" + a.value() + ", " + b.value() + ") " + javaOp + " 0)";
    }
    if (isText(x) && isText(y)) {
      return "(" + a.value() + ".compareTo(" + b.value() + ") " + javaOp + " 0)";
    }
    if (isTemporal(x) && isText(y)) {
      return compare(a, new Val(b.isNull(), cast(b.value(), y, a.type(), msg), a.type()), javaOp, expr);
    }
    if (isText(x) && isTemporal(y)) {
      return compare(new Val(a.isNull(), cast(a.value(), x, b.type(), msg), b.type()), b, javaOp, expr);
    }
    if (x == TypeKind.BINARY && y == TypeKind.BINARY) {
      return "(" + F + "compare(" + a.value() + ", " + b.value() + ") " + javaOp + " 0)";
    }
    if (isNumeric(x) && isNumeric(y)) {
      if (x == TypeKind.DECIMAL || y == TypeKind.DECIMAL) {
        if (isFloating(x) || isFloating(y)) {
          return "(" + toDouble(a, msg) + " " + javaOp + " " + toDouble(b, msg) + ")";
        }
        return "(" + toDecimal(a, msg) + ".compareTo(" + toDecimal(b, msg) + ") " + javaOp + " 0)";
      }
      if (isFloating(x) || isFloating(y)) {
        return "(" + toDouble(a, msg) + " " + javaOp + " " + toDouble(b, msg) + ")";
      }
      if (x == TypeKind.UINT64 && y == TypeKind.UINT64) {
        return "(Long.compareUnsigned(" + a.value() + ", " + b.value() + ") " + javaOp + " 0)";
      }
      return "(" + toLong(a, msg) + " " + javaOp + " " + toLong(b, msg) + ")";
    }
    if (x == y && isTemporal(x)) {
      return "(" + a.value() + " " + javaOp + " " + b.value() + ")";
    }
    if (isTemporal(x) && isTemporal(y)) {
      return "(" + toTimestamp(a, msg) + " " + javaOp + " " + toTimestamp(b, msg) + ")";
    }
    throw new ExpressionCompileException("cannot compare " + x + " with " + y + " in " + msg);
  }

  private String toTimestamp(Val v, String msg) {
    return cast(v.value(), v.kind(), DataType.newBuilder().setKind(TypeKind.TIMESTAMP).build(), msg);
  }

  private Val logical(Expr expr, boolean and, List<Expr> operands) {
    if (operands.isEmpty()) {
      throw new ExpressionCompileException((and ? "AND" : "OR") + " without operands in " + text(expr));
    }
    // The result starts as the identity (TRUE for AND, FALSE for OR); a decisive operand
    // (FALSE for AND, TRUE for OR) ends evaluation; a NULL makes the result NULL unless a
    // decisive operand follows.
    int id = counter++;
    String n = "n" + id;
    String v = "v" + id;
    String done = "d" + id;
    line("boolean " + n + " = false;");
    line("boolean " + v + " = " + and + ";");
    line("boolean " + done + " = false;");
    for (Expr operand : operands) {
      line("if (!" + done + ") {");
      Val o = gen(operand);
      requireBoolean(o, expr);
      String value = o.kind() == TypeKind.NULL ? "false" : o.value();
      line("if (" + o.isNull() + ") " + n + " = true;");
      line("else if (" + (and ? "!" : "") + value + ") { " + done + " = true; " + n + " = false; "
          + v + " = " + !and + "; }");
      line("}");
    }
    return new Val(n, v, bool());
  }

  private Val caseWhen(Expr expr, List<Expr> operands) {
    if (operands.size() < 2) {
      throw new ExpressionCompileException("CASE needs at least WHEN and THEN in " + text(expr));
    }
    DataType type = expr.getType();
    Val result = declare(type, "true", null);
    String msg = text(expr);
    int closes = 0;
    int i = 0;
    for (; i + 1 < operands.size(); i += 2) {
      Val when = gen(operands.get(i));
      requireBoolean(when, expr);
      line("if (!" + when.isNull() + (when.kind() == TypeKind.NULL ? " && false" : " && " + when.value()) + ") {");
      assign(result, gen(operands.get(i + 1)), msg);
      line("} else {");
      closes++;
    }
    if (i < operands.size()) {
      assign(result, gen(operands.get(i)), msg);
    }
    line("}".repeat(closes));
    return result;
  }

  private Val coalesce(Expr expr, List<Expr> operands) {
    if (operands.isEmpty()) {
      throw new ExpressionCompileException("COALESCE without operands in " + text(expr));
    }
    Val result = declare(expr.getType(), "true", null);
    String msg = text(expr);
    for (Expr operand : operands) {
      line("if (" + result.isNull() + ") {");
      assign(result, gen(operand), msg);
      line("}");
    }
    return result;
  }

  private Val nullIf(Expr expr, List<Expr> operands) {
    requireOperands(expr, operands, 2, 2);
    Val result = declare(expr.getType(), "true", null);
    Val a = gen(operands.get(0));
    Val b = gen(operands.get(1));
    assign(result, a, text(expr));
    if (a.kind() != TypeKind.NULL && b.kind() != TypeKind.NULL) {
      line("if (!" + a.isNull() + " && !" + b.isNull() + " && " + compare(a, b, "==", expr) + ") "
          + result.isNull() + " = true;");
    }
    return result;
  }

  private void assign(Val target, Val source, String msg) {
    if (source.kind() == TypeKind.NULL) {
      line(target.isNull() + " = true;");
      return;
    }
    line(target.isNull() + " = " + source.isNull() + ";");
    if (target.kind() != TypeKind.NULL) {
      line("if (!" + source.isNull() + ") " + target.value() + " = "
          + cast(source.value(), source.kind(), target.type(), msg) + ";");
    }
  }

  // ---------------------------------------------------------------- strings

  private Val like(Expr expr, List<Expr> operands, boolean ignoreCase) {
    requireOperands(expr, operands, 2, 3);
    String msg = text(expr);
    Val s = gen(operands.get(0));
    Optional<String> constantPattern = stringLiteral(operands.get(1));
    Optional<String> constantEscape = operands.size() == 3 ? stringLiteral(operands.get(2)) : Optional.empty();
    if (constantPattern.isPresent() && (operands.size() == 2 || constantEscape.isPresent())) {
      String escape = constantEscape.map(ProjectionCodegen::javaString).orElse("null");
      // Compiled once per kernel instance, not per row.
      String pattern = member("java.util.regex.Pattern",
          F + "likePattern(" + javaString(constantPattern.get()) + ", " + escape + ", " + ignoreCase + ", " + javaString(msg) + ")");
      String str = cast(s.value(), s.kind(), utf8(), msg);
      return strict(bool(), List.of(s), pattern + ".matcher(" + str + ").matches()", TypeKind.BOOLEAN, expr);
    }
    List<Val> args = new ArrayList<>();
    args.add(s);
    Val p = gen(operands.get(1));
    args.add(p);
    String escape = "null";
    if (operands.size() == 3) {
      Val e = gen(operands.get(2));
      args.add(e);
      escape = cast(e.value(), e.kind(), utf8(), msg);
    }
    String value = F + "like(" + cast(s.value(), s.kind(), utf8(), msg) + ", "
        + cast(p.value(), p.kind(), utf8(), msg) + ", " + escape + ", " + ignoreCase + ", " + javaString(msg) + ")";
    return strict(bool(), args, value, TypeKind.BOOLEAN, expr);
  }

  private Val concat(Expr expr, boolean strictNulls, List<Expr> operands) {
    if (operands.isEmpty()) {
      throw new ExpressionCompileException("CONCAT without operands in " + text(expr));
    }
    String msg = text(expr);
    List<Val> args = new ArrayList<>();
    for (Expr operand : operands) {
      args.add(gen(operand));
    }
    if (strictNulls) {
      List<String> parts = args.stream()
          .map(a -> a.kind() == TypeKind.NULL ? "\"\"" : cast(a.value(), a.kind(), utf8(), msg))
          .toList();
      return strict(expr.getType(), args, "(" + String.join(" + ", parts) + ")", TypeKind.UTF8, expr);
    }
    // CONCAT(...) skips NULL arguments, as in PostgreSQL and DataFusion.
    List<String> parts = args.stream()
        .map(a -> a.kind() == TypeKind.NULL ? "\"\""
            : "(" + a.isNull() + " ? \"\" : " + cast(a.value(), a.kind(), utf8(), msg) + ")")
        .toList();
    return declare(expr.getType(), "false",
        cast("(" + String.join(" + ", parts) + ")", TypeKind.UTF8, expr.getType(), msg));
  }

  private Val substring(Expr expr, List<Expr> operands) {
    requireOperands(expr, operands, 2, 3);
    String msg = text(expr);
    List<Val> args = new ArrayList<>();
    for (Expr operand : operands) {
      args.add(gen(operand));
    }
    String s = cast(args.get(0).value(), args.get(0).kind(), utf8(), msg);
    String start = toLong(args.get(1), msg);
    String value = operands.size() == 2
        ? F + "substring(" + s + ", " + start + ")"
        : F + "substring(" + s + ", " + start + ", " + toLong(args.get(2), msg) + ", " + javaString(msg) + ")";
    return strict(expr.getType(), args, value, TypeKind.UTF8, expr);
  }

  private Val trim(Expr expr, String function, List<Expr> operands) {
    String msg = text(expr);
    boolean leading = !function.equals("RTRIM");
    boolean trailing = !function.equals("LTRIM");
    Expr source;
    Optional<Expr> characters = Optional.empty();
    if (function.equals("TRIM") && operands.size() == 3) {
      // Calcite's form: TRIM(flag, characters, source) with the flag BOTH, LEADING or TRAILING.
      String flag = stringLiteral(operands.get(0))
          .orElseThrow(() -> new ExpressionCompileException("TRIM needs a literal BOTH, LEADING or TRAILING in " + msg))
          .toUpperCase(Locale.ROOT);
      switch (flag) {
        case "BOTH" -> {}
        case "LEADING" -> trailing = false;
        case "TRAILING" -> leading = false;
        default -> throw new ExpressionCompileException("unknown TRIM flag '" + flag + "' in " + msg);
      }
      characters = Optional.of(operands.get(1));
      source = operands.get(2);
    } else {
      requireOperands(expr, operands, 1, 2);
      source = operands.get(0);
      if (operands.size() == 2) {
        characters = Optional.of(operands.get(1));
      }
    }
    List<Val> args = new ArrayList<>();
    Val s = gen(source);
    args.add(s);
    String chars = "\" \"";
    if (characters.isPresent()) {
      Val c = gen(characters.get());
      args.add(c);
      chars = cast(c.value(), c.kind(), utf8(), msg);
    }
    String value = F + "trim(" + cast(s.value(), s.kind(), utf8(), msg) + ", " + chars + ", " + leading + ", " + trailing + ")";
    return strict(expr.getType(), args, value, TypeKind.UTF8, expr);
  }

  private static Optional<String> stringLiteral(Expr expr) {
    if (expr.getKindCase() == Expr.KindCase.LITERAL && expr.getLiteral().hasStringValue()) {
      return Optional.of(expr.getLiteral().getStringValue());
    }
    return Optional.empty();
  }

  // ---------------------------------------------------------------- building blocks

  /**
   * A node that is NULL when any argument is NULL, else {@code value} (of Java type
   * {@code computed}) converted to {@code type}.
   */
  private Val strict(DataType type, List<Val> args, String value, TypeKind computed, Expr expr) {
    List<String> flags = new ArrayList<>();
    for (Val arg : args) {
      if (arg.kind() == TypeKind.NULL) {
        return declare(type, "true", null);
      }
      flags.add(arg.isNull());
    }
    if (type.getKind() == TypeKind.NULL) {
      return declare(type, "true", null);
    }
    Val result = declare(type, flags.isEmpty() ? "false" : String.join(" || ", flags), null);
    line("if (!" + result.isNull() + ") " + result.value() + " = "
        + cast(value, computed, type, text(expr)) + ";");
    return result;
  }

  /** Declares the locals of a node; {@code value} null means the type's default. */
  private Val declare(DataType type, String isNull, String value) {
    int id = counter++;
    String n = "n" + id;
    String v = "v" + id;
    TypeKind kind = type.getKind();
    String javaType = kind == TypeKind.NULL ? "Object" : javaType(kind, "expression");
    line("boolean " + n + " = " + isNull + ";");
    if (value == null) {
      line(javaType + " " + v + " = " + defaultValue(kind) + ";");
    } else {
      line(javaType + " " + v + " = " + n + " ? " + defaultValue(kind) + " : " + value + ";");
    }
    return new Val(n, v, type);
  }

  private String member(String javaType, String initializer) {
    String name = "c" + counter++;
    members.append("  private final ").append(javaType).append(' ').append(name).append(";\n");
    constructor.append("    this.").append(name).append(" = ").append(initializer).append(";\n");
    return "this." + name;
  }

  private void line(String code) {
    body.append("      ").append(code).append('\n');
  }

  private String text(Expr expr) {
    return formatter.format(expr);
  }

  private Expr single(Expr expr, List<Expr> operands) {
    requireOperands(expr, operands, 1, 1);
    return operands.getFirst();
  }

  private void requireOperands(Expr expr, List<Expr> operands, int min, int max) {
    if (operands.size() < min || operands.size() > max) {
      throw new ExpressionCompileException(
          expr.getCall().getFunction() + " takes " + (min == max ? min : min + " to " + max)
              + " operands, not " + operands.size() + ", in " + text(expr));
    }
  }

  private void requireBoolean(Val v, Expr expr) {
    if (v.kind() != TypeKind.BOOLEAN && v.kind() != TypeKind.NULL) {
      throw new ExpressionCompileException(
          "expected a BOOLEAN operand but got " + v.kind() + " in " + text(expr));
    }
  }

  private static DataType bool() {
    return DataType.newBuilder().setKind(TypeKind.BOOLEAN).build();
  }

  private static DataType utf8() {
    return DataType.newBuilder().setKind(TypeKind.UTF8).build();
  }

  // ---------------------------------------------------------------- types and conversions

  static boolean isIntegral(TypeKind k) {
    return switch (k) {
      case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64 -> true;
      default -> false;
    };
  }

  static boolean isFloating(TypeKind k) {
    return k == TypeKind.FLOAT32 || k == TypeKind.FLOAT64;
  }

  static boolean isNumeric(TypeKind k) {
    return isIntegral(k) || isFloating(k) || k == TypeKind.DECIMAL;
  }

  static boolean isText(TypeKind k) {
    return k == TypeKind.UTF8 || k == TypeKind.JSON;
  }

  static boolean isTemporal(TypeKind k) {
    return k == TypeKind.TIMESTAMP || k == TypeKind.DATE || k == TypeKind.TIME;
  }

  private static String javaType(TypeKind kind, String what) {
    return switch (kind) {
      case BOOLEAN -> "boolean";
      case INT8, INT16, INT32, UINT8, UINT16, DATE -> "int";
      case INT64, UINT32, UINT64, TIMESTAMP, TIME -> "long";
      case FLOAT32 -> "float";
      case FLOAT64 -> "double";
      case DECIMAL -> "java.math.BigDecimal";
      case UTF8, JSON -> "String";
      case BINARY -> "byte[]";
      case INTERVAL -> "io.tributary.engine.batch.Interval";
      // Nested values are opaque to expressions: they can be tested for NULL, passed through
      // CASE or COALESCE and copied, but not computed with.
      case NULL, STRUCT, LIST -> "Object";
      default -> throw new ExpressionCompileException(
          "values of type " + kind + " (" + what + ") cannot be used in expressions yet");
    };
  }

  private static String defaultValue(TypeKind kind) {
    return switch (kind) {
      case BOOLEAN -> "false";
      case INT8, INT16, INT32, UINT8, UINT16, DATE -> "0";
      case INT64, UINT32, UINT64, TIMESTAMP, TIME -> "0L";
      case FLOAT32 -> "0.0f";
      case FLOAT64 -> "0.0d";
      default -> "null";
    };
  }

  private static String vectorClass(TypeKind kind, Field field) {
    return V + switch (kind) {
      case BOOLEAN -> "BitVector";
      case INT8 -> "TinyIntVector";
      case INT16 -> "SmallIntVector";
      case INT32 -> "IntVector";
      case INT64 -> "BigIntVector";
      case UINT8 -> "UInt1Vector";
      case UINT16 -> "UInt2Vector";
      case UINT32 -> "UInt4Vector";
      case UINT64 -> "UInt8Vector";
      case FLOAT32 -> "Float4Vector";
      case FLOAT64 -> "Float8Vector";
      case DECIMAL -> "DecimalVector";
      case UTF8, JSON -> "VarCharVector";
      case BINARY -> "VarBinaryVector";
      case TIMESTAMP -> "TimeStampNanoVector";
      case DATE -> "DateDayVector";
      case TIME -> "TimeNanoVector";
      case INTERVAL -> "IntervalMonthDayNanoVector";
      case NULL -> "NullVector";
      case STRUCT, LIST -> "FieldVector";
      default -> throw new ExpressionCompileException(
          "column '" + field.getName() + "' has unsupported type " + kind);
    };
  }

  private String toLong(Val v, String msg) {
    return cast(v.value(), v.kind(), DataType.newBuilder().setKind(TypeKind.INT64).build(), msg);
  }

  private String toDouble(Val v, String msg) {
    return cast(v.value(), v.kind(), DataType.newBuilder().setKind(TypeKind.FLOAT64).build(), msg);
  }

  private String toDecimal(Val v, String msg) {
    if (v.kind() == TypeKind.DECIMAL) {
      return v.value();
    }
    return decimalExpr(v.value(), v.kind(), javaString(msg), msg);
  }

  /**
   * A Java expression converting {@code x} (non-null, of kind {@code from}) to {@code to},
   * with SQL CAST semantics; failures raise errors naming {@code msg}, the expression.
   */
  static String cast(String x, TypeKind from, DataType to, String msg) {
    TypeKind t = to.getKind();
    String m = javaString(msg);
    if (from == TypeKind.NULL) {
      return defaultValue(t);
    }
    if (from == t && t != TypeKind.DECIMAL) {
      return x;
    }
    return switch (t) {
      case BOOLEAN -> {
        if (isIntegral(from) || isFloating(from)) {
          yield "(" + x + " != 0)";
        }
        if (from == TypeKind.DECIMAL) {
          yield "(" + x + ".signum() != 0)";
        }
        if (isText(from)) {
          yield F + "parseBoolean(" + x + ", " + m + ")";
        }
        throw unsupportedCast(from, to, msg);
      }
      case INT8, INT16, INT32, UINT8, UINT16 -> {
        String asLong = longExpr(x, from, to, m, msg);
        long[] range = range(t);
        yield "((int) " + F + "checkRange(" + asLong + ", " + range[0] + "L, " + range[1] + "L, " + m + "))";
      }
      case UINT32 -> {
        String asLong = longExpr(x, from, to, m, msg);
        yield F + "checkRange(" + asLong + ", 0L, 4294967295L, " + m + ")";
      }
      case INT64, UINT64 -> longExpr(x, from, to, m, msg);
      case FLOAT32 -> "((float) " + doubleExpr(x, from, to, m, msg) + ")";
      case FLOAT64 -> doubleExpr(x, from, to, m, msg);
      case DECIMAL ->
          F + "rescale(" + decimalExpr(x, from, m, msg) + ", " + to.getPrecision() + ", " + to.getScale() + ", " + m + ")";
      case UTF8, JSON -> switch (from) {
        case BOOLEAN, INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32 -> "String.valueOf(" + x + ")";
        case UINT64 -> "Long.toUnsignedString(" + x + ")";
        case FLOAT32 -> F + "floatToString(" + x + ")";
        case FLOAT64 -> F + "doubleToString(" + x + ")";
        case DECIMAL -> x + ".toPlainString()";
        case UTF8, JSON -> x;
        case BINARY -> F + "fromUtf8(" + x + ")";
        case TIMESTAMP -> "io.tributary.engine.time.Timestamps.format(" + x + ")";
        case DATE -> "io.tributary.engine.time.Timestamps.formatDate(" + x + ")";
        case TIME -> "io.tributary.engine.time.Timestamps.formatTime(" + x + ")";
        case INTERVAL -> F + "intervalToString(" + x + ")";
        default -> throw unsupportedCast(from, to, msg);
      };
      case BINARY -> {
        if (isText(from)) {
          yield F + "utf8(" + x + ")";
        }
        throw unsupportedCast(from, to, msg);
      }
      case TIMESTAMP -> switch (from) {
        case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64 -> "((long) " + x + ")";
        case DATE -> F + "dateToTimestamp(" + x + ", " + m + ")";
        case UTF8, JSON -> F + "parseTimestamp(" + x + ", " + m + ")";
        default -> throw unsupportedCast(from, to, msg);
      };
      case DATE -> switch (from) {
        case TIMESTAMP -> F + "timestampToDate(" + x + ")";
        case UTF8, JSON -> F + "parseDate(" + x + ", " + m + ")";
        case INT8, INT16, INT32, UINT8, UINT16 -> x;
        case INT64, UINT32 -> "((int) " + F + "checkRange(" + x + ", -2147483648L, 2147483647L, " + m + "))";
        default -> throw unsupportedCast(from, to, msg);
      };
      case TIME -> switch (from) {
        case TIMESTAMP -> F + "timestampToTime(" + x + ")";
        case UTF8, JSON -> F + "parseTime(" + x + ", " + m + ")";
        case INT64 -> x;
        default -> throw unsupportedCast(from, to, msg);
      };
      case INTERVAL -> throw unsupportedCast(from, to, msg);
      case NULL -> "null";
      default -> throw unsupportedCast(from, to, msg);
    };
  }

  private static String longExpr(String x, TypeKind from, DataType to, String m, String msg) {
    return switch (from) {
      case BOOLEAN -> "(" + x + " ? 1L : 0L)";
      case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, DATE, TIMESTAMP, TIME -> "((long) " + x + ")";
      case FLOAT32, FLOAT64 -> F + "doubleToLong(" + x + ", " + m + ")";
      case DECIMAL -> F + "decimalToLong(" + x + ", " + m + ")";
      case UTF8, JSON -> F + "parseLong(" + x + ", " + m + ")";
      default -> throw unsupportedCast(from, to, msg);
    };
  }

  private static String doubleExpr(String x, TypeKind from, DataType to, String m, String msg) {
    return switch (from) {
      case BOOLEAN -> "(" + x + " ? 1.0d : 0.0d)";
      case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, FLOAT32, FLOAT64 -> "((double) " + x + ")";
      case UINT64 -> "((double) " + x + ")";
      case DECIMAL -> x + ".doubleValue()";
      case UTF8, JSON -> F + "parseDouble(" + x + ", " + m + ")";
      default -> throw unsupportedCast(from, to, msg);
    };
  }

  private static String decimalExpr(String x, TypeKind from, String m, String msg) {
    return switch (from) {
      case BOOLEAN -> "(" + x + " ? java.math.BigDecimal.ONE : java.math.BigDecimal.ZERO)";
      case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64 -> "java.math.BigDecimal.valueOf((long) " + x + ")";
      case FLOAT32, FLOAT64 -> F + "toDecimal((double) " + x + ", " + m + ")";
      case DECIMAL -> x;
      case UTF8, JSON -> F + "parseDecimal(" + x + ", " + m + ")";
      default -> throw new ExpressionCompileException("cannot CAST " + from + " to DECIMAL in " + msg);
    };
  }

  private static long[] range(TypeKind kind) {
    return switch (kind) {
      case INT8 -> new long[] {Byte.MIN_VALUE, Byte.MAX_VALUE};
      case INT16 -> new long[] {Short.MIN_VALUE, Short.MAX_VALUE};
      case INT32 -> new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
      case UINT8 -> new long[] {0, 255};
      default -> new long[] {0, 65535};
    };
  }

  private static ExpressionCompileException unsupportedCast(TypeKind from, DataType to, String msg) {
    return new ExpressionCompileException(
        "cannot CAST " + from + " to " + ExprFormatter.typeName(to) + " in " + msg);
  }

  private static String doubleLiteral(double value) {
    if (Double.isNaN(value)) {
      return "Double.NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
    }
    return Double.toString(value) + "d";
  }

  static String javaString(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
