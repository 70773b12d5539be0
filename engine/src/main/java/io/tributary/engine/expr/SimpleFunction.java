package io.tributary.engine.expr;

import io.tributary.proto.program.TypeKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A strict scalar function (NULL in, NULL out) that maps onto one static method of
 * {@link SqlFunctions}: its operands are converted to {@code parameters}, its result has kind
 * {@code result}. Keeping these in a table keeps the code generator about structure only.
 */
record SimpleFunction(String method, List<TypeKind> parameters, TypeKind result, boolean needsMessage) {
  private static final TypeKind S = TypeKind.UTF8;
  private static final TypeKind L = TypeKind.INT64;
  private static final TypeKind D = TypeKind.FLOAT64;
  private static final TypeKind B = TypeKind.BOOLEAN;

  private static final Map<String, SimpleFunction> FUNCTIONS = Map.ofEntries(
      entry("REPLACE", "replace", List.of(S, S, S), S),
      entry("POSITION", "position", List.of(S, S), L),
      entry("POSITION", "position", List.of(S, S, L), L),
      entry("STRPOS", "strpos", List.of(S, S), L),
      entry("LEFT", "left", List.of(S, L), S),
      entry("RIGHT", "right", List.of(S, L), S),
      entry("LPAD", "lpad", List.of(S, L), S),
      entry("LPAD", "lpad", List.of(S, L, S), S),
      entry("RPAD", "rpad", List.of(S, L), S),
      entry("RPAD", "rpad", List.of(S, L, S), S),
      entry("REPEAT", "repeat", List.of(S, L), S),
      entry("REVERSE", "reverse", List.of(S), S),
      entry("INITCAP", "initcap", List.of(S), S),
      entry("STARTS_WITH", "startsWith", List.of(S, S), B),
      entry("ENDS_WITH", "endsWith", List.of(S, S), B),
      entry("MD5", "md5", List.of(S), S),
      entry("SHA256", "sha256", List.of(S), S),
      entry("SHA224", "sha224", List.of(S), S),
      entry("SHA384", "sha384", List.of(S), S),
      entry("SHA512", "sha512", List.of(S), S),
      entry("TO_HEX", "toHex", List.of(L), S),
      entry("TRANSLATE", "translate", List.of(S, S, S), S),
      entry("ASCII", "ascii", List.of(S), L),
      checked("CHR", "chr", List.of(L), S),
      entry("OCTET_LENGTH", "octetLength", List.of(S), L),
      checked("SPLIT_PART", "splitPart", List.of(S, S, L), S),
      checked("REGEXP_REPLACE", "regexpReplace", List.of(S, S, S), S),
      checked("REGEXP_REPLACE", "regexpReplace", List.of(S, S, S, S), S),
      checked("REGEXP_LIKE", "regexpLike", List.of(S, S), B),
      checked("REGEXP_LIKE", "regexpLike", List.of(S, S, S), B),
      checked("LOG", "log", List.of(D), D),
      checked("LOG", "log", List.of(D, D), D),
      checked("LOG2", "log2", List.of(D), D),
      entry("CBRT", "cbrt", List.of(D), D),
      entry("SIGNUM", "sign", List.of(D), D),
      entry("TRUNC", "trunc", List.of(D), D),
      entry("TRUNC", "trunc", List.of(D, L), D),
      entry("TRUNCATE", "trunc", List.of(D), D),
      entry("TRUNCATE", "trunc", List.of(D, L), D),
      entry("SIN", "sin", List.of(D), D),
      entry("COS", "cos", List.of(D), D),
      entry("TAN", "tan", List.of(D), D),
      entry("COT", "cot", List.of(D), D),
      entry("ASIN", "asin", List.of(D), D),
      entry("ACOS", "acos", List.of(D), D),
      entry("ATAN", "atan", List.of(D), D),
      entry("ATAN2", "atan2", List.of(D, D), D),
      entry("DEGREES", "degrees", List.of(D), D),
      entry("RADIANS", "radians", List.of(D), D),
      entry("POWER", "power", List.of(D, D), D),
      entry("EXP", "exp", List.of(D), D),
      entry("SIGN", "sign", List.of(D), D),
      checked("SQRT", "sqrt", List.of(D), D),
      checked("LN", "ln", List.of(D), D),
      checked("LOG10", "log10", List.of(D), D));

  static Optional<SimpleFunction> find(String name, int arity) {
    return Optional.ofNullable(FUNCTIONS.get(name + "/" + arity));
  }

  private static Map.Entry<String, SimpleFunction> entry(
      String name, String method, List<TypeKind> parameters, TypeKind result) {
    return Map.entry(name + "/" + parameters.size(), new SimpleFunction(method, parameters, result, false));
  }

  /** A function whose errors name the expression: the method takes it as a last argument. */
  private static Map.Entry<String, SimpleFunction> checked(
      String name, String method, List<TypeKind> parameters, TypeKind result) {
    return Map.entry(name + "/" + parameters.size(), new SimpleFunction(method, parameters, result, true));
  }
}
