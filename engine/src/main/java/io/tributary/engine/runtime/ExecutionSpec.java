package io.tributary.engine.runtime;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.connector.ConnectorRegistry;
import io.tributary.proto.program.LogicalProgram;
import java.util.Set;

/**
 * A job to run on this worker.
 *
 * @param localSubtasks the subtasks this worker runs; edges to any other subtask go through
 *     the {@link RemoteChannels} of the {@link ExecutionOptions}
 */
public record ExecutionSpec(
    String jobId,
    LogicalProgram program,
    Set<SubtaskId> localSubtasks,
    ConnectorRegistry connectors,
    ExecutionListener listener) {
  public ExecutionSpec {
    requireNonNull(jobId, "jobId is null");
    requireNonNull(program, "program is null");
    localSubtasks = Set.copyOf(requireNonNull(localSubtasks, "localSubtasks is null"));
    requireNonNull(connectors, "connectors is null");
    requireNonNull(listener, "listener is null");
  }

  /** Every subtask of the program, for a single worker running all of it. */
  public static Set<SubtaskId> allSubtasks(LogicalProgram program) {
    java.util.Set<SubtaskId> all = new java.util.LinkedHashSet<>();
    for (io.tributary.proto.program.Node node : program.getNodesList()) {
      for (int i = 0; i < node.getParallelism(); i++) {
        all.add(new SubtaskId(node.getNodeId(), i));
      }
    }
    return all;
  }
}
