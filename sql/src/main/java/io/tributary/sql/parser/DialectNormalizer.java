package io.tributary.sql.parser;

import io.tributary.sql.validate.TributaryAggregates;
import io.tributary.sql.validate.TributaryFunctions;
import java.util.Locale;
import java.util.Optional;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.SqlUserDefinedTypeNameSpec;
import org.apache.calcite.sql.fun.SqlInternalOperators;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Rewrites, in place, what Tributary's dialect adds on top of standard SQL into what
 * Calcite's validator knows: {@code x::t} becomes {@code CAST(x AS t)}, {@code j -> k} and
 * {@code j ->> k} become {@code json_get_json(j, k)} and {@code json_as_text(j, k)}, and Arroyo's
 * type names (TEXT, STRING, BYTEA, JSON, FLOAT as 32-bit) become Calcite's.
 *
 * <p>In place, because rebuilding calls through a shuttle would turn Tributary's own DDL
 * nodes into plain calls.
 */
public final class DialectNormalizer extends SqlBasicVisitor<Void> {
    private static final DialectNormalizer INSTANCE = new DialectNormalizer();

    private DialectNormalizer() {}

    public static void normalize(SqlNode node) {
        if (node != null) {
            node.accept(INSTANCE);
        }
    }

    @Override
    public Void visit(SqlCall call) {
        if (call instanceof SqlBasicCall basic) {
            if (basic.getOperator() == SqlLibraryOperators.INFIX_CAST) {
                basic.setOperator(SqlStdOperatorTable.CAST);
            }
            if (basic.getOperator() == DialectOperators.JSON_ARROW) {
                basic.setOperator(TributaryFunctions.JSON_GET_JSON);
            }
            if (basic.getOperator() == DialectOperators.JSON_TEXT_ARROW) {
                basic.setOperator(TributaryFunctions.JSON_AS_TEXT);
            }
            // The grammar builds array_agg and string_agg with Calcite's operators; without ORDER BY
            // (which the planner refuses) they are Tributary's.
            if ((basic.getOperator() == SqlLibraryOperators.ARRAY_AGG
                    || basic.getOperator() == SqlLibraryOperators.STRING_AGG)
                    && basic.getOperandList().stream().noneMatch(operand -> operand instanceof org.apache.calcite.sql.SqlNodeList
                            || operand instanceof SqlCall c && c.getOperator() == SqlInternalOperators.SEPARATOR)) {
                TributaryAggregates.lookup(basic.getOperator().getName()).ifPresent(basic::setOperator);
            }
            if (basic.getOperator() == SqlLibraryOperators.DATE_TRUNC) {
                dateTrunc(basic);
            }
            if (basic.getKind() == SqlKind.CAST
                    && basic.operandCount() == 2
                    && basic.operand(1) instanceof SqlDataTypeSpec spec) {
                basic.setOperand(1, normalize(spec));
            }
        }
        if (call instanceof SqlBasicCall || call instanceof org.apache.calcite.sql.SqlSelect) {
            for (int i = 0; i < call.operandCount(); i++) {
                int index = i;
                percentileWithinGroup(call.operand(i)).ifPresent(rewritten -> call.setOperand(index, rewritten));
            }
        }
        return super.visit(call);
    }

    @Override
    public Void visit(org.apache.calcite.sql.SqlNodeList list) {
        for (int i = 0; i < list.size(); i++) {
            int index = i;
            percentileWithinGroup(list.get(i)).ifPresent(rewritten -> list.set(index, rewritten));
        }
        return super.visit(list);
    }

