package io.tributary.engine.operator.window;

/**
 * The running state of one aggregate for one (key, window). Values arrive boxed (as
 * {@link io.tributary.engine.batch.VectorValues} reads them); NULL is {@code null}.
 */
public interface Accumulator {
  void add(Object value);

  /**
   * Removes a value added earlier (updating aggregates). Only accumulators from
   * {@link Accumulators#retractable} support it; retracting a value that was never added leaves
   * the result undefined (MIN, MAX and DISTINCT ignore it).
   */
  default void retract(Object value) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot retract values");
  }

  /** Folds in another accumulator of the same aggregate (session windows merging). */
  void merge(Accumulator other);

  /** The aggregate's value so far, boxed for the result type; {@code null} for SQL NULL. */
  Object result();

  /**
   * The running state, as values {@link io.tributary.engine.state.StateCodec} encodes, for
   * checkpoints; what {@link #restoreState} of a fresh accumulator of the same aggregate takes.
   */
  Object state();

  /** Sets this fresh accumulator to a {@link #state} of the same aggregate. */
  void restoreState(Object state);
}
