package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/connection_tables} (and {@code …/test}). */
public record ConnectionTablePost(
        String name,
        String connector,
        Optional<String> connectionProfileId,
        JsonNode config,
        Optional<ConnectionSchema> schema) {
    public ConnectionTablePost {
        requireNonNull(name, "name is null");
        requireNonNull(connector, "connector is null");
        connectionProfileId = connectionProfileId == null ? Optional.empty() : connectionProfileId;
        requireNonNull(config, "config is null");
        schema = schema == null ? Optional.empty() : schema;
    }
}
