package io.tributary.sql.parser;

import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.OperandTypes;
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

    /**
     * Arroyo's {@code unnest(list)} as a select item: the list's elements, one row each. No
     * validator knows it; {@code UnnestSyntax} rewrites it into {@code CROSS JOIN UNNEST(list)}.
     */
    public static final SqlFunction UNNEST = new SqlFunction("UNNEST", SqlKind.OTHER_FUNCTION,
            ReturnTypes.ARG0, null, OperandTypes.ANY, SqlFunctionCategory.SYSTEM);

    private DialectOperators() {}

    private static SqlBinaryOperator jsonOperator(String name) {
        return new SqlBinaryOperator(name, SqlKind.OTHER, JSON_PRECEDENCE, true,
                ReturnTypes.VARCHAR_FORCE_NULLABLE, null, null);
    }
}
