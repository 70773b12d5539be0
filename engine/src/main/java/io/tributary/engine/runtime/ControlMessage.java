package io.tributary.engine.runtime;

/** Signals to a subtask that bypass its data queue (later: checkpoint barriers). */
sealed interface ControlMessage {
  record Stop(StopMode mode) implements ControlMessage {}
}
