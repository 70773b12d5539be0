package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A field of a connection table's schema; {@code fields} are the members of a {@code struct}. */
public record SourceField(String name, FieldType type, boolean required, List<SourceField> fields) {
    public SourceField {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        fields = fields == null ? List.of() : List.copyOf(fields);
        if (name.isBlank()) {
            throw new IllegalArgumentException("a field needs a name");
        }
        if (type == FieldType.STRUCT && fields.isEmpty()) {
            throw new IllegalArgumentException("struct field '" + name + "' needs fields");
        }
    }

    public SourceField(String name, FieldType type, boolean required) {
        this(name, type, required, List.of());
    }
}
