package io.tributary.sql.diagnostic;

/** A place in the query text: 1-based line and 1-based column (in UTF-16 code units). */
public record SourcePosition(int line, int column) implements Comparable<SourcePosition> {
    public SourcePosition {
        if (line < 1) {
            throw new IllegalArgumentException("line must be at least 1: " + line);
        }
        if (column < 1) {
            throw new IllegalArgumentException("column must be at least 1: " + column);
        }
    }

    @Override
    public int compareTo(SourcePosition other) {
        return line != other.line ? Integer.compare(line, other.line) : Integer.compare(column, other.column);
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
