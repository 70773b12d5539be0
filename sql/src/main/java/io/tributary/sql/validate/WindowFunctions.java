package io.tributary.sql.validate;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWindowTableFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * Arroyo's group windows: {@code tumble(width)}, {@code hop(slide, width)} and
 * {@code session(gap)}, written in GROUP BY (directly, or through a select-list alias or
 * ordinal). Calcite's parser reads them as its legacy group-window functions ({@code $TUMBLE}
 * ...), which need a time column; {@link WindowSyntax} swaps in these functions, which take only
 * intervals and return the window as {@code STRUCT<start TIMESTAMP, end TIMESTAMP>}. The planner
 * turns a GROUP BY on one of them into a window aggregate over the rows' {@code _timestamp};
 * they never reach the engine as expressions.
 *
 * <p>They are deliberately not in the operator table: users reach them only through the parser.
 */
public final class WindowFunctions {
    /** The window kinds of program.proto. */
    public enum Kind {
        TUMBLE, HOP, SESSION
    }

    public static final SqlFunction TUMBLE = new WindowFunction("tumble", Kind.TUMBLE, 1);
    public static final SqlFunction HOP = new WindowFunction("hop", Kind.HOP, 2);
    public static final SqlFunction SESSION = new WindowFunction("session", Kind.SESSION, 1);

    /**
     * Flink's {@code TABLE(CUMULATE(TABLE t, DESCRIPTOR(ts), step, size))}, which Calcite lacks. Its
     * operands have HOP's shape (a table, a descriptor, two intervals and an optional offset), so it
     * borrows HOP's checks and, like every window table function, adds window_start and window_end.
     */
    public static final SqlWindowTableFunction CUMULATE_TABLE =
            new SqlWindowTableFunction("CUMULATE",
                    ((SqlWindowTableFunction) SqlStdOperatorTable.HOP).getOperandTypeChecker());

    private static final int NANOSECOND_DIGITS = 9;

    private WindowFunctions() {}

    /** The kind of one of these functions. */
    public static Optional<Kind> kind(SqlOperator operator) {
        return operator instanceof WindowFunction window ? Optional.of(window.kind) : Optional.empty();
    }

    /** The function replacing one of Calcite's legacy group-window functions, if it is one. */
    static Optional<SqlFunction> replacing(SqlOperator operator) {
        if (operator == SqlStdOperatorTable.TUMBLE_OLD) {
            return Optional.of(TUMBLE);
        }
        if (operator == SqlStdOperatorTable.HOP_OLD) {
            return Optional.of(HOP);
        }
        if (operator == SqlStdOperatorTable.SESSION_OLD) {
            return Optional.of(SESSION);
        }
        return Optional.empty();
    }

    /** The window's type: {@code STRUCT<start TIMESTAMP(9) NOT NULL, end TIMESTAMP(9) NOT NULL> NOT NULL}. */
    public static RelDataType windowType(RelDataTypeFactory typeFactory) {
        RelDataType timestamp = typeFactory.createSqlType(SqlTypeName.TIMESTAMP, NANOSECOND_DIGITS);
        return typeFactory.createStructType(List.of(timestamp, timestamp), List.of("start", "end"));
    }

    /** How users write it, e.g. {@code hop(slide, width)}. */
    public static String usage(Kind kind) {
        return switch (kind) {
            case TUMBLE -> "tumble(interval '1 minute')";
            case HOP -> "hop(interval '10 seconds', interval '1 minute') (slide, then width)";
            case SESSION -> "session(interval '30 seconds')";
        };
    }

    private static final class WindowFunction extends SqlFunction {
        private final Kind kind;

        WindowFunction(String name, Kind kind, int intervals) {
            super(name.toUpperCase(Locale.ROOT), SqlKind.OTHER_FUNCTION,
                    binding -> windowType(binding.getTypeFactory()), null,
                    OperandTypes.family(java.util.Collections.nCopies(intervals, SqlTypeFamily.DATETIME_INTERVAL)),
                    SqlFunctionCategory.SYSTEM);
            this.kind = kind;
        }

        /** No lookup in the operator table (they are not there): check the operands, derive the type. */
        @Override
        public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
            for (SqlNode operand : call.getOperandList()) {
                validator.deriveType(scope, operand);
            }
            return validateOperands(validator, scope, call);
        }
    }
}
