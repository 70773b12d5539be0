package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

import tools.jackson.databind.JsonNode;

/**
 * A stored connection profile: how to reach a system (brokers, credentials), shared by the
 * connection tables that name it. {@code config} comes back with secret fields redacted.
 */
public record ConnectionProfile(String id, String name, String connector, JsonNode config, String description) {
    public ConnectionProfile {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(connector, "connector is null");
        requireNonNull(config, "config is null");
        requireNonNull(description, "description is null");
    }
}
