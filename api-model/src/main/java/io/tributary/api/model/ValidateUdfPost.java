package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

/** {@code POST /api/v1/udfs/validate}. */
public record ValidateUdfPost(String definition) {
    public ValidateUdfPost {
        requireNonNull(definition, "definition is null");
    }
}
