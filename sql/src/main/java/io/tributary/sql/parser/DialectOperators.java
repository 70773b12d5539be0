package io.tributary.sql.parser;

import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.ReturnTypes;

/**
 * Operators the grammar produces that Calcite has no equivalent for. They live only between
 * parsing and {@link DialectNormalizer}, which turns each into the function it means.
 */
public final class DialectOperators {
    /**
     * Between comparisons (30) and additive operators (40), as PostgreSQL places its "other"
     * operators (Calcite wants an even number): {@code j -> 'a' = 'x'} compares the member,
     * {@code j -> 1 + 1} reads element 2.
     */
    private static final int JSON_PRECEDENCE = 36;

    /** {@code json -> key}: the member (or, for an integer key, the array element) as JSON text. */
    public static final SqlBinaryOperator JSON_ARROW = jsonOperator("->");

    /** {@code json ->> key}: the member (or array element) as text. */
    public static final SqlBinaryOperator JSON_TEXT_ARROW = jsonOperator("->>");

    private DialectOperators() {}

    private static SqlBinaryOperator jsonOperator(String name) {
        return new SqlBinaryOperator(name, SqlKind.OTHER, JSON_PRECEDENCE, true,
                ReturnTypes.VARCHAR_FORCE_NULLABLE, null, null);
    }
}
