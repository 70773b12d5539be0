package io.tributary.sql.explain;

import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Expr;
import io.tributary.proto.program.Field;
import io.tributary.proto.program.IntervalValue;
import io.tributary.proto.program.Literal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Renders program expressions back as SQL-like text, naming input columns. */
public final class ExprFormatter {
    private static final Pattern PLAIN_NAME = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Map<String, String> INFIX = Map.ofEntries(
            Map.entry("PLUS", "+"), Map.entry("MINUS", "-"), Map.entry("TIMES", "*"),
            Map.entry("DIVIDE", "/"), Map.entry("MOD", "%"), Map.entry("EQUALS", "="),
            Map.entry("NOT_EQUALS", "<>"), Map.entry("LESS_THAN", "<"),
            Map.entry("LESS_THAN_OR_EQUAL", "<="), Map.entry("GREATER_THAN", ">"),
            Map.entry("GREATER_THAN_OR_EQUAL", ">="), Map.entry("AND", "AND"), Map.entry("OR", "OR"),
            Map.entry("LIKE", "LIKE"), Map.entry("ILIKE", "ILIKE"), Map.entry("CONCAT", "||"),
            Map.entry("IS_DISTINCT_FROM", "IS DISTINCT FROM"),
            Map.entry("IS_NOT_DISTINCT_FROM", "IS NOT DISTINCT FROM"));
    private static final Map<String, String> POSTFIX = Map.of(
            "IS_NULL", "IS NULL", "IS_NOT_NULL", "IS NOT NULL", "IS_TRUE", "IS TRUE",
            "IS_FALSE", "IS FALSE", "IS_NOT_TRUE", "IS NOT TRUE", "IS_NOT_FALSE", "IS NOT FALSE");

    private ExprFormatter() {}

    public static String format(Expr expr, List<Field> input) {
        return switch (expr.getKindCase()) {
            case INPUT_REF -> expr.getInputRef() < input.size()
                    ? name(input.get(expr.getInputRef()).getName())
                    : "$" + expr.getInputRef();
            case LITERAL -> literal(expr.getLiteral(), expr.getType());
            case CALL -> call(expr, input);
            case KIND_NOT_SET -> "?";
        };
    }

    public static String name(String name) {
        return PLAIN_NAME.matcher(name).matches() ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String operand(Expr expr, List<Field> input) {
        String text = format(expr, input);
        boolean compound = expr.hasCall()
                && (INFIX.containsKey(expr.getCall().getFunction())
                        || POSTFIX.containsKey(expr.getCall().getFunction()));
        return compound ? "(" + text + ")" : text;
    }

    private static String call(Expr expr, List<Field> input) {
        String function = expr.getCall().getFunction();
        List<Expr> operands = expr.getCall().getOperandsList();
        if (INFIX.containsKey(function) && operands.size() >= 2) {
            return operands.stream()
                    .map(operand -> operand(operand, input))
                    .collect(Collectors.joining(" " + INFIX.get(function) + " "));
        }
        if (POSTFIX.containsKey(function) && operands.size() == 1) {
            return operand(operands.getFirst(), input) + " " + POSTFIX.get(function);
        }
        return switch (function) {
            case "NOT" -> "NOT " + operand(operands.getFirst(), input);
            case "MINUS_PREFIX" -> "-" + operand(operands.getFirst(), input);
            case "PLUS_PREFIX" -> "+" + operand(operands.getFirst(), input);
            case "CAST" -> "CAST(" + format(operands.getFirst(), input) + " AS " + TypeNames.sql(expr.getType()) + ")";
            case "FIELD_ACCESS" -> operand(operands.get(0), input) + "." + name(operands.get(1).getLiteral().getStringValue());
            case "CASE" -> caseExpression(operands, input);
            default -> function + "(" + operands.stream()
                    .map(operand -> format(operand, input))
                    .collect(Collectors.joining(", ")) + ")";
        };
    }

    private static String caseExpression(List<Expr> operands, List<Field> input) {
        StringBuilder text = new StringBuilder("CASE");
        int i = 0;
        for (; i + 1 < operands.size(); i += 2) {
            text.append(" WHEN ").append(format(operands.get(i), input))
                    .append(" THEN ").append(format(operands.get(i + 1), input));
        }
        if (i < operands.size()) {
            text.append(" ELSE ").append(format(operands.get(i), input));
        }
        return text.append(" END").toString();
    }

    private static String literal(Literal literal, DataType type) {
        return switch (literal.getValueCase()) {
            case BOOL_VALUE -> literal.getBoolValue() ? "TRUE" : "FALSE";
            case INT_VALUE -> switch (type.getKind()) {
                case TIMESTAMP -> "TIMESTAMP '" + LocalDateTime.ofInstant(
                        Instant.ofEpochSecond(0, literal.getIntValue()), ZoneOffset.UTC).toString().replace('T', ' ') + "'";
                case DATE -> "DATE '" + LocalDate.ofEpochDay(literal.getIntValue()) + "'";
                case TIME -> "TIME '" + LocalTime.ofNanoOfDay(literal.getIntValue()) + "'";
                default -> Long.toString(literal.getIntValue());
            };
            case DOUBLE_VALUE -> Double.toString(literal.getDoubleValue());
            case STRING_VALUE -> "'" + literal.getStringValue().replace("'", "''") + "'";
            case BYTES_VALUE -> "X'" + java.util.HexFormat.of().formatHex(literal.getBytesValue().toByteArray()) + "'";
            case DECIMAL_VALUE -> literal.getDecimalValue();
            case INTERVAL_VALUE -> interval(literal.getIntervalValue());
            case VALUE_NOT_SET -> "NULL";
        };
    }

    private static String interval(IntervalValue interval) {
        StringBuilder text = new StringBuilder();
        if (interval.getMonths() != 0) {
            text.append(interval.getMonths()).append(" months ");
        }
        if (interval.getDays() != 0) {
            text.append(interval.getDays()).append(" days ");
        }
        if (interval.getNanos() != 0 || text.isEmpty()) {
            long nanos = interval.getNanos();
            if (nanos % 1_000_000_000L == 0) {
                text.append(nanos / 1_000_000_000L).append(" seconds");
            } else {
                text.append(nanos / 1_000_000L).append(" ms");
            }
        }
        return "INTERVAL '" + text.toString().trim() + "'";
    }
}
