package io.tributary.sql.parser;

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
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Rewrites, in place, what Tributary's dialect adds on top of standard SQL into what
 * Calcite's validator knows: {@code x::t} becomes {@code CAST(x AS t)}, {@code j -> k} and
 * {@code j ->> k} become {@code json_get_json(j, k)} and {@code json_get_str(j, k)}, and Arroyo's
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
                basic.setOperator(TributaryFunctions.JSON_GET_STR);
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
        return super.visit(call);
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
