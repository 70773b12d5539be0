package io.tributary.ui.editor;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.model.QueryError;
import io.tributary.api.model.SourcePosition;
import io.tributary.api.model.SourceSpan;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DiagnosticTest {
    @Test
    void locatedErrorsReadLineColonColumnThenMessage() {
        List<Diagnostic> diagnostics = Diagnostic.of(List.of(
                new QueryError("Unknown table 'clickz'", Optional.of(span(3, 14, 4, 2))),
                new QueryError("The query has no sink", Optional.empty())));

        assertThat(diagnostics).extracting(Diagnostic::text)
                .containsExactly("3:14 Unknown table 'clickz'", "The query has no sink");
        assertThat(diagnostics).extracting(Diagnostic::lines)
                .containsExactly(List.of(3, 4), List.of());
    }

    @Test
    void aSpanEndingBeforeItStartsCoversItsStartLine() {
        Diagnostic diagnostic = new Diagnostic("odd", Optional.of(span(5, 1, 2, 1)));

        assertThat(diagnostic.lines()).containsExactly(5);
    }

    private static SourceSpan span(int line, int column, int endLine, int endColumn) {
        return new SourceSpan(new SourcePosition(line, column), new SourcePosition(endLine, endColumn));
    }
}
