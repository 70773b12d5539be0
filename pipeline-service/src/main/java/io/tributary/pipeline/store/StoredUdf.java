package io.tributary.pipeline.store;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** A {@code udfs} row: the source as written and where its built jar is. */
public record StoredUdf(String id, String prefix, String name, String definition, Optional<String> description,
        String artifactUrl, long createdAt, long updatedAt) {
    public StoredUdf {
        requireNonNull(id, "id is null");
        requireNonNull(prefix, "prefix is null");
        requireNonNull(name, "name is null");
        requireNonNull(definition, "definition is null");
        requireNonNull(description, "description is null");
        requireNonNull(artifactUrl, "artifactUrl is null");
    }
}
