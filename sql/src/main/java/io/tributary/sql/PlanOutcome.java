package io.tributary.sql;

import static java.util.Objects.requireNonNull;

import io.tributary.proto.program.LogicalProgram;
import io.tributary.sql.diagnostic.Diagnostic;
import io.tributary.sql.diagnostic.Severity;
import java.util.List;
import java.util.Optional;

/** What planning a query gave: a program (perhaps with warnings) or the errors that stopped it. */
public sealed interface PlanOutcome {
    /** All diagnostics, errors and warnings, in the order they were found. */
    List<Diagnostic> diagnostics();

    /**
     * A planned query.
     *
     * @param explanation the dataflow as text (operators, keys, edges, watermarks, state) when the
     *     query holds an EXPLAIN statement or was planned with {@link TributarySql#explain}
     */
    record Planned(LogicalProgram program, List<Diagnostic> warnings, Optional<String> explanation)
            implements PlanOutcome {
        public Planned {
            requireNonNull(program, "program is null");
            requireNonNull(explanation, "explanation is null");
            warnings = List.copyOf(requireNonNull(warnings, "warnings is null"));
            if (warnings.stream().anyMatch(d -> d.severity() != Severity.WARNING)) {
                throw new IllegalArgumentException("a planned query carries only warnings");
            }
        }

        public Planned(LogicalProgram program, List<Diagnostic> warnings) {
            this(program, warnings, Optional.empty());
        }

        @Override
        public List<Diagnostic> diagnostics() {
            return warnings;
        }
    }

    record Failed(List<Diagnostic> errors) implements PlanOutcome {
        public Failed {
            errors = List.copyOf(requireNonNull(errors, "errors is null"));
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("a failed plan needs at least one diagnostic");
            }
        }

        @Override
        public List<Diagnostic> diagnostics() {
            return errors;
        }
    }
}
