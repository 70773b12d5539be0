package io.tributary.sql.plan;

import static java.util.Objects.requireNonNull;

import io.tributary.sql.catalog.ColumnDefinition;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * A table without a connector, {@code CREATE TABLE name (columns)}: it holds the rows of the one
 * INSERT that writes it, and every query reading it reads that INSERT's query in its place. No
 * operator stands for the table itself, so reading it twice computes the query once (operators
 * with the same id are shared).
 */
record MemoryTable(String name, List<ColumnDefinition> columns, SqlParserPos position) {
    MemoryTable {
        requireNonNull(name, "name is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        requireNonNull(position, "position is null");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a memory table declares its columns");
        }
    }

    RelDataType rowType(RelDataTypeFactory typeFactory) {
        RelDataTypeFactory.Builder builder = typeFactory.builder();
        columns.forEach(column -> builder.add(column.name(), column.type()));
        return builder.build();
    }
}