    /**
     * DataFusion's {@code approx_percentile_cont(p) WITHIN GROUP (ORDER BY x)} as its older form
     * {@code approx_percentile_cont(x, p)} (descending order: the (1 - p) percentile), which is
     * what the engine computes; Calcite lets only its own PERCENTILE_CONT type a WITHIN GROUP.
     */
    private static Optional<SqlNode> percentileWithinGroup(SqlNode node) {
        if (!(node instanceof SqlCall within) || within.getKind() != SqlKind.WITHIN_GROUP
                || !(within.operand(0) instanceof SqlBasicCall function)
                || !function.getOperator().getName().equalsIgnoreCase("APPROX_PERCENTILE_CONT")
                || function.operandCount() != 1
                || !(within.operand(1) instanceof org.apache.calcite.sql.SqlNodeList order) || order.size() != 1) {
            return Optional.empty();
        }
        SqlNode key = order.get(0);
        SqlNode percentile = function.operand(0);
        if (key.getKind() == SqlKind.NULLS_FIRST || key.getKind() == SqlKind.NULLS_LAST) {
            key = ((SqlCall) key).operand(0);
        }
        if (key.getKind() == SqlKind.DESCENDING) {
            key = ((SqlCall) key).operand(0);
            if (percentile instanceof org.apache.calcite.sql.SqlNumericLiteral literal
                    && literal.getValueAs(java.math.BigDecimal.class) != null) {
                percentile = SqlLiteral.createExactNumeric(java.math.BigDecimal.ONE
                        .subtract(literal.getValueAs(java.math.BigDecimal.class)).toPlainString(),
                        literal.getParserPosition());
            }
        }
        return Optional.of(function.getOperator().createCall(function.getFunctionQuantifier(),
                within.getParserPosition(), key, percentile));
    }

    /**
     * Calcite parses {@code date_trunc('hour', ts)} as BigQuery's DATE_TRUNC with {@code ts} as
     * a custom time frame name; Arroyo's (PostgreSQL's) date_trunc takes the unit first.
     */
    private static void dateTrunc(SqlBasicCall call) {
        if (call.operandCount() != 2 || !(call.operand(0) instanceof SqlLiteral unit)
                || unit.getTypeName().getFamily() != org.apache.calcite.sql.type.SqlTypeFamily.CHARACTER) {
            return;
        }
        call.setOperator(TributaryFunctions.DATE_TRUNC);
        if (call.operand(1) instanceof SqlIntervalQualifier qualifier) {
            String name = qualifier.timeFrameName != null
                    ? qualifier.timeFrameName
                    : qualifier.timeUnitRange.name();
            call.setOperand(1, new SqlIdentifier(name, qualifier.getParserPosition()));
        }
    }

    /** Calcite's spelling of a type written in Tributary's dialect. */
    public static SqlDataTypeSpec normalize(SqlDataTypeSpec spec) {
        return dialectType(spec.getTypeNameSpec())
                .map(calciteName -> new SqlDataTypeSpec(
                        calciteName, spec.getTimeZone(), spec.getNullable(), spec.getParserPosition()))
                .orElse(spec);
    }

    /** Whether the type was written as JSON: Calcite holds it as VARCHAR, connectors care. */
    public static boolean isJson(SqlDataTypeSpec spec) {
        return isNamed(spec, "json");
    }

    /** Whether the type is a name Calcite does not know (JSON, TEXT, a bare INTERVAL...) spelled {@code name}. */
    public static boolean isNamed(SqlDataTypeSpec spec, String name) {
        return spec.getTypeNameSpec() instanceof SqlUserDefinedTypeNameSpec named
                && named.getTypeName().isSimple()
                && named.getTypeName().getSimple().equalsIgnoreCase(name);
    }

    private static Optional<SqlTypeNameSpec> dialectType(SqlTypeNameSpec spec) {
        if (spec instanceof SqlUserDefinedTypeNameSpec named && named.getTypeName().isSimple()) {
            SqlTypeName calcite = switch (named.getTypeName().getSimple().toUpperCase(Locale.ROOT)) {
                case "TEXT", "STRING", "JSON" -> SqlTypeName.VARCHAR;
                case "BYTEA" -> SqlTypeName.VARBINARY;
                default -> null;
            };
            return Optional.ofNullable(calcite)
                    .map(type -> new SqlBasicTypeNameSpec(type, spec.getParserPos()));
        }
        if (spec instanceof SqlBasicTypeNameSpec basic
                && basic.getTypeName().isSimple()
                && basic.getTypeName().getSimple().equalsIgnoreCase("FLOAT")) {
            // Arroyo's FLOAT is 32-bit; Calcite's FLOAT is a synonym of DOUBLE.
            return Optional.of(new SqlBasicTypeNameSpec(SqlTypeName.REAL, spec.getParserPos()));
        }
        return Optional.empty();
    }
}
