package io.tributary.sql.catalog;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.function.Function;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;

/**
 * A column of a connector whose schema is fixed (impulse, nexmark). The type is built by the
 * planner's type factory, since Calcite types belong to one factory.
 */
public record FixedColumn(String name, Function<RelDataTypeFactory, RelDataType> type) {
    public FixedColumn {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }

    public ColumnDefinition define(RelDataTypeFactory typeFactory) {
        return new ColumnDefinition(name, type.apply(typeFactory), false, Optional.empty());
    }
}
