package io.tributary.sql.catalog;

import static java.util.Objects.requireNonNull;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * A view: its query as parsed (never the validator's rewritten copy, since every use
 * validates it afresh) and the row type it was found to have when created.
 */
public record ViewDefinition(String name, SqlNode query, RelDataType rowType, SqlParserPos position) {
    public ViewDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(query, "query is null");
        requireNonNull(rowType, "rowType is null");
        requireNonNull(position, "position is null");
    }
}
