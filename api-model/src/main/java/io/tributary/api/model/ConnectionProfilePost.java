package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/connection_profiles} (and {@code …/test}): {@code config} follows the connector's profile schema. */
public record ConnectionProfilePost(String name, String connector, JsonNode config) {
    public ConnectionProfilePost {
        requireNonNull(name, "name is null");
        requireNonNull(connector, "connector is null");
        requireNonNull(config, "config is null");
    }
}
