package io.tributary.sql.catalog;

/** Whether a table is read from or written to. */
public enum ConnectorRole {
    SOURCE,
    SINK;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
