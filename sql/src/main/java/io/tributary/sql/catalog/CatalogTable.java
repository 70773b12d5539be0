package io.tributary.sql.catalog;

import static java.util.Objects.requireNonNull;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A table as Calcite's validator sees it: its declared columns. The event-time column
 * {@code _timestamp} that every stream carries is added by the planner, not exposed to SQL.
 */
public final class CatalogTable extends AbstractTable {
    private final TableDefinition definition;

    public CatalogTable(TableDefinition definition) {
        this.definition = requireNonNull(definition, "definition is null");
    }

    public TableDefinition definition() {
        return definition;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        RelDataTypeFactory.Builder builder = typeFactory.builder();
        for (ColumnDefinition column : definition.columns()) {
            builder.add(column.name(), column.type());
        }
        return builder.build();
    }
}
