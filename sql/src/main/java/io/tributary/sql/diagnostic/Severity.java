package io.tributary.sql.diagnostic;

/** How bad a {@link Diagnostic} is: errors stop planning, warnings do not. */
public enum Severity {
    ERROR,
    WARNING
}
