package io.tributary.sql.plan;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import io.tributary.proto.program.Call;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Expr;
import io.tributary.proto.program.IntervalValue;
import io.tributary.proto.program.Literal;
import io.tributary.proto.program.TypeKind;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

/**
 * Calcite row expressions to the program's {@link Expr}, following the naming rule of
 * program.proto: a call is named by Calcite's SqlKind where the operator has a specific kind,
 * otherwise by the function's upper-case SQL name.
 *
 * <p>Two encodings go beyond what program.proto spells out: flags such as TRIM's BOTH or
 * EXTRACT's unit are UTF8 literals holding the flag's name, and a struct field access is the
 * call {@code FIELD_ACCESS(struct, 'field name')}.
 */
public final class ExprConverter {
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final DateTimeFormatter TIMESTAMP_TEXT = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter TIME_TEXT = new DateTimeFormatterBuilder()
            .appendPattern("HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .toFormatter(Locale.ROOT);

    /** Calcite names that mean the same function as a name the engine already knows. */
    private static final Map<String, String> ALIASES = Map.of(
            "||", "CONCAT",
            // PostgreSQL's concat_ws (SqlKind CONCAT_WS_POSTGRESQL) and translate (TRANSLATE3).
            "CONCAT_WS", "CONCAT_WS",
            "TRANSLATE3", "TRANSLATE",
            "CHARACTER_LENGTH", "CHAR_LENGTH",
            "LENGTH", "CHAR_LENGTH",
            "SUBSTR", "SUBSTRING",
            "CEILING", "CEIL");

    private final RexBuilder rexBuilder;

    public ExprConverter(RexBuilder rexBuilder) {
        this.rexBuilder = requireNonNull(rexBuilder, "rexBuilder is null");
    }

    public Expr convert(RexNode node) {
        // SEARCH with a Sarg is Calcite's compact form of IN lists and ranges; the engine
        // only needs comparisons.
        return toExpr(RexUtil.expandSearch(rexBuilder, null, node));
    }

    private Expr toExpr(RexNode node) {
        if (node instanceof RexLiteral literal && literal.getTypeName() == SqlTypeName.SYMBOL) {
            // Flags (TRIM's BOTH, EXTRACT's YEAR, ...) travel as their names.
            return text(String.valueOf(literal.getValue()));
        }
        Expr.Builder expr = Expr.newBuilder()
                .setType(SchemaConverter.dataType(node.getType()))
                .setNullable(node.getType().isNullable());
        switch (node) {
            case RexInputRef ref -> expr.setInputRef(ref.getIndex());
            case RexLiteral literal -> literal(literal, expr);
            case RexCall call when io.tributary.sql.validate.WindowFunctions.kind(call.getOperator()).isPresent() ->
                    throw new UnsupportedExpressionException(call);
            case RexCall call -> {
                Call.Builder builder = Call.newBuilder().setFunction(functionName(call));
                call.getOperands().forEach(operand -> builder.addOperands(toExpr(operand)));
                expr.setCall(builder);
            }
            case RexFieldAccess access -> expr.setCall(Call.newBuilder()
                    .setFunction("FIELD_ACCESS")
                    .addOperands(toExpr(access.getReferenceExpr()))
                    .addOperands(text(access.getField().getName())));
            default -> throw new UnsupportedExpressionException(node);
        }
        return expr.build();
    }

    public static String functionName(RexCall call) {
        SqlOperator operator = call.getOperator();
        if (operator instanceof io.tributary.sql.validate.UdfFunction udf) {
            // Top-level SELECT items calling async UDFs become operators before expressions are converted.
            AsyncUdfPlanning.refuseNested(call);
            return udf.callName();
        }
        SqlKind kind = call.getKind();
        String name = operator.getName().toUpperCase(Locale.ROOT);
        if (ALIASES.containsKey(name)) {
            return ALIASES.get(name);
        }
        if (kind == SqlKind.OTHER_FUNCTION || kind == SqlKind.OTHER) {
            return name.replace(' ', '_');
        }
        // Operators sharing a kind with a different meaning (ILIKE is a LIKE, SIMILAR TO...)
        // keep their own name.
        if ((kind == SqlKind.LIKE || kind == SqlKind.SIMILAR) && !name.equals(kind.sql)) {
            return name.replace(' ', '_');
        }
        return kind.name();
    }

    private static Expr text(String value) {
        return Expr.newBuilder()
                .setType(DataType.newBuilder().setKind(TypeKind.UTF8))
                .setLiteral(Literal.newBuilder().setStringValue(value))
                .build();
    }

    private static void literal(RexLiteral literal, Expr.Builder expr) {
        Literal.Builder value = Literal.newBuilder();
        if (literal.isNull()) {
            expr.setLiteral(value);
            return;
        }
        SqlTypeName typeName = literal.getType().getSqlTypeName();
        switch (typeName) {
            case BOOLEAN -> value.setBoolValue(requireNonNull(literal.getValueAs(Boolean.class)));
            case TINYINT, SMALLINT, INTEGER, BIGINT, UTINYINT, USMALLINT, UINTEGER, UBIGINT ->
                    value.setIntValue(requireNonNull(literal.getValueAs(BigDecimal.class)).longValue());
            case DECIMAL -> value.setDecimalValue(
                    requireNonNull(literal.getValueAs(BigDecimal.class)).toPlainString());
            case REAL, FLOAT, DOUBLE -> value.setDoubleValue(requireNonNull(literal.getValueAs(Double.class)));
            case CHAR, VARCHAR -> value.setStringValue(requireNonNull(literal.getValueAs(NlsString.class)).getValue());
            case BINARY, VARBINARY -> value.setBytesValue(ByteString.copyFrom(
                    requireNonNull(literal.getValueAs(org.apache.calcite.avatica.util.ByteString.class)).getBytes()));
            case TIMESTAMP -> value.setIntValue(
                    timestampNanos(requireNonNull(literal.getValueAs(TimestampString.class))));
            case DATE -> value.setIntValue(requireNonNull(literal.getValueAs(DateString.class)).getDaysSinceEpoch());
            case TIME -> value.setIntValue(timeNanos(requireNonNull(literal.getValueAs(TimeString.class))));
            case INTERVAL_YEAR, INTERVAL_YEAR_MONTH, INTERVAL_MONTH -> value.setIntervalValue(
                    IntervalValue.newBuilder().setMonths(
                            requireNonNull(literal.getValueAs(BigDecimal.class)).intValueExact()));
            case INTERVAL_DAY, INTERVAL_DAY_HOUR, INTERVAL_DAY_MINUTE, INTERVAL_DAY_SECOND, INTERVAL_HOUR,
                    INTERVAL_HOUR_MINUTE, INTERVAL_HOUR_SECOND, INTERVAL_MINUTE, INTERVAL_MINUTE_SECOND,
                    INTERVAL_SECOND -> value.setIntervalValue(IntervalValue.newBuilder().setNanos(
                            requireNonNull(literal.getValueAs(BigDecimal.class)).longValueExact() * NANOS_PER_MILLI));
            default -> throw new UnsupportedExpressionException(literal);
        }
        expr.setLiteral(value);
    }

    static long timestampNanos(TimestampString timestamp) {
        LocalDateTime dateTime = LocalDateTime.parse(timestamp.toString(), TIMESTAMP_TEXT);
        long seconds = dateTime.toEpochSecond(ZoneOffset.UTC);
        return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), dateTime.getNano());
    }

    static long timeNanos(TimeString time) {
        return LocalTime.parse(time.toString(), TIME_TEXT).toNanoOfDay();
    }

    /** A Calcite expression the program cannot express (subquery, parameter, OVER ...). */
    public static final class UnsupportedExpressionException extends IllegalArgumentException {
        public UnsupportedExpressionException(RexNode node) {
            super("The expression " + node + " is not supported by this version of Tributary's planner");
        }
    }
}
