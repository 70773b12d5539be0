package io.tributary.sql.catalog;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlNode;

/**
 * A column of a table. {@code type} carries nullability; {@code json} remembers that the
 * user wrote JSON, which Calcite holds as VARCHAR but connectors serialise as nested JSON;
 * {@code generatedAs} is the expression of a virtual column ({@code GENERATED ALWAYS AS}),
 * which the connector does not read: a projection after the source computes it;
 * {@code metadataKey} is the key of a column the connector fills from its metadata
 * ({@code METADATA FROM 'key'}) instead of the record.
 */
public record ColumnDefinition(String name, RelDataType type, boolean json, Optional<SqlNode> generatedAs,
        Optional<String> metadataKey) {
    public ColumnDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(generatedAs, "generatedAs is null");
        requireNonNull(metadataKey, "metadataKey is null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("column name is empty");
        }
        if (generatedAs.isPresent() && metadataKey.isPresent()) {
            throw new IllegalArgumentException("column " + name + " is either generated or read from metadata");
        }
    }

    /** A column read from the record, or generated. */
    public ColumnDefinition(String name, RelDataType type, boolean json, Optional<SqlNode> generatedAs) {
        this(name, type, json, generatedAs, Optional.empty());
    }

    public boolean generated() {
        return generatedAs.isPresent();
    }
}
