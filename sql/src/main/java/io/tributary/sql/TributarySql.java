package io.tributary.sql;

import static java.util.Objects.requireNonNull;

import io.tributary.sql.explain.ProgramExplainer;
import io.tributary.sql.plan.QueryPlanner;
import java.util.Optional;

/**
 * Tributary's SQL front end: SQL text in, a logical program or located diagnostics out.
 *
 * <p>Thread-safe and stateless: every call plans from scratch with its own catalog, built
 * from the CREATE TABLE and CREATE VIEW statements of the query itself.
 */
public final class TributarySql {
    private TributarySql() {}

    /**
     * Plans one query: several statements separated by {@code ;}. Never throws for anything
     * the user wrote; problems come back as {@link PlanOutcome.Failed}.
     */
    public static PlanOutcome plan(String query, PlannerOptions options) {
        requireNonNull(query, "query is null");
        requireNonNull(options, "options is null");
        return QueryPlanner.plan(query, options);
    }

    /**
     * Plans like {@link #plan} and explains the program: a {@link PlanOutcome.Planned} always carries
     * {@link PlanOutcome.Planned#explanation()}, as when the query holds an EXPLAIN statement.
     */
    public static PlanOutcome explain(String query, PlannerOptions options) {
        return switch (plan(query, options)) {
            case PlanOutcome.Planned planned when planned.explanation().isEmpty() -> new PlanOutcome.Planned(
                    planned.program(), planned.warnings(), Optional.of(ProgramExplainer.explain(planned.program())));
            case PlanOutcome outcome -> outcome;
        };
    }
}
