package io.tributary.bench.jmh;

import io.tributary.engine.batch.ArrowTypes;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.Node;
import io.tributary.proto.program.Operator;
import io.tributary.sql.PlanOutcome;
import io.tributary.sql.PlannerOptions;
import io.tributary.sql.TributarySql;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Operators as the planner makes them for a query, so that a benchmark measures the
 * configuration users get rather than a hand-built one.
 */
final class PlannedOperators {
  private final List<Operator> operators = new ArrayList<>();

  private PlannedOperators(LogicalProgram program) {
    for (Node node : program.getNodesList()) {
      operators.addAll(node.getOperatorsList());
    }
  }

  static PlannedOperators of(String query) {
    return switch (TributarySql.plan(query, new PlannerOptions(1, false))) {
      case PlanOutcome.Planned planned -> new PlannedOperators(planned.program());
      case PlanOutcome.Failed failed -> throw new IllegalArgumentException("the benchmark query does not plan: "
          + failed.errors());
    };
  }

  /** The first operator the predicate accepts, in dataflow order. */
  Operator first(Predicate<Operator> kind) {
    return operators.stream().filter(kind).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("the benchmark query has no such operator: " + operators));
  }

  /** The schema the operator before {@code operator} emits: what {@code operator} reads. */
  Schema inputOf(Operator operator) {
    int index = operators.indexOf(operator);
    if (index <= 0) {
      throw new IllegalArgumentException("operator " + operator.getOperatorId() + " has no input in this query");
    }
    return ArrowTypes.toArrow(operators.get(index - 1).getOutputSchema());
  }

  static Schema outputOf(Operator operator) {
    return ArrowTypes.toArrow(operator.getOutputSchema());
  }
}
