package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** {@code POST /api/v1/udfs}: Java source of a class with one {@code @Udf} static method. */
public record UdfPost(String prefix, String definition, Optional<String> description) {
    public UdfPost {
        prefix = prefix == null ? "" : prefix;
        requireNonNull(definition, "definition is null");
        description = description == null ? Optional.empty() : description;
    }
}
