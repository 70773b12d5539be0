package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** A diagnostic about the query, located where the span says (absent when it concerns the whole query). */
public record QueryError(String message, Optional<SourceSpan> span) {
    public QueryError {
        requireNonNull(message, "message is null");
        span = span == null ? Optional.empty() : span;
    }
}
