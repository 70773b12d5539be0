package io.tributary.ui.editor;

import static java.util.Objects.requireNonNull;

import io.tributary.api.model.QueryError;
import io.tributary.api.model.SourceSpan;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/** A validation error as the editor shows it: {@code line:column message}. */
record Diagnostic(String message, Optional<SourceSpan> span) {
    Diagnostic {
        requireNonNull(message, "message is null");
        requireNonNull(span, "span is null");
    }

    static List<Diagnostic> of(List<QueryError> errors) {
        return errors.stream().map(error -> new Diagnostic(error.message(), error.span())).toList();
    }

    String text() {
        return span.map(s -> s.start().line() + ":" + s.start().column() + " " + message).orElse(message);
    }

    /** The 1-based lines the diagnostic covers; none when it concerns the whole query. */
    List<Integer> lines() {
        return span.map(s -> IntStream.rangeClosed(s.start().line(), Math.max(s.start().line(), s.end().line()))
                        .boxed()
                        .toList())
                .orElse(List.of());
    }
}
