package io.tributary.sql.validate;

import io.tributary.sql.diagnostic.Diagnostic;
import java.util.Optional;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlWindow;

/**
 * The one use of OVER Tributary plans: top-N per window, {@code ROW_NUMBER() OVER (PARTITION BY
 * window [, keys] ORDER BY ...)} over a windowed aggregate, filtered by {@code row_num <= N} in an
 * enclosing query. Here only the call's shape is checked, where the user wrote it; the planner
 * checks that the partition is the window and that the filter exists.
 */
public final class TopNSyntax {
    public static final String OTHER_FUNCTIONS = "Window functions other than ROW_NUMBER, RANK and DENSE_RANK for top-N"
            + " per window are not supported";
    private static final java.util.Set<String> RANKING = java.util.Set.of("ROW_NUMBER", "RANK", "DENSE_RANK");
    private static final String SHAPE = "ROW_NUMBER(), RANK() and DENSE_RANK() are supported for top-N per window:"
            + " ROW_NUMBER() OVER"
            + " (PARTITION BY window [, keys] ORDER BY ...) over a windowed aggregate (Flink's form: PARTITION BY"
            + " window_start, window_end), filtered with WHERE row_num <= N in an enclosing query";

    private TopNSyntax() {}

    /** What is wrong with {@code over} (an OVER call), if anything. */
    static Optional<Diagnostic> check(SqlCall over) {
        SqlCall function = over.operand(0);
        if (!RANKING.contains(function.getOperator().getName().toUpperCase(java.util.Locale.ROOT))) {
            return Optional.of(Diagnostic.error(OTHER_FUNCTIONS + " (" + function.getOperator().getName().toUpperCase(java.util.Locale.ROOT) + ")",
                    over.getParserPosition()));
        }
        if (!(over.operand(1) instanceof SqlWindow window)) {
            return Optional.of(Diagnostic.error("OVER a named window (the WINDOW clause) is not supported; "
                    + SHAPE, over.operand(1).getParserPosition()));
        }
        if (window.getPartitionList().isEmpty() || window.getOrderList().isEmpty()) {
            return Optional.of(Diagnostic.error(SHAPE, window.getParserPosition()));
        }
        return Optional.empty();
    }
}
