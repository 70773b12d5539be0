package io.tributary.engine.runtime;

/** Signals to a subtask that bypass its data queue. */
sealed interface ControlMessage {
  record Stop(StopMode mode) implements ControlMessage {}

  /** To a source subtask: inject the barrier between two polls. */
  record Checkpoint(CheckpointBarrier barrier, long triggeredMicros) implements ControlMessage {}

  /** The checkpoint of {@code epoch} is complete: two-phase-commit sinks commit. */
  record Commit(long epoch) implements ControlMessage {}
}
