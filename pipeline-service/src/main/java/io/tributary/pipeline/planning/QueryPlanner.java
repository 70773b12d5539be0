package io.tributary.pipeline.planning;

import io.tributary.api.model.QueryError;
import io.tributary.api.model.SourcePosition;
import io.tributary.api.model.SourceSpan;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.sql.PlanOutcome;
import io.tributary.sql.PlannerOptions;
import io.tributary.sql.TributarySql;
import io.tributary.sql.diagnostic.Diagnostic;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Plans queries with the Tributary dialect and speaks of the outcome in API terms. */
@Component
public class QueryPlanner {

    /** What planning a query came to: a program, or the errors that say why not. */
    public sealed interface Result {
        record Planned(LogicalProgram program) implements Result {}

        record Failed(List<QueryError> errors) implements Result {
            public Failed {
                errors = List.copyOf(errors);
            }
        }
    }

    public Result plan(String query, int parallelism, boolean preview) {
        return switch (TributarySql.plan(query, new PlannerOptions(parallelism, preview))) {
            case PlanOutcome.Planned planned -> new Result.Planned(planned.program());
            case PlanOutcome.Failed failed -> new Result.Failed(failed.errors().stream().map(QueryPlanner::toQueryError).toList());
        };
    }

    static QueryError toQueryError(Diagnostic diagnostic) {
        var span = diagnostic.span();
        return new QueryError(diagnostic.message(), Optional.of(new SourceSpan(
                new SourcePosition(span.start().line(), span.start().column()),
                new SourcePosition(span.end().line(), span.end().column()))));
    }
}
