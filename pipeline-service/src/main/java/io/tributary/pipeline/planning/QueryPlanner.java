package io.tributary.pipeline.planning;

import io.tributary.api.model.QueryError;
import io.tributary.api.model.SourcePosition;
import io.tributary.api.model.SourceSpan;
import io.tributary.pipeline.connectors.ConnectionProfiles;
import io.tributary.pipeline.connectors.ConnectionTables;
import io.tributary.pipeline.udfs.UdfManager;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.UdfDefinition;
import io.tributary.sql.PlanOutcome;
import io.tributary.sql.PlannerOptions;
import io.tributary.sql.TributarySql;
import io.tributary.sql.diagnostic.Diagnostic;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Plans queries with the Tributary dialect, with the stored UDFs callable, and speaks of the outcome in API terms. Stored
 * connection tables the query names are declared on a first line in front of it, so diagnostics in
 * the user's text move up one line, and those on that first line are the stored tables' own.
 */
@Component
public class QueryPlanner {
    private final ConnectionTables tables;
    private final ConnectionProfiles profiles;
    private final UdfManager udfs;

    public QueryPlanner(ConnectionTables tables, ConnectionProfiles profiles, UdfManager udfs) {
        this.tables = tables;
        this.profiles = profiles;
        this.udfs = udfs;
    }

    /** What planning a query came to: a program and the stored tables it uses, or the errors that say why not. */
    public sealed interface Result {
        record Planned(LogicalProgram program, List<String> connectionTableIds) implements Result {
            public Planned {
                connectionTableIds = List.copyOf(connectionTableIds);
            }
        }

        record Failed(List<QueryError> errors) implements Result {
            public Failed {
                errors = List.copyOf(errors);
            }
        }
    }

    public Result plan(String query, int parallelism, boolean preview) {
        ConnectionTables.Prelude prelude = tables.prelude(query);
        boolean shifted = !prelude.tableIds().isEmpty();
        String text = shifted ? prelude.statements() + "\n" + query : query;
        return switch (TributarySql.plan(text, new PlannerOptions(parallelism, preview, udfs.definitions())
                .withProfiles(profiles.resolver()))) {
            case PlanOutcome.Planned planned -> classClash(planned.program())
                    .<Result>map(error -> new Result.Failed(List.of(error)))
                    .orElseGet(() -> new Result.Planned(planned.program(), prelude.tableIds()));
            case PlanOutcome.Failed failed -> new Result.Failed(failed.errors().stream()
                    .map(diagnostic -> toQueryError(diagnostic, shifted ? 1 : 0)).toList());
        };
    }

    /**
     * Two UDFs the program calls whose classes share a name: generated code names the classes it
     * calls, so a worker could not tell them apart.
     */
    private static Optional<QueryError> classClash(LogicalProgram program) {
        Map<String, String> udfByClass = new HashMap<>();
        for (UdfDefinition udf : program.getUdfsList()) {
            String other = udfByClass.putIfAbsent(udf.getClassName(), udf.getName());
            if (other != null) {
                return Optional.of(new QueryError("the UDFs '" + other + "' and '" + udf.getName()
                        + "' are both implemented by a class named " + udf.getClassName()
                        + ", which one pipeline cannot call at once: rename one of the classes (or give it a package)",
                        Optional.empty()));
            }
        }
        return Optional.empty();
    }

    static QueryError toQueryError(Diagnostic diagnostic, int linesBefore) {
        var span = diagnostic.span();
        if (span.start().line() <= linesBefore) {
            return new QueryError("in a stored connection table the query uses: " + diagnostic.message(), Optional.empty());
        }
        return new QueryError(diagnostic.message(), Optional.of(new SourceSpan(
                new SourcePosition(span.start().line() - linesBefore, span.start().column()),
                new SourcePosition(span.end().line() - linesBefore, span.end().column()))));
    }
}
