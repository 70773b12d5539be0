package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A connector Tributary can read from ({@code source}) or write to ({@code sink}), as Arroyo's
 * {@code GET /api/v1/connectors} describes it. {@code tableConfig} is a JSON Schema (draft
 * 2020-12), encoded as a string like Arroyo's, of the options a {@code CREATE TABLE … WITH (…)}
 * using this connector accepts.
 */
public record Connector(
        String id,
        String name,
        String icon,
        String description,
        String tableConfig,
        boolean enabled,
        boolean source,
        boolean sink,
        boolean customSchemas,
        boolean testing,
        boolean hidden,
        Optional<String> connectionConfig) {
    public Connector {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        icon = icon == null ? "" : icon;
        requireNonNull(description, "description is null");
        requireNonNull(tableConfig, "table_config is null");
        connectionConfig = connectionConfig == null ? Optional.empty() : connectionConfig;
    }
}
