package io.tributary.sql.validate;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.runtime.CalciteException;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.util.Optionality;

/**
 * The aggregate functions of Arroyo's dialect (DataFusion's, PostgreSQL's names) beyond COUNT, SUM,
 * MIN, MAX and AVG, which Calcite's own functions cover. Defined here, rather than taken from
 * Calcite's libraries, for DataFusion's result types (statistics are DOUBLE, where Calcite keeps
 * e.g. COVAR_POP of integers an integer) and for argument errors that name the function and the
 * type the user wrote.
 *
 * <p>Each reaches the program as an AggregateCall named by {@link #engineName} (synonyms such as
 * VARIANCE and STDDEV resolved), which the engine's Accumulators implement.
 * {@code approx_percentile_cont(p) WITHIN GROUP (ORDER BY x)} is rewritten to
 * {@code approx_percentile_cont(x, p)} by the dialect normalizer.
 */
public final class TributaryAggregates {
    private TributaryAggregates() {}

    /** What an argument must be. */
    enum Argument {
        NUMERIC("a numeric"), INTEGER("an integer"), BOOLEAN("a BOOLEAN"), TEXT("a TEXT"), ANY("any"),
        /** A numeric literal between 0 and 1. */
        PERCENTILE("a percentile");

        private final String description;

        Argument(String description) {
            this.description = description;
        }

        boolean accepts(RelDataType type) {
            SqlTypeName name = type.getSqlTypeName();
            if (name == SqlTypeName.NULL || this == ANY) {
                return true;
            }
            return switch (this) {
                case NUMERIC, PERCENTILE -> SqlTypeUtil.isNumeric(type);
                case INTEGER -> SqlTypeUtil.isIntType(type);
                case BOOLEAN -> name == SqlTypeName.BOOLEAN;
                case TEXT -> SqlTypeUtil.isCharacter(type);
                case ANY -> true;
            };
        }
    }

    private static final SqlReturnTypeInference DOUBLE = ReturnTypes.DOUBLE.andThen(SqlTypeTransforms.FORCE_NULLABLE);
    private static final SqlReturnTypeInference FIRST = ReturnTypes.ARG0_FORCE_NULLABLE;

    private static final List<SqlAggFunction> STATISTICS = Stream.of(
                    "STDDEV", "STDDEV_POP", "STDDEV_SAMP", "VAR", "VARIANCE", "VAR_POP", "VAR_SAMP")
            .map(name -> aggregate(name, DOUBLE, Argument.NUMERIC))
            .toList();
    private static final List<SqlAggFunction> PAIRED = Stream.of(
                    "CORR", "COVAR_POP", "COVAR_SAMP", "REGR_SLOPE", "REGR_INTERCEPT", "REGR_R2", "REGR_AVGX",
                    "REGR_AVGY", "REGR_SXX", "REGR_SYY", "REGR_SXY")
            .map(name -> aggregate(name, DOUBLE, Argument.NUMERIC, Argument.NUMERIC))
            .toList();

    /** The aggregates Tributary defines. */
    public static final List<SqlAggFunction> FUNCTIONS = Stream.of(
            STATISTICS.stream(),
            PAIRED.stream(),
            Stream.of(
                    aggregate("REGR_COUNT", ReturnTypes.BIGINT, Argument.NUMERIC, Argument.NUMERIC),
                    aggregate("BIT_AND", FIRST, Argument.INTEGER),
                    aggregate("BIT_OR", FIRST, Argument.INTEGER),
                    aggregate("BIT_XOR", FIRST, Argument.INTEGER),
                    aggregate("BOOL_AND", ReturnTypes.BOOLEAN_FORCE_NULLABLE, Argument.BOOLEAN),
                    aggregate("BOOL_OR", ReturnTypes.BOOLEAN_FORCE_NULLABLE, Argument.BOOLEAN),
                    aggregate("MEDIAN", FIRST, Argument.NUMERIC),
                    aggregate("APPROX_MEDIAN", FIRST, Argument.NUMERIC),
                    aggregate("APPROX_PERCENTILE_CONT", FIRST, Argument.NUMERIC, Argument.PERCENTILE),
                    aggregate("APPROX_PERCENTILE_CONT_WITH_WEIGHT", FIRST,
                            Argument.NUMERIC, Argument.NUMERIC, Argument.PERCENTILE),
                    aggregate("APPROX_DISTINCT", ReturnTypes.BIGINT, Argument.ANY),
                    aggregate("ARRAY_AGG", ReturnTypes.TO_ARRAY.andThen(SqlTypeTransforms.FORCE_NULLABLE), Argument.ANY),
                    aggregate("STRING_AGG", ReturnTypes.VARCHAR.andThen(SqlTypeTransforms.FORCE_NULLABLE),
                            Argument.TEXT, Argument.TEXT),
                    aggregate("FIRST_VALUE", FIRST, Argument.ANY),
                    aggregate("LAST_VALUE", FIRST, Argument.ANY)))
            .flatMap(s -> s)
            .toList();

