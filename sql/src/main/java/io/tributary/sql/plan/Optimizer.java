package io.tributary.sql.plan;

import java.util.List;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.rules.CoreRules;

/**
 * Folds filters and projections into as few operators as possible (window functions aside, in a
 * Window of their own; filters and columns a stream join need not carry move below it, see
 * {@link JoinInputPushdown}): every Filter and Project
 * becomes a Calc, adjacent Calcs merge into one (a filter-then-project, exactly what a
 * projection operator runs), and Calcs that change nothing disappear. Then the columns nobody
 * reads are dropped from below window table functions ({@link WindowInputPruning}).
 */
final class Optimizer {
    private static final HepProgram PROGRAM = HepProgram.builder()
            .addMatchOrder(HepMatchOrder.BOTTOM_UP)
            // Window functions (OVER) move out of projections into a Window, which no Calc merges across.
            .addRuleInstance(CoreRules.PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW)
            // While filters and projections are still separate rels: move them below stream joins.
            .addSubprogram(JoinInputPushdown.PROGRAM)
            .addRuleCollection(List.of(CoreRules.FILTER_TO_CALC, CoreRules.PROJECT_TO_CALC))
            .addRuleInstance(AsyncUdfPlanning.CALC_MERGE)
            .addRuleInstance(CoreRules.CALC_REMOVE)
            .build();

    private Optimizer() {}

    static RelNode optimize(RelNode rel) {
        HepPlanner planner = new HepPlanner(PROGRAM);
        planner.setRoot(rel);
        return WindowInputPruning.prune(planner.findBestExp());
    }
}
