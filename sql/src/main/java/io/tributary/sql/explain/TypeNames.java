package io.tributary.sql.explain;

import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Field;
import java.util.stream.Collectors;

/** SQL names for program types, as users wrote them in DDL. */
public final class TypeNames {
    private TypeNames() {}

    public static String sql(DataType type) {
        return switch (type.getKind()) {
            case BOOLEAN -> "BOOLEAN";
            case INT8 -> "TINYINT";
            case INT16 -> "SMALLINT";
            case INT32 -> "INT";
            case INT64 -> "BIGINT";
            case UINT8 -> "TINYINT UNSIGNED";
            case UINT16 -> "SMALLINT UNSIGNED";
            case UINT32 -> "INT UNSIGNED";
            case UINT64 -> "BIGINT UNSIGNED";
            case FLOAT32 -> "FLOAT";
            case FLOAT64 -> "DOUBLE";
            case DECIMAL -> "DECIMAL(" + type.getPrecision() + ", " + type.getScale() + ")";
            case UTF8 -> "TEXT";
            case BINARY -> "BYTEA";
            case TIMESTAMP -> "TIMESTAMP(" + type.getPrecision() + ")";
            case DATE -> "DATE";
            case TIME -> "TIME";
            case INTERVAL -> "INTERVAL";
            case JSON -> "JSON";
            case STRUCT -> "STRUCT<" + type.getChildrenList().stream()
                    .map(TypeNames::field)
                    .collect(Collectors.joining(", ")) + ">";
            case LIST -> sql(type.getChildren(0).getType()) + "[]";
            case NULL -> "NULL";
            case TYPE_KIND_UNSPECIFIED, UNRECOGNIZED -> "?";
        };
    }

    public static String field(Field field) {
        return ExprFormatter.name(field.getName()) + " " + sql(field.getType()) + (field.getNullable() ? "" : " NOT NULL");
    }
}