    /** Functions that see NULL arguments (the others skip rows where an argument is NULL). */
    public static final Set<String> KEEP_NULLS = Set.of("ARRAY_AGG", "FIRST_VALUE", "LAST_VALUE");

    private static final Map<String, String> SYNONYMS = Map.of(
            "VAR", "VAR_SAMP", "VARIANCE", "VAR_SAMP", "STDDEV", "STDDEV_SAMP");

    /** Every aggregate the engine computes, by the names users write. */
    public static final Set<String> NAMES = Stream.concat(
                    Stream.of("COUNT", "SUM", "MIN", "MAX", "AVG"),
                    FUNCTIONS.stream().map(SqlOperator::getName))
            .collect(Collectors.toUnmodifiableSet());

    /** Tributary's aggregate called {@code name}, if it defines one. */
    public static java.util.Optional<SqlAggFunction> lookup(String name) {
        return FUNCTIONS.stream().filter(f -> f.getName().equalsIgnoreCase(name)).findFirst();
    }

    /** The name of the engine's aggregate for a function users call by {@code name}. */
    public static String engineName(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return SYNONYMS.getOrDefault(upper, upper);
    }

    /** How many leading arguments are the values aggregated (the rest are parameters: percentile, separator). */
    public static int valueArguments(String engineName) {
        return switch (engineName) {
            case "APPROX_PERCENTILE_CONT", "STRING_AGG" -> 1;
            case "APPROX_PERCENTILE_CONT_WITH_WEIGHT" -> 2;
            default -> Integer.MAX_VALUE;
        };
    }

    private static SqlAggFunction aggregate(String name, SqlReturnTypeInference type, Argument... arguments) {
        return new SqlAggFunction(name, null, SqlKind.OTHER_FUNCTION, type, null, new Operands(arguments),
                SqlFunctionCategory.USER_DEFINED_FUNCTION, false, false, Optionality.FORBIDDEN) {
        };
    }

    /** Checks arguments one by one, failing with the function, the argument and the type written. */
    private record Operands(Argument... arguments) implements SqlOperandTypeChecker {
        @Override
        public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
            String function = binding.getOperator().getName().toLowerCase(Locale.ROOT);
            for (int i = 0; i < arguments.length; i++) {
                RelDataType type = binding.getOperandType(i);
                SqlNode operand = binding.operand(i);
                // The validator qualified column names; show the name as written.
                String written = operand instanceof org.apache.calcite.sql.SqlIdentifier identifier
                        ? identifier.names.getLast()
                        : operand.toString();
                boolean ok = arguments[i].accepts(type);
                if (ok && arguments[i] == Argument.PERCENTILE) {
                    BigDecimal p = binding.isOperandLiteral(i, false)
                            ? binding.getOperandLiteralValue(i, BigDecimal.class)
                            : null;
                    ok = p != null && p.signum() >= 0 && p.compareTo(BigDecimal.ONE) <= 0;
                }
                if (!ok) {
                    if (!throwOnFailure) {
                        return false;
                    }
                    String message = arguments[i] == Argument.PERCENTILE
                            ? function + " needs a constant percentile between 0 and 1 as argument " + (i + 1)
                                    + ", not '" + written + "'"
                            : function + " cannot take " + typeName(type) + " argument '" + written + "'; it takes "
                                    + arguments[i].description + " argument"
                                    + (arguments.length > 1 ? " in position " + (i + 1) : "");
                    SqlParserPos pos = operand.getParserPosition();
                    throw new CalciteContextException(message, new CalciteException(message, null),
                            pos.getLineNum(), pos.getColumnNum(), pos.getEndLineNum(), pos.getEndColumnNum());
                }
            }
            return true;
        }

        private static String typeName(RelDataType type) {
            return switch (type.getSqlTypeName()) {
                case CHAR, VARCHAR -> "TEXT";
                case BINARY, VARBINARY -> "BYTEA";
                default -> type.getSqlTypeName().getName();
            };
        }

        @Override
        public SqlOperandCountRange getOperandCountRange() {
            return SqlOperandCountRanges.of(arguments.length);
        }

        @Override
        public String getAllowedSignatures(SqlOperator op, String opName) {
            return opName + "(" + Arrays.stream(arguments)
                    .map(argument -> "<" + argument.name() + ">")
                    .collect(Collectors.joining(", ")) + ")";
        }
    }
}
