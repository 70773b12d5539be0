package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

public record SourceSpan(SourcePosition start, SourcePosition end) {
    public SourceSpan {
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
    }
}
