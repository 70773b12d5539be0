package io.tributary.sql.diagnostic;

import java.util.List;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Thrown inside the planner when a statement cannot be planned; carries the diagnostics the
 * user sees. Never escapes {@code TributarySql.plan}: it becomes a failed outcome.
 */
public final class PlanningException extends RuntimeException {
    private final List<Diagnostic> diagnostics;

    public PlanningException(List<Diagnostic> diagnostics) {
        super(diagnostics.isEmpty() ? "planning failed" : diagnostics.getFirst().message(), null, false, false);
        if (diagnostics.isEmpty()) {
            throw new IllegalArgumentException("a planning failure needs at least one diagnostic");
        }
        this.diagnostics = List.copyOf(diagnostics);
    }

    public PlanningException(String message, SqlParserPos pos) {
        this(List.of(Diagnostic.error(message, pos)));
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
