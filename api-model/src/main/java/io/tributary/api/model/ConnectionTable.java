package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A stored connection table, usable by name in queries. {@code consumers} counts the pipelines
 * that read or write it; while it is above zero the table cannot be deleted.
 */
public record ConnectionTable(
        String id,
        String name,
        long createdAt,
        String connector,
        Optional<ConnectionProfile> connectionProfile,
        ConnectionType tableType,
        JsonNode config,
        ConnectionSchema schema,
        int consumers) {
    public ConnectionTable {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(connector, "connector is null");
        connectionProfile = connectionProfile == null ? Optional.empty() : connectionProfile;
        requireNonNull(tableType, "table_type is null");
        requireNonNull(config, "config is null");
        requireNonNull(schema, "schema is null");
    }
}
