package io.tributary.sql.parser;

import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlDelegatingConformance;

/**
 * Lenient SQL (so {@code %} and {@code !=} work, as Arroyo users expect) plus unsigned
 * integer types ({@code BIGINT UNSIGNED}), which Arroyo's DDL accepts.
 */
public final class TributaryConformance extends SqlDelegatingConformance {
    public static final TributaryConformance INSTANCE = new TributaryConformance();

    private TributaryConformance() {
        super(SqlConformanceEnum.LENIENT);
    }

    @Override
    public boolean supportsUnsignedTypes() {
        return true;
    }
}
