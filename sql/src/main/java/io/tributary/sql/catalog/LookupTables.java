package io.tributary.sql.catalog;

import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Lookup tables: tables a stream is joined with by key (Arroyo's {@code CREATE TEMPORARY TABLE …
 * WITH (connector = 'redis')}), read one key at a time rather than as a stream.
 */
public final class LookupTables {
    /** Bound of a lookup join's cache, in bytes (Arroyo's option name). */
    public static final String CACHE_MAX_BYTES = "lookup.cache.max_bytes";
    /** How long a lookup join uses a cached row, an interval (Arroyo's option name). */
    public static final String CACHE_TTL = "lookup.cache.ttl";
    /**
     * The metadata a lookup table's key column is read from ({@code id TEXT METADATA FROM 'key'}):
     * the key each row was looked up by.
     */
    public static final MetadataKey KEY_METADATA =
            new MetadataKey("key", SqlTypeName.VARCHAR, "the key the row was looked up by");

    private LookupTables() {}

    /** Whether tables of {@code connector} can be lookup tables. */
    public static boolean canLookUp(ConnectorSpec connector) {
        return switch (connector.roleRule()) {
            case ConnectorSpec.RoleRule.Fixed fixed -> fixed.role() == ConnectorRole.LOOKUP;
            case ConnectorSpec.RoleRule.ByTypeOption byType -> byType.allowed().contains(ConnectorRole.LOOKUP);
        };
    }
}
