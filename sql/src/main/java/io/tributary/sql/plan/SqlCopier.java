package io.tributary.sql.plan;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Deep copies of parsed SQL. Calcite's validator rewrites the tree it validates, so a view's
 * query is kept pristine and each use validates a fresh copy.
 */
final class SqlCopier extends SqlShuttle {
    private static final SqlCopier INSTANCE = new SqlCopier();

    static SqlNode copy(SqlNode node) {
        return node.accept(INSTANCE);
    }

    @Override
    public SqlNode visit(SqlCall call) {
        CallCopyingArgHandler handler = new CallCopyingArgHandler(call, true);
        call.getOperator().acceptCall(this, call, false, handler);
        return handler.result();
    }
}
