package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** A stored UDF; {@code dylibUrl} (Arroyo's name) is where its compiled jar is kept. */
public record GlobalUdf(
        String id,
        String prefix,
        String name,
        long createdAt,
        long updatedAt,
        String definition,
        Optional<String> description,
        String dylibUrl) {
    public GlobalUdf {
        requireNonNull(id, "id is null");
        requireNonNull(prefix, "prefix is null");
        requireNonNull(name, "name is null");
        requireNonNull(definition, "definition is null");
        description = description == null ? Optional.empty() : description;
        requireNonNull(dylibUrl, "dylib_url is null");
    }
}
