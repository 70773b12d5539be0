package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A schema written in another language, from which a table's fields are derived. */
public record SchemaDefinition(Kind type, String schema) {
    public SchemaDefinition {
        requireNonNull(type, "type is null");
        requireNonNull(schema, "schema is null");
    }

    public enum Kind {
        @JsonProperty("json_schema") JSON_SCHEMA,
        @JsonProperty("avro_schema") AVRO_SCHEMA
    }
}
