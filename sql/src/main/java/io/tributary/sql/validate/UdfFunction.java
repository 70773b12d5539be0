package io.tributary.sql.validate;

import static java.util.Objects.requireNonNull;

import io.tributary.sql.catalog.UdfDefinition;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.FamilyOperandTypeChecker;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A Java UDF as Calcite's validator sees it: operands must be of its arguments' type families
 * (an INT column may go to a BIGINT argument, which the engine widens), and the result is NULL
 * only where the UDF's Java types allow it.
 */
public final class UdfFunction extends SqlFunction {
    /** Prefix of the program's call name for a UDF, which keeps UDFs apart from built-in functions. */
    public static final String CALL_PREFIX = "UDF:";

    private final UdfDefinition definition;

    public UdfFunction(UdfDefinition definition) {
        super(requireNonNull(definition, "definition is null").name().toUpperCase(Locale.ROOT),
                SqlKind.OTHER_FUNCTION, null, null,
                ExactFamilies.of(definition),
                SqlFunctionCategory.USER_DEFINED_FUNCTION);
        this.definition = definition;
    }

    public UdfDefinition definition() {
        return definition;
    }

    /** An async UDF runs in an operator of its own, so it may only be a top-level SELECT item. */
    public boolean isAsync() {
        return definition.async().isPresent();
    }

    /** The call's name in the program: {@code UDF:} and the UDF's lower-case name. */
    public String callName() {
        return CALL_PREFIX + definition.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public RelDataType inferReturnType(SqlOperatorBinding binding) {
        boolean nullable = definition.result().nullable();
        List<UdfDefinition.UdfType> arguments = definition.arguments();
        for (int i = 0; i < arguments.size() && i < binding.getOperandCount(); i++) {
            nullable |= !arguments.get(i).nullable() && binding.getOperandType(i).isNullable();
        }
        var factory = binding.getTypeFactory();
        return factory.createTypeWithNullability(factory.createSqlType(definition.result().type()), nullable);
    }

    /**
     * Operands of the arguments' families, without Calcite's implicit coercion (which would turn
     * a TEXT column into a BIGINT argument with a cast that fails at run time, not at planning).
     */
    record ExactFamilies(FamilyOperandTypeChecker families) implements SqlOperandTypeChecker {
        /** The families of {@code definition}'s arguments. */
        static ExactFamilies of(UdfDefinition definition) {
            return new ExactFamilies(OperandTypes.family(
                    definition.arguments().stream().map(argument -> family(argument.type())).toList()));
        }

        @Override
        public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
            return families.checkOperandTypesWithoutTypeCoercion(binding, throwOnFailure);
        }

        @Override
        public SqlOperandCountRange getOperandCountRange() {
            return families.getOperandCountRange();
        }

        @Override
        public String getAllowedSignatures(SqlOperator op, String opName) {
            return families.getAllowedSignatures(op, opName);
        }
    }

    private static SqlTypeFamily family(SqlTypeName type) {
        return switch (type) {
            case BIGINT, INTEGER, SMALLINT, TINYINT -> SqlTypeFamily.INTEGER;
            case DOUBLE, REAL -> SqlTypeFamily.NUMERIC;
            case VARCHAR -> SqlTypeFamily.CHARACTER;
            case VARBINARY -> SqlTypeFamily.BINARY;
            case BOOLEAN -> SqlTypeFamily.BOOLEAN;
            default -> throw new IllegalArgumentException("a UDF cannot take " + type);
        };
    }
}
