package io.tributary.sql.validate;

import java.util.Optional;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Rewrites, in place and before validation, Arroyo's group windows into what the validator
 * can check (see {@link WindowFunctions}):
 * <ul>
 *   <li>{@code tumble(...)}, {@code hop(...)} and {@code session(...)}, which Calcite parses
 *       as its legacy group-window functions, become {@link WindowFunctions}' functions;
 *   <li>in a SELECT grouped directly by a window ({@code GROUP BY tumble(...), k}), a select
 *       item that is just {@code window} becomes {@code tumble(...) AS window}, the form Arroyo
 *       users write when they do not alias the window in the select list.
 * </ul>
 */
public final class WindowSyntax extends SqlBasicVisitor<Void> {
    /** The name Arroyo gives the window column. */
    public static final String WINDOW_COLUMN = "window";

    private static final WindowSyntax INSTANCE = new WindowSyntax();

    private WindowSyntax() {}

    public static void rewrite(SqlNode node) {
        if (node != null) {
            node.accept(INSTANCE);
        }
    }

    @Override
    public Void visit(SqlCall call) {
        if (call instanceof SqlBasicCall basic) {
            WindowFunctions.replacing(basic.getOperator()).ifPresent(basic::setOperator);
        }
        super.visit(call);
        if (call instanceof SqlSelect select) {
            expandWindowColumn(select);
        }
        return null;
    }

    private static void expandWindowColumn(SqlSelect select) {
        Optional<SqlCall> window = directGroupWindow(select.getGroup());
        SqlNodeList items = select.getSelectList();
        if (window.isEmpty() || items == null) {
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof SqlIdentifier id && id.isSimple()
                    && id.getSimple().equalsIgnoreCase(WINDOW_COLUMN)) {
                SqlCall copy = window.get().getOperator().createCall(
                        window.get().getFunctionQuantifier(), id.getParserPosition(), window.get().getOperandList());
                items.set(i, SqlStdOperatorTable.AS.createCall(id.getParserPosition(), copy, id));
            }
        }
    }

    private static Optional<SqlCall> directGroupWindow(SqlNodeList group) {
        if (group == null) {
            return Optional.empty();
        }
        for (SqlNode item : group) {
            if (item instanceof SqlCall call && WindowFunctions.kind(call.getOperator()).isPresent()) {
                return Optional.of(call);
            }
        }
        return Optional.empty();
    }
}
