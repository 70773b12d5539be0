package io.tributary.engine.state;

/**
 * The capability of an operator or a source to keep state across a restart: at a checkpoint
 * barrier it writes its state, and a fresh instance of it (opened, nothing processed yet)
 * restores from what the old instances of all subtasks wrote, possibly at another parallelism.
 * Both calls happen on the subtask's thread, between the processing calls.
 */
public interface Stateful {
  /** Writes the state as it is now (everything before the barrier, nothing after). */
  void snapshot(StateWriter writer);

  /**
   * Restores from the checkpoint; called once, before any row, also when the checkpoint holds
   * nothing for this operator (a new operator: every table reads empty).
   */
  void restore(StateReader reader);
}
