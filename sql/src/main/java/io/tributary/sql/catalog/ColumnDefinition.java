package io.tributary.sql.catalog;

import static java.util.Objects.requireNonNull;

import org.apache.calcite.rel.type.RelDataType;

/**
 * A column of a table. {@code type} carries nullability; {@code json} remembers that the
 * user wrote JSON, which Calcite holds as VARCHAR but connectors serialise as nested JSON.
 */
public record ColumnDefinition(String name, RelDataType type, boolean json) {
    public ColumnDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("column name is empty");
        }
    }
}
