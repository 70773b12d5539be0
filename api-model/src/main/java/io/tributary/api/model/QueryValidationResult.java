package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** The operator graph of a query that plans, or the errors of one that does not. */
public record QueryValidationResult(Optional<PipelineGraph> graph, List<QueryError> errors) {
    public QueryValidationResult {
        graph = graph == null ? Optional.empty() : graph;
        errors = List.copyOf(requireNonNull(errors, "errors is null"));
    }
}
