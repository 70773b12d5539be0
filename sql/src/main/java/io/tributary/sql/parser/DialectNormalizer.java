package io.tributary.sql.parser;

import java.util.Locale;
import java.util.Optional;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.SqlUserDefinedTypeNameSpec;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Rewrites, in place, what Tributary's dialect adds on top of standard SQL into what
 * Calcite's validator knows: {@code x::t} becomes {@code CAST(x AS t)} and Arroyo's type
 * names (TEXT, STRING, BYTEA, JSON, FLOAT as 32-bit) become Calcite's.
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
            if (basic.getKind() == SqlKind.CAST
                    && basic.operandCount() == 2
                    && basic.operand(1) instanceof SqlDataTypeSpec spec) {
                basic.setOperand(1, normalize(spec));
            }
        }
        return super.visit(call);
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
        return spec.getTypeNameSpec() instanceof SqlUserDefinedTypeNameSpec named
                && named.getTypeName().isSimple()
                && named.getTypeName().getSimple().equalsIgnoreCase("json");
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
