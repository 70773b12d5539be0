package io.tributary.engine.expr;

import org.apache.arrow.vector.FieldVector;

/**
 * What generated expression code implements: one loop over a batch that filters rows and
 * writes the projected values of the kept rows. Public only for the generated classes.
 */
public interface ProjectionKernel {
  /**
   * Evaluates rows {@code [0, rowCount)} of {@code inputs}, writing the kept rows densely
   * into {@code outputs} (allocated for at least {@code rowCount} values).
   *
   * @return the number of rows kept
   */
  int evaluate(FieldVector[] inputs, int rowCount, FieldVector[] outputs);
}
