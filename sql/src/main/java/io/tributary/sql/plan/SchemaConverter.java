package io.tributary.sql.plan;

import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Field;
import io.tributary.proto.program.Schema;
import io.tributary.proto.program.TypeKind;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;

/** Calcite types to the program's types (the TypeKind mapping of program.proto). */
public final class SchemaConverter {
    /** Name of the event-time column every stream carries last. */
    public static final String TIMESTAMP_FIELD = "_timestamp";

    /**
     * Name of the column that makes a stream updating (program.proto, "Updating streams"): BOOLEAN,
     * not null, immediately before {@code _timestamp}; true for a row that retracts an earlier one.
     */
    public static final String RETRACT_FIELD = "_is_retract";

    private static final int NANOSECOND_DIGITS = 9;

    public static Field retractField() {
        return Field.newBuilder()
                .setName(RETRACT_FIELD)
                .setType(DataType.newBuilder().setKind(TypeKind.BOOLEAN))
                .setNullable(false)
                .build();
    }

    /** Whether rows of {@code schema} form an updating stream: {@code _is_retract} right before {@code _timestamp}. */
    public static boolean isUpdating(Schema schema) {
        int count = schema.getFieldsCount();
        return count >= 2 && schema.getFields(count - 2).getName().equals(RETRACT_FIELD)
                && schema.getFields(count - 1).getName().equals(TIMESTAMP_FIELD);
    }

    /** {@code schema} (which ends with {@code _timestamp}) with {@code _is_retract} inserted before {@code _timestamp}. */
    public static Schema withRetract(Schema schema) {
        int count = schema.getFieldsCount();
        return schema.toBuilder().addFields(count - 1, retractField()).build();
    }

    private SchemaConverter() {}

    public static Field timestampField() {
        return Field.newBuilder()
                .setName(TIMESTAMP_FIELD)
                .setType(DataType.newBuilder().setKind(TypeKind.TIMESTAMP).setPrecision(NANOSECOND_DIGITS))
                .setNullable(false)
                .build();
    }

    /** The stream schema of rows of {@code rowType}: its fields, then {@code _timestamp}. */
    public static Schema streamSchema(RelDataType rowType, List<String> names) {
        Schema.Builder schema = Schema.newBuilder();
        List<RelDataTypeField> fields = rowType.getFieldList();
        for (int i = 0; i < fields.size(); i++) {
            schema.addFields(field(names.get(i), fields.get(i).getType()));
        }
        return schema.addFields(timestampField()).build();
    }

    public static Schema streamSchema(RelDataType rowType) {
        return streamSchema(rowType, rowType.getFieldNames());
    }

    public static Field field(String name, RelDataType type) {
        return Field.newBuilder()
                .setName(name)
                .setType(dataType(type))
                .setNullable(type.isNullable())
                .build();
    }

    public static DataType dataType(RelDataType type) {
        DataType.Builder builder = DataType.newBuilder();
        switch (type.getSqlTypeName()) {
            case BOOLEAN -> builder.setKind(TypeKind.BOOLEAN);
            case TINYINT -> builder.setKind(TypeKind.INT8);
            case SMALLINT -> builder.setKind(TypeKind.INT16);
            case INTEGER -> builder.setKind(TypeKind.INT32);
            case BIGINT -> builder.setKind(TypeKind.INT64);
            case UTINYINT -> builder.setKind(TypeKind.UINT8);
            case USMALLINT -> builder.setKind(TypeKind.UINT16);
            case UINTEGER -> builder.setKind(TypeKind.UINT32);
            case UBIGINT -> builder.setKind(TypeKind.UINT64);
            case REAL -> builder.setKind(TypeKind.FLOAT32);
            // Calcite's FLOAT is a synonym of DOUBLE; the dialect maps the user's FLOAT to REAL.
            case FLOAT, DOUBLE -> builder.setKind(TypeKind.FLOAT64);
            case DECIMAL -> builder.setKind(TypeKind.DECIMAL)
                    .setPrecision(type.getPrecision())
                    .setScale(type.getScale());
            case CHAR, VARCHAR -> builder.setKind(TypeKind.UTF8);
            case BINARY, VARBINARY -> builder.setKind(TypeKind.BINARY);
            case TIMESTAMP -> builder.setKind(TypeKind.TIMESTAMP).setPrecision(type.getPrecision());
            case DATE -> builder.setKind(TypeKind.DATE);
            case TIME -> builder.setKind(TypeKind.TIME).setPrecision(type.getPrecision());
            case INTERVAL_YEAR, INTERVAL_YEAR_MONTH, INTERVAL_MONTH, INTERVAL_DAY, INTERVAL_DAY_HOUR,
                    INTERVAL_DAY_MINUTE, INTERVAL_DAY_SECOND, INTERVAL_HOUR, INTERVAL_HOUR_MINUTE,
                    INTERVAL_HOUR_SECOND, INTERVAL_MINUTE, INTERVAL_MINUTE_SECOND, INTERVAL_SECOND ->
                    builder.setKind(TypeKind.INTERVAL);
            case NULL -> builder.setKind(TypeKind.NULL);
            case ROW -> {
                builder.setKind(TypeKind.STRUCT);
                for (RelDataTypeField child : type.getFieldList()) {
                    builder.addChildren(field(child.getName(), child.getType()));
                }
            }
            case ARRAY, MULTISET -> builder.setKind(TypeKind.LIST)
                    .addChildren(field("item", type.getComponentType()));
            default -> throw new UnsupportedTypeException(type);
        }
        return builder.build();
    }

    /** A Calcite type the program has no TypeKind for. */
    public static final class UnsupportedTypeException extends IllegalArgumentException {
        public UnsupportedTypeException(RelDataType type) {
            super("The type " + type.getFullTypeString().replace(" NOT NULL", "")
                    + " is not supported by this version of Tributary's planner");
        }
    }
}
