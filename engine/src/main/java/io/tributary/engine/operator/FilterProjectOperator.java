package io.tributary.engine.operator;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.expr.ExpressionCompiler;
import io.tributary.engine.expr.Projector;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Expr;
import io.tributary.proto.program.ProjectionOperator;
import io.tributary.proto.program.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Filter then project ({@code ProjectionOperator}): one generated loop per batch keeps the
 * rows matching the condition and computes the output columns; {@code _timestamp} is carried
 * through as the last column, or computed when the spec gives its expression.
 */
public final class FilterProjectOperator implements Operator {
  private final ProjectionOperator spec;
  private final ExpressionCompiler compiler;
  private Projector projector;
  private BufferAllocator allocator;

  public FilterProjectOperator(ProjectionOperator spec, ExpressionCompiler compiler) {
    this.spec = requireNonNull(spec, "spec is null");
    this.compiler = requireNonNull(compiler, "compiler is null");
  }

  @Override
  public void open(OperatorContext context) {
    int timestampIndex = context.inputSchema().getFields().size() - 1;
    int outputs = context.outputSchema().getFields().size() - 1;
    if (spec.getProjectionsCount() != outputs) {
      throw new IllegalArgumentException(
          "projection has " + spec.getProjectionsCount() + " expressions but its output schema "
              + "has " + outputs + " columns before _timestamp");
    }
    List<Expr> projections = new ArrayList<>(spec.getProjectionsList());
    projections.add(
        spec.hasTimestamp()
            ? spec.getTimestamp()
            : Expr.newBuilder()
                .setType(DataType.newBuilder().setKind(TypeKind.TIMESTAMP))
                .setInputRef(timestampIndex)
                .build());
    Optional<Expr> condition = spec.hasCondition() ? Optional.of(spec.getCondition()) : Optional.empty();
    projector = compiler.compile(context.inputSchema(), condition, projections, context.outputSchema());
    allocator = context.allocator();
  }

  @Override
  public void processBatch(RecordBatch batch, Collector out) {
    RecordBatch result;
    try (batch) {
      result = projector.project(batch, allocator);
    }
    if (result.rowCount() == 0) {
      result.close();
    } else {
      out.collect(result);
    }
  }
}
