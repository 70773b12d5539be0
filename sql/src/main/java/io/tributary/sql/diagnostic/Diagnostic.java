package io.tributary.sql.diagnostic;

import static java.util.Objects.requireNonNull;

import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * A message for the person who wrote the query, located at what they wrote. The message is
 * plain text without the position (the span carries it) and without Java class names.
 */
public record Diagnostic(Severity severity, String message, SourceSpan span) {
    public Diagnostic {
        requireNonNull(severity, "severity is null");
        requireNonNull(message, "message is null");
        requireNonNull(span, "span is null");
        if (message.isBlank()) {
            throw new IllegalArgumentException("message is blank");
        }
    }

    public static Diagnostic error(String message, SourceSpan span) {
        return new Diagnostic(Severity.ERROR, message, span);
    }

    public static Diagnostic error(String message, SqlParserPos pos) {
        return error(message, SourceSpan.of(pos));
    }

    public static Diagnostic warning(String message, SqlParserPos pos) {
        return new Diagnostic(Severity.WARNING, message, SourceSpan.of(pos));
    }

    /** {@code line:column: message}, the form {@code tributary validate} prints. */
    @Override
    public String toString() {
        return span.start() + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
    }
}
