package io.tributary.sql.validate;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The scalar functions of Arroyo's dialect (DataFusion's, PostgreSQL-flavoured) that Calcite's
 * STANDARD and POSTGRESQL libraries lack or define differently, and the operator table that
 * puts them in front of those libraries. A function defined here replaces any library function
 * of the same name (e.g. {@code ltrim(s, chars)}, {@code to_timestamp(seconds)},
 * {@code json_length(json, key…)}).
 *
 * <p>All of them reach the program as calls named by their upper-case name; unless noted they
 * are NULL when any argument is NULL. JSON functions are NULL when the text is not JSON or the
 * path does not lead to a value of the wanted kind.
 */
public final class TributaryFunctions {
    private static final SqlOperatorTable LIBRARIES = SqlLibraryOperatorTableFactory.INSTANCE
            .getOperatorTable(SqlLibrary.STANDARD, SqlLibrary.POSTGRESQL);

    private static final SqlReturnTypeInference TIMESTAMP_NULLABLE =
            ReturnTypes.explicit(SqlTypeName.TIMESTAMP).andThen(SqlTypeTransforms.TO_NULLABLE);
    private static final SqlReturnTypeInference TIMESTAMP_NOT_NULL = ReturnTypes.explicit(SqlTypeName.TIMESTAMP);

