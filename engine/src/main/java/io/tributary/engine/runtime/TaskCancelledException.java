package io.tributary.engine.runtime;

/**
 * Unwinds a subtask's thread when the task is cancelled; not a failure. Public so that channels
 * outside the engine (the workers' data plane) can end a sender interrupted while it waits.
 */
public final class TaskCancelledException extends RuntimeException {
  public TaskCancelledException() {
    super("task cancelled", null, false, false);
  }
}
