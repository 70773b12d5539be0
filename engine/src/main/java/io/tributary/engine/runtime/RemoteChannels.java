package io.tributary.engine.runtime;

/** Opens channels to subtasks that run on other workers. */
@FunctionalInterface
public interface RemoteChannels {
  /**
   * A channel from local subtask {@code sender} to {@code receiver}, which another worker
   * runs, over edge {@code edgeIndex} of the program.
   */
  OutputChannel open(SubtaskId sender, SubtaskId receiver, int edgeIndex);

  /** For a single worker: every subtask must be local. */
  RemoteChannels NONE =
      (sender, receiver, edgeIndex) -> {
        throw new InvalidProgramException(
            "subtask " + receiver + " (fed by " + sender + ") is not on this worker and no "
                + "remote data channel is configured");
      };
}
