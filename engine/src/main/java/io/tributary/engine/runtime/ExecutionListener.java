package io.tributary.engine.runtime;

import io.tributary.proto.checkpoint.SubtaskCheckpoint;
import java.util.List;

/**
 * Receives a job's task events, from the subtasks' threads (implementations must be
 * thread-safe and should return quickly: a slow listener slows the dataflow). Only failures
 * must be handled by every listener; the other events are ignored unless a listener follows them.
 */
public interface ExecutionListener {
  default void taskStarted(SubtaskId task) {}

  /**
   * The task ended because its inputs ended (bounded sources) or it was stopped. Tasks
   * cancelled because another task failed report nothing more.
   */
  default void taskFinished(SubtaskId task) {}

  /**
   * @param operatorId the operator that failed
   * @param message what failed, in words a user can act on
   * @param details the technical details (stack trace)
   */
  void taskFailed(SubtaskId task, String operatorId, String message, String details);

  default void previewRows(String operatorId, int subtaskIndex, List<String> jsonRows, List<Long> timestampsMicros) {}

  default void previewFinished(String operatorId, int subtaskIndex) {}

  /**
   * A local subtask wrote its state for a checkpoint (once per subtask and epoch); the report
   * goes to the job's {@code CheckpointCoordinator}.
   */
  default void checkpointed(SubtaskCheckpoint checkpoint) {}
}
