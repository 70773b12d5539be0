package io.tributary.pipeline.store;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A {@code connection_tables} row: {@code config} and {@code schema} are JSON text;
 * {@code consumers} is how many pipelines use it (computed when read, not stored).
 */
public record StoredTable(String id, String name, String connector, Optional<String> profileId, String tableType,
        String config, String schema, long createdAt, int consumers) {
    public StoredTable {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(connector, "connector is null");
        requireNonNull(profileId, "profileId is null");
        requireNonNull(tableType, "tableType is null");
        requireNonNull(config, "config is null");
        requireNonNull(schema, "schema is null");
    }
}
