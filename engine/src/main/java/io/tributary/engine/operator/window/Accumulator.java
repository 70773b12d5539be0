package io.tributary.engine.operator.window;

/**
 * The running state of one aggregate for one (key, window). Values arrive boxed (as
 * {@link io.tributary.engine.batch.VectorValues} reads them); NULL is {@code null}.
 */
public interface Accumulator {
  void add(Object value);

  /** Folds in another accumulator of the same aggregate (session windows merging). */
  void merge(Accumulator other);

  /** The aggregate's value so far, boxed for the result type; {@code null} for SQL NULL. */
  Object result();
}
