package io.tributary.api.model;

import java.util.List;
import java.util.Optional;

/**
 * What a connection table's rows look like: the {@code format} they are encoded in ({@code json},
 * {@code debezium_json}, …), and the fields, given directly, derived from a {@code definition}, or
 * left to the connector ({@code inferred}).
 */
public record ConnectionSchema(
        Optional<String> format,
        List<SourceField> fields,
        Optional<SchemaDefinition> definition,
        Optional<Boolean> inferred) {
    public ConnectionSchema {
        format = format == null ? Optional.empty() : format;
        fields = fields == null ? List.of() : List.copyOf(fields);
        definition = definition == null ? Optional.empty() : definition;
        inferred = inferred == null ? Optional.empty() : inferred;
    }

    public boolean isInferred() {
        return inferred.orElse(false);
    }
}
