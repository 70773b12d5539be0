package io.tributary.sql.validate;

import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's type system adjusted to the engine: timestamps and times to the nanosecond (the
 * engine stores Arrow TimeStampNano), decimals up to 38 digits (Arrow Decimal128), and string
 * literals of different lengths combining to VARCHAR rather than blank-padded CHAR.
 */
public final class TributaryTypeSystem extends RelDataTypeSystemImpl {
    public static final TributaryTypeSystem INSTANCE = new TributaryTypeSystem();

    private static final int NANOSECOND_DIGITS = 9;
    private static final int DECIMAL128_DIGITS = 38;

    private TributaryTypeSystem() {}

    @Override
    public int getMaxPrecision(SqlTypeName typeName) {
        return switch (typeName) {
            case TIMESTAMP, TIME -> NANOSECOND_DIGITS;
            case DECIMAL -> DECIMAL128_DIGITS;
            default -> super.getMaxPrecision(typeName);
        };
    }

    @Override
    public int getMaxScale(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? DECIMAL128_DIGITS : super.getMaxScale(typeName);
    }

    @Override
    public int getDefaultPrecision(SqlTypeName typeName) {
        return switch (typeName) {
            case TIMESTAMP, TIME -> NANOSECOND_DIGITS;
            default -> super.getDefaultPrecision(typeName);
        };
    }

    /**
     * AVG of integers or floating point numbers is a DOUBLE, as in Arroyo (DataFusion), rather
     * than Calcite's default of the argument's type (which truncates integer averages).
     */
    @Override
    public org.apache.calcite.rel.type.RelDataType deriveAvgAggType(
            org.apache.calcite.rel.type.RelDataTypeFactory typeFactory, org.apache.calcite.rel.type.RelDataType argumentType) {
        if (SqlTypeName.INT_TYPES.contains(argumentType.getSqlTypeName())
                || SqlTypeName.APPROX_TYPES.contains(argumentType.getSqlTypeName())
                || SqlTypeName.UNSIGNED_TYPES.contains(argumentType.getSqlTypeName())) {
            return typeFactory.createTypeWithNullability(
                    typeFactory.createSqlType(SqlTypeName.DOUBLE), argumentType.isNullable());
        }
        return super.deriveAvgAggType(typeFactory, argumentType);
    }

    @Override
    public boolean shouldConvertRaggedUnionTypesToVarying() {
        return true;
    }
}
