package io.tributary.sql.catalog;

/** Whether a table is read from, written to, or looked up by key (the right side of a lookup join). */
public enum ConnectorRole {
    SOURCE,
    SINK,
    LOOKUP;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
