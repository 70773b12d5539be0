package io.tributary.sql.diagnostic;

import static java.util.Objects.requireNonNull;

import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * The stretch of query text a diagnostic is about. Both ends are inclusive: {@code end} is
 * the position of the last character of what the user wrote (Calcite's convention), so a
 * one-character token has {@code start.equals(end)}.
 */
public record SourceSpan(SourcePosition start, SourcePosition end) {
    public SourceSpan {
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
        if (end.compareTo(start) < 0) {
            throw new IllegalArgumentException("span ends (" + end + ") before it starts (" + start + ")");
        }
    }

    public static SourceSpan of(int startLine, int startColumn, int endLine, int endColumn) {
        SourcePosition start = new SourcePosition(Math.max(1, startLine), Math.max(1, startColumn));
        SourcePosition end = new SourcePosition(Math.max(1, endLine), Math.max(1, endColumn));
        return new SourceSpan(start, end.compareTo(start) < 0 ? start : end);
    }

    /** Calcite positions are 1-based with an inclusive end, like ours; ZERO becomes 1:1. */
    public static SourceSpan of(SqlParserPos pos) {
        return of(pos.getLineNum(), pos.getColumnNum(), pos.getEndLineNum(), pos.getEndColumnNum());
    }

    public static SourceSpan beginning() {
        return of(1, 1, 1, 1);
    }

    @Override
    public String toString() {
        return start + "-" + end;
    }
}
