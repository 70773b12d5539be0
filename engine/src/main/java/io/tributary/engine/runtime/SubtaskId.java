package io.tributary.engine.runtime;

/** One parallel instance of a node. */
public record SubtaskId(int nodeId, int subtaskIndex) {
  public SubtaskId {
    if (subtaskIndex < 0) {
      throw new IllegalArgumentException("subtaskIndex must not be negative: " + subtaskIndex);
    }
  }

  @Override
  public String toString() {
    return nodeId + "-" + subtaskIndex;
  }
}
