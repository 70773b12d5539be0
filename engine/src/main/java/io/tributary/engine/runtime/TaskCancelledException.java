package io.tributary.engine.runtime;

/** Unwinds a subtask's thread when the task is cancelled; not a failure. */
final class TaskCancelledException extends RuntimeException {
  TaskCancelledException() {
    super("task cancelled", null, false, false);
  }
}
