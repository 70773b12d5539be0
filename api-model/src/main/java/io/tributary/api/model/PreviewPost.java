package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

public record PreviewPost(String query) {
    public PreviewPost {
        requireNonNull(query, "query is null");
    }
}
