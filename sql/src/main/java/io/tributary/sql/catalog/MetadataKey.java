package io.tributary.sql.catalog;

import static java.util.Objects.requireNonNull;

import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A metadata key a source connector offers to {@code c T METADATA FROM 'key'} columns, and the
 * type such a column must declare (e.g. {@code single_file}'s {@code line}, a BIGINT).
 */
public record MetadataKey(String name, SqlTypeName type, String description) {
    public MetadataKey {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(description, "description is null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("metadata key is empty");
        }
    }
}
