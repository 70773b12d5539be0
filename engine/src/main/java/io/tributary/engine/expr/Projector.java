package io.tributary.engine.expr;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.batch.RecordBatch;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Compiled filter and projections for one input schema. Instances hold per-kernel state
 * (compiled LIKE patterns, constants) and are meant for one thread.
 */
public final class Projector {
  private final ProjectionKernel kernel;
  private final Schema outputSchema;

  Projector(ProjectionKernel kernel, Schema outputSchema) {
    this.kernel = requireNonNull(kernel, "kernel is null");
    this.outputSchema = requireNonNull(outputSchema, "outputSchema is null");
  }

  public Schema outputSchema() {
    return outputSchema;
  }

  /**
   * Evaluates over all rows of {@code input} (which stays open and owned by the caller),
   * returning a root of the output schema holding the kept rows.
   */
  public VectorSchemaRoot evaluate(VectorSchemaRoot input, BufferAllocator allocator) {
    int rows = input.getRowCount();
    VectorSchemaRoot output = VectorSchemaRoot.create(outputSchema, allocator);
    try {
      List<FieldVector> outputs = output.getFieldVectors();
      for (FieldVector vector : outputs) {
        vector.setInitialCapacity(Math.max(rows, 1));
        vector.allocateNew();
      }
      FieldVector[] in = input.getFieldVectors().toArray(new FieldVector[0]);
      FieldVector[] out = outputs.toArray(new FieldVector[0]);
      int kept = kernel.evaluate(in, rows, out);
      for (FieldVector vector : outputs) {
        vector.setValueCount(kept);
      }
      output.setRowCount(kept);
      return output;
    } catch (RuntimeException | Error e) {
      output.close();
      throw e;
    }
  }

  /** As {@link #evaluate}, for an output schema ending with {@code _timestamp}. */
  public RecordBatch project(RecordBatch input, BufferAllocator allocator) {
    return RecordBatch.of(evaluate(input.root(), allocator));
  }
}
