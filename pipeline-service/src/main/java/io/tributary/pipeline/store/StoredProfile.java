package io.tributary.pipeline.store;

import static java.util.Objects.requireNonNull;

/** A {@code connection_profiles} row; {@code config} is JSON text with secret fields encrypted. */
public record StoredProfile(String id, String name, String connector, String config, String description, long createdAt) {
    public StoredProfile {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(connector, "connector is null");
        requireNonNull(config, "config is null");
        requireNonNull(description, "description is null");
    }
}
