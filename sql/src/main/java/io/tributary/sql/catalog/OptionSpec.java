package io.tributary.sql.catalog;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/** An option a connector understands in the WITH clause. */
public record OptionSpec(String name, boolean required, OptionKind kind, Set<String> allowedValues) {
    public OptionSpec {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        allowedValues = Set.copyOf(requireNonNull(allowedValues, "allowedValues is null"));
    }

    public static OptionSpec required(String name, OptionKind kind) {
        return new OptionSpec(name, true, kind, Set.of());
    }

    public static OptionSpec optional(String name, OptionKind kind) {
        return new OptionSpec(name, false, kind, Set.of());
    }

    public static OptionSpec oneOf(String name, boolean required, String... values) {
        return new OptionSpec(name, required, OptionKind.TEXT, Set.of(values));
    }

    /** How a value is checked at planning time; connectors still receive the text. */
    public enum OptionKind {
        TEXT,
        POSITIVE_NUMBER,
        NON_NEGATIVE_INTEGER,
        DURATION_MICROS,
        COLUMN_NAME
    }
}
