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
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

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
  /** Per output column, the input column moved into it whole; -1 where the projector computes it. */
  private int[] moved;
  /** The output schema's fields: a moved column takes its output name (sinks write the batch's names). */
  private List<Field> outputFields;
  private boolean movesColumns;

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
    List<Field> inputFields = context.inputSchema().getFields();
    outputFields = context.outputSchema().getFields();
    // Without a filter every row is kept, so a nested column passed on unchanged can be moved whole
    // instead of copied row by row (structs and lists are the costly copies; scalars stay in the loop).
    moved = new int[outputFields.size()];
    Arrays.fill(moved, -1);
    Set<Integer> movedInputs = new HashSet<>();
    List<Expr> computed = new ArrayList<>();
    List<Field> computedFields = new ArrayList<>();
    for (int i = 0; i < projections.size(); i++) {
      Expr expr = projections.get(i);
      Field output = outputFields.get(i);
      if (condition.isEmpty() && i < outputs && expr.hasInputRef() && !output.getChildren().isEmpty()
          && sameType(inputFields.get(expr.getInputRef()), output) && movedInputs.add(expr.getInputRef())) {
        moved[i] = expr.getInputRef();
      } else {
        computed.add(expr);
        computedFields.add(output);
      }
    }
    projector = compiler.compile(context.inputSchema(), condition, computed,
        computed.size() == projections.size() ? context.outputSchema() : new Schema(computedFields));
    movesColumns = computed.size() < projections.size();
    allocator = context.allocator();
  }

  private static boolean sameType(Field input, Field output) {
    return input.getType().equals(output.getType()) && input.getChildren().equals(output.getChildren());
  }

  @Override
  public void processBatch(RecordBatch batch, Collector out) {
    RecordBatch result;
    try (batch) {
      result = movesColumns ? projectMoving(batch) : projector.project(batch, allocator);
    }
    if (result.rowCount() == 0) {
      result.close();
    } else {
      out.collect(result);
    }
  }

  /** The computed columns, with the moved ones transferred out of {@code batch} into their places. */
  private RecordBatch projectMoving(RecordBatch batch) {
    VectorSchemaRoot computed = projector.evaluate(batch.root(), allocator);
    List<FieldVector> vectors = new ArrayList<>(moved.length);
    int next = 0;
    for (int i = 0; i < moved.length; i++) {
      if (moved[i] < 0) {
        vectors.add(computed.getVector(next++));
      } else {
        TransferPair transfer = batch.root().getVector(moved[i]).getTransferPair(outputFields.get(i), allocator);
        transfer.transfer();
        vectors.add((FieldVector) transfer.getTo());
      }
    }
    return RecordBatch.of(vectors, computed.getRowCount());
  }
}