    private static final SqlOperandTypeChecker STRING_OPTIONAL_STRING =
            OperandTypes.family(List.of(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER), i -> i == 1);
    private static final SqlOperandTypeChecker PAD = OperandTypes.family(
            List.of(SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER, SqlTypeFamily.CHARACTER), i -> i == 2);
    /** A JSON text, then keys: strings for object members, integers for array elements. */
    private static final SqlOperandTypeChecker JSON_KEYS = OperandTypes.repeat(
            SqlOperandCountRanges.from(1), OperandTypes.or(OperandTypes.CHARACTER, OperandTypes.INTEGER));
    private static final SqlOperandTypeChecker JSON_PATH =
            OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER);

    /**
     * {@code date_trunc('unit', timestamp)}, as in PostgreSQL and DataFusion. Calcite's parser
     * reads DATE_TRUNC as BigQuery's {@code DATE_TRUNC(date, unit)}; the dialect normalizer
     * swaps this function in.
     */
    public static final SqlFunction DATE_TRUNC = function("DATE_TRUNC", TIMESTAMP_NULLABLE,
            OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.TIMESTAMP));

    /** {@code row_time()}: the row's event time (its {@code _timestamp}). */
    public static final SqlFunction ROW_TIME = function("ROW_TIME", TIMESTAMP_NOT_NULL, OperandTypes.NILADIC);

    /** {@code json_get_json(json, key…)}: the value at the path as JSON text; also {@code json -> key}. */
    public static final SqlFunction JSON_GET_JSON =
            function("JSON_GET_JSON", ReturnTypes.VARCHAR_FORCE_NULLABLE, JSON_KEYS);

    /** {@code json_get_str(json, key…)}: the string at the path (NULL for other values). */
    public static final SqlFunction JSON_GET_STR =
            function("JSON_GET_STR", ReturnTypes.VARCHAR_FORCE_NULLABLE, JSON_KEYS);

    /**
     * {@code json_as_text(json, key…)}: a string at the path unquoted, any other value as its JSON text,
     * NULL for JSON null or nothing there; also {@code json ->> key}, as in Arroyo.
     */
    public static final SqlFunction JSON_AS_TEXT =
            function("JSON_AS_TEXT", ReturnTypes.VARCHAR_FORCE_NULLABLE, JSON_KEYS);

    /** The functions Tributary adds. */
    public static final List<SqlFunction> FUNCTIONS = List.of(
            // Date and time.
            DATE_TRUNC,
            ROW_TIME,
            function("TO_TIMESTAMP", TIMESTAMP_NULLABLE,
                    OperandTypes.or(OperandTypes.NUMERIC, OperandTypes.CHARACTER)),
            function("TO_TIMESTAMP_SECONDS", TIMESTAMP_NULLABLE,
                    OperandTypes.or(OperandTypes.NUMERIC, OperandTypes.CHARACTER)),
            function("TO_TIMESTAMP_MILLIS", TIMESTAMP_NULLABLE,
                    OperandTypes.or(OperandTypes.INTEGER, OperandTypes.CHARACTER)),
            function("TO_TIMESTAMP_MICROS", TIMESTAMP_NULLABLE,
                    OperandTypes.or(OperandTypes.INTEGER, OperandTypes.CHARACTER)),
            function("TO_TIMESTAMP_NANOS", TIMESTAMP_NULLABLE,
                    OperandTypes.or(OperandTypes.INTEGER, OperandTypes.CHARACTER)),
            function("FROM_UNIXTIME", TIMESTAMP_NULLABLE, OperandTypes.NUMERIC),
            // now(): the same instant for every row of a batch (as CURRENT_TIMESTAMP).
            dynamic("NOW", TIMESTAMP_NOT_NULL),
            // Strings.
            function("ENDS_WITH", ReturnTypes.BOOLEAN_NULLABLE, OperandTypes.STRING_STRING),
            function("REVERSE", ReturnTypes.VARCHAR_NULLABLE, OperandTypes.CHARACTER),
            function("BTRIM", ReturnTypes.VARCHAR_NULLABLE, STRING_OPTIONAL_STRING),
            function("LTRIM", ReturnTypes.VARCHAR_NULLABLE, STRING_OPTIONAL_STRING),
            function("RTRIM", ReturnTypes.VARCHAR_NULLABLE, STRING_OPTIONAL_STRING),
            function("LPAD", ReturnTypes.VARCHAR_NULLABLE, PAD),
            function("RPAD", ReturnTypes.VARCHAR_NULLABLE, PAD),
            function("SHA224", ReturnTypes.VARCHAR_NULLABLE, OperandTypes.STRING),
            function("SHA384", ReturnTypes.VARCHAR_NULLABLE, OperandTypes.STRING),
            function("TO_HEX", ReturnTypes.VARCHAR_NULLABLE, OperandTypes.INTEGER),
            // The first match's first capture group (the whole match without groups); NULL when
            // nothing matches. DataFusion returns all groups as a list, which the engine lacks.
            function("REGEXP_MATCH", ReturnTypes.VARCHAR_FORCE_NULLABLE, OperandTypes.family(
                    List.of(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER),
                    i -> i == 2)),
            // Math.
            function("LOG2", ReturnTypes.DOUBLE_NULLABLE, OperandTypes.NUMERIC),
            function("SIGNUM", ReturnTypes.DOUBLE_NULLABLE, OperandTypes.NUMERIC),
            function("TRUNC", ReturnTypes.DOUBLE_NULLABLE, OperandTypes.family(
                    List.of(SqlTypeFamily.NUMERIC, SqlTypeFamily.INTEGER), i -> i == 1)),
            // JSON (Arroyo's json_get_* family, keys or array indexes as further arguments).
            JSON_GET_STR,
            function("JSON_GET_INT", ReturnTypes.BIGINT_FORCE_NULLABLE, JSON_KEYS),
            function("JSON_GET_FLOAT", ReturnTypes.DOUBLE_FORCE_NULLABLE, JSON_KEYS),
            function("JSON_GET_BOOL", ReturnTypes.BOOLEAN_FORCE_NULLABLE, JSON_KEYS),
            JSON_GET_JSON,
            JSON_AS_TEXT,
            function("JSON_CONTAINS", ReturnTypes.BOOLEAN_FORCE_NULLABLE, JSON_KEYS),
            function("JSON_LENGTH", ReturnTypes.BIGINT_FORCE_NULLABLE, JSON_KEYS),
            function("EXTRACT_JSON_STRING", ReturnTypes.VARCHAR_FORCE_NULLABLE, JSON_PATH),
            function("EXTRACT_JSON", ReturnTypes.VARCHAR_FORCE_NULLABLE, JSON_PATH),
            function("GET_FIRST_JSON_OBJECT", ReturnTypes.VARCHAR_FORCE_NULLABLE, JSON_PATH));

    /** Scalar functions and {@link TributaryAggregates#FUNCTIONS aggregates}. */
    private static final List<SqlFunction> ALL = Stream.of(FUNCTIONS.stream(),
            TributaryAggregates.FUNCTIONS.stream(), Stream.of(WindowFunctions.CUMULATE_TABLE))
            .flatMap(functions -> functions).map(SqlFunction.class::cast).toList();
    private static final SqlOperatorTable OWN = org.apache.calcite.sql.util.SqlOperatorTables.of(ALL);
    private static final Set<String> NAMES = ALL.stream()
            .map(SqlFunction::getName)
            .collect(Collectors.toUnmodifiableSet());

    /** Tributary's functions in front of Calcite's STANDARD and POSTGRESQL libraries. */
    public static final SqlOperatorTable OPERATOR_TABLE = new SqlOperatorTable() {
        @Override
        public void lookupOperatorOverloads(SqlIdentifier opName, @Nullable SqlFunctionCategory category,
                SqlSyntax syntax, List<SqlOperator> operatorList, SqlNameMatcher nameMatcher) {
            OWN.lookupOperatorOverloads(opName, category, syntax, operatorList, nameMatcher);
            if (opName.isSimple() && NAMES.contains(opName.getSimple().toUpperCase(Locale.ROOT))
                    && (syntax == SqlSyntax.FUNCTION || syntax == SqlSyntax.FUNCTION_ID)) {
                return;
            }
            LIBRARIES.lookupOperatorOverloads(opName, category, syntax, operatorList, nameMatcher);
        }

        @Override
        public List<SqlOperator> getOperatorList() {
            return Stream.concat(
                            ALL.stream(),
                            LIBRARIES.getOperatorList().stream().filter(op -> !(op instanceof SqlFunction)
                                    || !NAMES.contains(op.getName().toUpperCase(Locale.ROOT))))
                    .toList();
        }
    };

    private TributaryFunctions() {}

    private static SqlFunction function(String name, SqlReturnTypeInference type, SqlOperandTypeChecker operands) {
        return new SqlFunction(name, SqlKind.OTHER_FUNCTION, type, null, operands, SqlFunctionCategory.USER_DEFINED_FUNCTION);
    }

    private static SqlFunction dynamic(String name, SqlReturnTypeInference type) {
        return new SqlFunction(name, SqlKind.OTHER_FUNCTION, type, null, OperandTypes.NILADIC,
                SqlFunctionCategory.TIMEDATE) {
            @Override
            public boolean isDynamicFunction() {
                return true;
            }

            @Override
            public boolean isDeterministic() {
                return false;
            }
        };
    }
}
