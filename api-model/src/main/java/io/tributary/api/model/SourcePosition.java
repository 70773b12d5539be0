package io.tributary.api.model;

/** A 1-based line and column in the SQL text the user sent. */
public record SourcePosition(int line, int column) {
    public SourcePosition {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based, got " + line + ":" + column);
        }
    }
}
