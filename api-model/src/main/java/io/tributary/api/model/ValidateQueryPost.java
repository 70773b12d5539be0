package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

public record ValidateQueryPost(String query) {
    public ValidateQueryPost {
        requireNonNull(query, "query is null");
    }
}
