package io.tributary.sql.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rel.logical.LogicalCalc;
import org.apache.calcite.rel.logical.LogicalTableFunctionScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexShuttle;

/**
 * Drops the columns nobody reads from below a window table function: a window function returns
 * every column of its table, so {@code TUMBLE(TABLE bid, ...)} over a view of seven columns carries
 * all seven to the aggregate that reads one. Calcite's column pruning does not cross table
 * functions. A Calc over a window function over a Calc becomes a Calc over the window function over
 * a Calc computing only the columns the top Calc reads (and the DESCRIPTOR's), so the projection
 * copies fewer columns and the source is told it need not parse the others (see {@link
 * SourceReads}, which looks through a window function straight over a table scan by itself: a Calc
 * there would be one more projection to run).
 */
final class WindowInputPruning extends RelHomogeneousShuttle {
    private WindowInputPruning() {}

    static RelNode prune(RelNode root) {
        return root.accept(new WindowInputPruning());
    }

    @Override
    public RelNode visit(RelNode other) {
        RelNode visited = super.visit(other);
        if (visited instanceof Calc calc) {
            Optional<WindowTableFunction> window = WindowTableFunction.of(calc.getInput());
            if (window.isPresent() && window.get().input() instanceof Calc) {
                return pruned(calc, window.get());
            }
        }
        return visited;
    }

    private static RelNode pruned(Calc calc, WindowTableFunction windowFunction) {
        TableFunctionScan window = windowFunction.scan();
        RexCall call = windowFunction.call();
        Calc input = (Calc) windowFunction.input();
        int inputCount = windowFunction.inputColumns();
        RexProgram program = calc.getProgram();
        List<RexNode> projects = program.getProjectList().stream().map(program::expandLocalRef)
                .map(RexNode.class::cast).toList();
        RexNode condition = program.getCondition() == null ? null : program.expandLocalRef(program.getCondition());
        TreeSet<Integer> used = new TreeSet<>();
        for (int index : RelOptUtil.InputFinder.bits(projects, condition)) {
            if (index < inputCount) {
                used.add(index);
            }
        }
        RelOptUtil.InputFinder.bits(call).forEach(used::add);
        if (used.size() == inputCount) {
            return calc;
        }
        int[] mapping = new int[window.getRowType().getFieldCount()];
        int next = 0;
        for (int index = 0; index < inputCount; index++) {
            mapping[index] = used.contains(index) ? next++ : -1;
        }
        for (int index = inputCount; index < mapping.length; index++) {
            mapping[index] = next++;
        }
        RexBuilder rexBuilder = calc.getCluster().getRexBuilder();
        RelNode newInput = narrowed(input, List.copyOf(used), rexBuilder);
        RexShuttle remap = new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return new RexInputRef(mapping[ref.getIndex()], ref.getType());
            }
        };
        RelDataTypeFactory.Builder rowType = calc.getCluster().getTypeFactory().builder();
        rowType.addAll(newInput.getRowType().getFieldList());
        List<RelDataTypeField> windowFields = window.getRowType().getFieldList();
        rowType.addAll(windowFields.subList(inputCount, windowFields.size()));
        RelDataType windowRowType = rowType.build();
        RelNode newWindow = LogicalTableFunctionScan.create(window.getCluster(), List.of(newInput), call.accept(remap),
                window.getElementType(), windowRowType, null);
        RexProgram newProgram = RexProgram.create(windowRowType,
                projects.stream().map(project -> project.accept(remap)).toList(),
                condition == null ? null : condition.accept(remap), calc.getRowType(), rexBuilder);
        return LogicalCalc.create(newWindow, newProgram);
    }

    /** The Calc {@code below} computing only its columns {@code kept}, in order. */
    private static RelNode narrowed(Calc below, List<Integer> kept, RexBuilder rexBuilder) {
        RelDataTypeFactory.Builder rowType = below.getCluster().getTypeFactory().builder();
        kept.forEach(index -> rowType.add(below.getRowType().getFieldList().get(index)));
        RexProgram program = below.getProgram();
        List<RexNode> projects = new ArrayList<>();
        kept.forEach(index -> projects.add(program.expandLocalRef(program.getProjectList().get(index))));
        RexNode condition = program.getCondition() == null ? null : program.expandLocalRef(program.getCondition());
        return LogicalCalc.create(below.getInput(), RexProgram.create(below.getInput().getRowType(), projects,
                condition, rowType.build(), rexBuilder));
    }
}
