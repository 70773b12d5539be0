package io.tributary.sql;

import static java.util.Objects.requireNonNull;

import io.tributary.sql.plan.QueryPlanner;

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
}
