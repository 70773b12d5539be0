package io.tributary.sql.plan;

import java.util.Optional;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.sql.SqlWindowTableFunction;

/**
 * A window table function (TUMBLE, HOP, SESSION, CUMULATE) over one table: its rows are the
 * table's columns, then the window's.
 *
 * @param scan the function's rel
 * @param call the function call (DESCRIPTOR and intervals, over {@code input}'s columns)
 * @param input the table it reads
 */
record WindowTableFunction(TableFunctionScan scan, RexCall call, RelNode input) {
    /** {@code rel} as a window table function, if it is one. */
    static Optional<WindowTableFunction> of(RelNode rel) {
        if (rel instanceof TableFunctionScan scan && scan.getCall() instanceof RexCall call
                && call.getOperator() instanceof SqlWindowTableFunction && scan.getInputs().size() == 1) {
            return Optional.of(new WindowTableFunction(scan, call, scan.getInputs().getFirst()));
        }
        return Optional.empty();
    }

    /** How many of its columns are the table's (the window's follow). */
    int inputColumns() {
        return input.getRowType().getFieldCount();
    }
}
