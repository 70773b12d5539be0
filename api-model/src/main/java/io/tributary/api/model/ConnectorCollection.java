package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** Arroyo's answer to {@code GET /api/v1/connectors}: every connector, unpaginated. */
public record ConnectorCollection(List<Connector> data) {
    public ConnectorCollection {
        data = List.copyOf(requireNonNull(data, "data is null"));
    }
}
