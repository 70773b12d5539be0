package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What compiling a UDF came to: its name when valid; otherwise {@code errors} as Arroyo gives them
 * (text, here {@code line:column: message}) and the same as {@code diagnostics} with spans.
 * {@code dependencies} are the Maven coordinates its header comment declares.
 */
public record UdfValidationResult(
        Optional<String> udfName, List<String> errors, List<QueryError> diagnostics, List<String> dependencies) {
    public UdfValidationResult {
        udfName = udfName == null ? Optional.empty() : udfName;
        errors = List.copyOf(requireNonNull(errors, "errors is null"));
        diagnostics = diagnostics == null ? List.of() : List.copyOf(diagnostics);
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
    }
}
