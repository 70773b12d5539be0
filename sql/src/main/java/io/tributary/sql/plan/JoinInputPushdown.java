package io.tributary.sql.plan;

import io.tributary.sql.catalog.CatalogTable;
import io.tributary.sql.catalog.ConnectorRole;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.rules.FilterJoinRule;
import org.apache.calcite.rel.rules.ProjectJoinTransposeRule;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexVisitorImpl;

/**
 * Moves work from above a stream join to below it, so that the join keeps and emits only what the
 * query needs: it holds every row of both inputs for the whole TTL, and copies the columns of every
 * match it emits. Filters on the columns of one input move below the join into that input (Nexmark
 * q3's {@code category = 10} and {@code state IN (...)}: the join then keeps a tenth of the rows),
 * and the columns nobody reads above the join are no longer carried through it.
 *
 * <p>An INNER join also takes the filters over both inputs into its own condition. An outer join keeps
 * its ON clause as written and its type (only filters on the side that is never padded move below it;
 * filters over both sides stay above it). Joins the planner
 * recognises by the shape of their inputs are left alone: lookup joins (the right side must stay a
 * scan of the lookup table) and joins of window table functions (a side must stay a Calc over the
 * window function).
 */
final class JoinInputPushdown {
    private static final RelOptRule FILTER_INTO_INPUTS = FilterJoinRule.FilterIntoJoinRule.FilterIntoJoinRuleConfig
            .SMART_FALSE
            .withPredicate(JoinInputPushdown::evaluatedByJoin)
            .withOperandSupplier(filter -> filter.operand(Filter.class).predicate(JoinInputPushdown::movable)
                    .oneInput(join -> join.operand(Join.class).predicate(JoinInputPushdown::rewritable).anyInputs()))
            .as(FilterJoinRule.FilterIntoJoinRule.FilterIntoJoinRuleConfig.class)
            .toRule();

    private static final RelOptRule PRUNE_INPUT_COLUMNS = ProjectJoinTransposeRule.Config.DEFAULT
            .withOperandSupplier(project -> project.operand(Project.class)
                    .oneInput(join -> join.operand(Join.class).predicate(JoinInputPushdown::rewritable).anyInputs()))
            .as(ProjectJoinTransposeRule.Config.class)
            // Only columns move below the join, never expressions: what a join input computes stays as planned.
            .withPreserveExprCondition(expr -> false)
            .toRule();

    static final HepProgram PROGRAM = HepProgram.builder()
            .addMatchOrder(HepMatchOrder.TOP_DOWN)
            .addRuleCollection(List.of(FILTER_INTO_INPUTS, PRUNE_INPUT_COLUMNS))
            .build();

    private JoinInputPushdown() {}

    /**
     * Which conditions the join evaluates itself: those of its ON clause, and for an INNER join also the
     * filters over both inputs above it (Nexmark q4's {@code b.date_time BETWEEN a.date_time AND a.expires}),
     * which then no longer need every column they read carried through the join to a filter after it.
     * An outer join's filter above it must see the padded rows, so it stays there.
     */
    private static boolean evaluatedByJoin(Join join, JoinRelType type, RexNode condition) {
        return type == JoinRelType.INNER || RelOptUtil.conjunctions(join.getCondition()).contains(condition);
    }

    /**
     * Whether a filter may run elsewhere than where the query wrote it: not if it calls a function whose
     * value depends on when it runs ({@code now()}, {@code random()}), since below the join it would run
     * as rows arrive rather than as they match.
     */
    private static boolean movable(Filter filter) {
        return filter.getCondition().accept(new RexVisitorImpl<Boolean>(true) {
            @Override
            public Boolean visitCall(RexCall call) {
                if (!call.getOperator().isDeterministic() || call.getOperator().isDynamicFunction()) {
                    return false;
                }
                return call.getOperands().stream().allMatch(operand -> operand.accept(this) != Boolean.FALSE);
            }
        }) != Boolean.FALSE;
    }

    /** Whether both inputs of {@code join} may get a filter or projection of their own. */
    private static boolean rewritable(Join join) {
        return join.getInputs().stream().allMatch(JoinInputPushdown::plainInput);
    }

    private static boolean plainInput(RelNode input) {
        return switch (input.stripped()) {
            case TableFunctionScan scan -> false;
            case TableScan scan -> Optional.ofNullable(scan.getTable().unwrap(CatalogTable.class))
                    .map(table -> table.definition().role() != ConnectorRole.LOOKUP)
                    .orElse(true);
            case Project project -> plainInput(project.getInput());
            case Filter filter -> plainInput(filter.getInput());
            case Calc calc -> plainInput(calc.getInput());
            default -> true;
        };
    }
}
