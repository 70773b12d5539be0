package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

public record PaginatedCollection<T>(List<T> data, boolean hasMore) {
    public PaginatedCollection {
        data = List.copyOf(requireNonNull(data, "data is null"));
    }
}
