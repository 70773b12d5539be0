package io.tributary.sql.plan;

import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Uncollect;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Reads {@code t CROSS JOIN UNNEST(list)} as Calcite plans it: a Correlate whose right input is an
 * Uncollect of one expression over the correlation variable (the left row), projected from a
 * one-row Values. What the engine's unnest operator cannot do is refused here with the reason.
 */
final class UnnestPlanning {
    private UnnestPlanning() {}

    /**
     * A Correlate that unnests {@code lists} (expressions over the left input's columns; several are
     * zipped) into one element column each, of {@code elementTypes} named {@code elementNames}.
     */
    record Unnest(List<RexInputRef> lists, List<RelDataType> elementTypes, List<String> elementNames) {}

    static Unnest of(Correlate correlate) {
        if (correlate.getJoinType() != JoinRelType.INNER) {
            throw new PlanShapeException(correlate.getJoinType() + " JOIN UNNEST is not supported: UNNEST is joined with"
                    + " CROSS JOIN, and a row whose list is NULL or empty produces no rows");
        }
        if (!(correlate.getRight() instanceof Uncollect uncollect)) {
            throw new PlanShapeException("LATERAL subqueries are not supported by this version of Tributary's planner;"
                    + " only CROSS JOIN UNNEST(list) is");
        }
        if (uncollect.withOrdinality) {
            throw new PlanShapeException("UNNEST ... WITH ORDINALITY is not supported by this version of Tributary's"
                    + " planner");
        }
        List<RexNode> lists = lists(uncollect.getInput()).stream().map(list -> overLeft(list, correlate)).toList();
        for (RexNode list : lists) {
            if (!SqlTypeUtil.isArray(list.getType())) {
                throw new PlanShapeException("UNNEST needs a list (an ARRAY column, T[]), not " + list.getType());
            }
            if (!(list instanceof RexInputRef)) {
                // The engine computes no list values yet: it would fail at run time.
                throw new PlanShapeException("UNNEST of a computed list (ARRAY[...] or a function's result) is not"
                        + " supported by this version of Tributary; unnest a list column of the table");
            }
        }
        int elements = uncollect.getRowType().getFieldCount();
        if (elements != lists.size()) {
            throw new PlanShapeException("UNNEST of a list of ROWs (structs) is not supported by this version of"
                    + " Tributary's planner; unnest a list of scalar values");
        }
        List<String> names = correlate.getRowType().getFieldNames();
        return new Unnest(lists.stream().map(RexInputRef.class::cast).toList(),
                uncollect.getRowType().getFieldList().stream().map(field -> field.getType()).toList(),
                names.subList(names.size() - elements, names.size()));
    }

    /** The expressions the Uncollect unnests: a Calc or Project over the one-row Values. */
    private static List<RexNode> lists(RelNode input) {
        return switch (input) {
            case Calc calc when calc.getProgram().getCondition() == null -> {
                RexProgram program = calc.getProgram();
                yield program.getProjectList().stream().map(program::expandLocalRef).map(RexNode.class::cast).toList();
            }
            case Project project -> project.getProjects();
            default -> throw new PlanShapeException("UNNEST of " + input.getRelTypeName().replaceFirst("^Logical", "")
                    + " is not supported; unnest a list column of the table it follows: FROM t CROSS JOIN"
                    + " UNNEST(t.tags) AS u(tag)");
        };
    }

    /** {@code list} with the left row's fields ({@code $cor.field}) as input refs over the left input. */
    private static RexNode overLeft(RexNode list, Correlate correlate) {
        return list.accept(new RexShuttle() {
            @Override
            public RexNode visitFieldAccess(RexFieldAccess access) {
                if (access.getReferenceExpr() instanceof RexCorrelVariable variable
                        && variable.id.equals(correlate.getCorrelationId())) {
                    return new RexInputRef(access.getField().getIndex(), access.getType());
                }
                return super.visitFieldAccess(access);
            }

            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                // A column of the one-row Values: the list does not come from the table.
                throw new PlanShapeException("UNNEST must unnest a list of the table it follows: FROM t CROSS JOIN"
                        + " UNNEST(t.tags) AS u(tag)");
            }
        });
    }
}
